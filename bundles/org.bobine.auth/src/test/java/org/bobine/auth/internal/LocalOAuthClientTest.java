package org.bobine.auth.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;

import org.bobine.persistence.api.TransactionService;
import org.bobine.web.api.ApiException;
import org.bobine.web.api.ApiRequest;
import org.bobine.web.api.InstanceAddress;
import org.junit.jupiter.api.Test;

class LocalOAuthClientTest {

    /** Transactions over one mocked entity manager holding the clients of {@code stored}. */
    private static TransactionService transactions(List<OAuthClient> stored) {
        EntityManager em = mock(EntityManager.class);
        @SuppressWarnings("unchecked")
        TypedQuery<OAuthClient> query = mock(TypedQuery.class);
        when(em.createQuery(anyString(), eq(OAuthClient.class))).thenReturn(query);
        when(query.setMaxResults(1)).thenReturn(query);
        when(query.getResultList()).thenAnswer(invocation -> List.copyOf(stored));
        org.mockito.Mockito.doAnswer(invocation -> stored.add(invocation.getArgument(0))).when(em).persist(any());
        return new TransactionService() {
            @Override
            public <T> T call(Function<EntityManager, T> work) {
                return work.apply(em);
            }

            @Override
            public void run(Consumer<EntityManager> work) {
                work.accept(em);
            }

            @Override
            public <T> T read(Function<EntityManager, T> work) {
                return work.apply(em);
            }

            @Override
            public String databaseProduct() {
                return "test";
            }
        };
    }

    private static InstanceAddress address(String host) {
        InstanceAddress address = mock(InstanceAddress.class);
        when(address.host()).thenReturn(host);
        return address;
    }

    private static ApiRequest requestFor(String host) {
        ApiRequest request = mock(ApiRequest.class);
        when(request.header("Host")).thenReturn(Optional.ofNullable(host));
        return request;
    }

    @Test
    void createsTheClientOnceAndKeepsIt() {
        List<OAuthClient> stored = new ArrayList<>();
        OAuthClient first = LocalOAuthClient.findOrCreate(transactions(stored));
        OAuthClient second = LocalOAuthClient.findOrCreate(transactions(stored));
        assertThat(stored).hasSize(1);
        assertThat(second).isSameAs(first);
        assertThat(first.clientId()).hasSize(32).matches("[0-9a-f]+");
        assertThat(first.clientSecret()).hasSize(32).isNotEqualTo(first.clientId());
    }

    @Test
    void givesTheClientOnlyToRequestsForTheInstancesHost() {
        List<OAuthClient> stored = new ArrayList<>(List.of(new OAuthClient("id", "secret", Instant.EPOCH)));
        LocalOAuthClient routes = new LocalOAuthClient(transactions(stored), address("videos.example.org:9000"));
        assertThat(routes.localClient(requestFor("videos.example.org:9000")))
                .containsEntry("client_id", "id").containsEntry("client_secret", "secret");
        assertThat(routes.localClient(requestFor("VIDEOS.example.org:9000"))).containsEntry("client_id", "id");
        for (String other : new String[] {"elsewhere.example.org", "videos.example.org", "127.0.0.1:9000", null}) {
            assertThatThrownBy(() -> routes.localClient(requestFor(other))).as(String.valueOf(other))
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.status()).isEqualTo(403);
                        assertThat(e.getMessage()).startsWith("Getting client tokens for host");
                    });
        }
    }
}
