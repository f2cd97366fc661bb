package org.bobine.auth.internal;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;

import org.bobine.persistence.api.TransactionService;
import org.bobine.web.api.ApiException;
import org.bobine.web.api.ApiRequest;
import org.bobine.web.api.ApiRoutes;
import org.bobine.web.api.InstanceAddress;
import org.bobine.web.api.Router;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The instance's own OAuth client, created once on the first start and kept in the database:
 * {@code GET /api/v1/oauth-clients/local} gives it to PeerTube's clients, but only to requests addressed to the
 * instance's public host, as PeerTube does.
 */
@Component(service = ApiRoutes.class)
public class LocalOAuthClient implements ApiRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(LocalOAuthClient.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final InstanceAddress address;
    private final OAuthClient client;

    /** Binds the transaction service once this bundle's entities are part of the persistence unit. */
    static final String WITH_AUTH_ENTITIES = "(" + TransactionService.CONTRIBUTIONS + "=" + AuthEntities.NAME + ")";

    @Activate
    public LocalOAuthClient(@Reference(target = WITH_AUTH_ENTITIES) TransactionService transactions,
            @Reference InstanceAddress address) {
        this.address = address;
        this.client = findOrCreate(transactions);
    }

    static OAuthClient findOrCreate(TransactionService transactions) {
        OAuthClient existing = transactions.read(LocalOAuthClient::first);
        if (existing != null) {
            return existing;
        }
        try {
            OAuthClient created = transactions.call(em -> {
                OAuthClient again = first(em);
                if (again != null) {
                    return again;
                }
                OAuthClient client = new OAuthClient(randomHex(16), randomHex(16), Instant.now());
                em.persist(client);
                return client;
            });
            LOG.info("Created the instance's OAuth client");
            return created;
        } catch (PersistenceException e) {
            // Another node of the instance created it at the same moment: use theirs.
            OAuthClient theirs = transactions.read(LocalOAuthClient::first);
            if (theirs == null) {
                throw e;
            }
            return theirs;
        }
    }

    private static OAuthClient first(EntityManager em) {
        List<OAuthClient> clients = em.createQuery("select c from OAuthClient c order by c.id", OAuthClient.class)
                .setMaxResults(1).getResultList();
        return clients.isEmpty() ? null : clients.get(0);
    }

    static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    @Override
    public void register(Router router) {
        router.get("/oauth-clients/local", this::localClient);
    }

    Map<String, String> localClient(ApiRequest request) {
        String host = request.header("Host").orElse("");
        if (!host.equalsIgnoreCase(address.host())) {
            throw ApiException.forbidden("Getting client tokens for host " + host + " is forbidden");
        }
        Map<String, String> body = new LinkedHashMap<>();
        body.put("client_id", client.clientId());
        body.put("client_secret", client.clientSecret());
        return body;
    }
}
