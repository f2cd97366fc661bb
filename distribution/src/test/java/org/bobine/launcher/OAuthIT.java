package org.bobine.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * End-to-end: PeerTube's OAuth password flow against {@code bobine.jar}, as PeerTube's clients drive it.
 */
@Timeout(300)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OAuthIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final String ROOT_PASSWORD = "a root password";

    @TempDir
    static Path temporary;

    static RunningInstance instance;
    static String clientId;
    static String clientSecret;

    @BeforeAll
    static void start() throws Exception {
        instance = RunningInstance.startWithRoot(temporary.resolve("data"), ROOT_PASSWORD);
        RunningInstance.OAuthClient client = instance.oauthClient();
        clientId = client.id();
        clientSecret = client.secret();
    }

    @AfterAll
    static void stop() throws Exception {
        instance.close();
    }

    static HttpResponse<String> post(String path, Map<String, String> form, String token) throws Exception {
        return instance.postForm(path, form, token);
    }

    static HttpResponse<String> getWithToken(String path, String token) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://localhost:" + instance.port + path))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    }

    static Map<String, String> login(String username, String password) {
        return RunningInstance.passwordGrant(clientId, clientSecret, username, password);
    }

    @Test
    void rootLogsInWithTheConfiguredPasswordAndSeesItself() throws Exception {
        HttpResponse<String> response = post("/api/v1/users/token", login("root", ROOT_PASSWORD), null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonNode tokens = JSON.readTree(response.body());
        assertThat(tokens.path("token_type").asText()).isEqualTo("Bearer");
        assertThat(tokens.path("access_token").asText()).matches("[0-9a-f]{40}");
        assertThat(tokens.path("refresh_token").asText()).matches("[0-9a-f]{40}");
        assertThat(tokens.path("expires_in").asLong()).isEqualTo(86_400);
        assertThat(tokens.path("refresh_token_expires_in").asLong()).isEqualTo(1_209_600);

        JsonNode me = JSON.readTree(getWithToken("/api/v1/users/me", tokens.path("access_token").asText()).body());
        assertThat(me.path("username").asText()).isEqualTo("root");
        assertThat(me.path("role").path("id").asInt()).isZero();
        assertThat(me.path("role").path("label").asText()).isEqualTo("Administrator");
        assertThat(me.path("email").asText()).isEqualTo("admin@example.com");
    }

    @Test
    void theEmailAddressLogsInToo() throws Exception {
        assertThat(post("/api/v1/users/token", login("ADMIN@example.com", ROOT_PASSWORD), null).statusCode())
                .isEqualTo(200);
    }

    @Test
    void aRefreshReplacesThePairAndARevokedTokenStopsWorking() throws Exception {
        JsonNode first = JSON.readTree(post("/api/v1/users/token", login("root", ROOT_PASSWORD), null).body());
        Map<String, String> refresh = new LinkedHashMap<>();
        refresh.put("client_id", clientId);
        refresh.put("client_secret", clientSecret);
        refresh.put("grant_type", "refresh_token");
        refresh.put("refresh_token", first.path("refresh_token").asText());
        HttpResponse<String> refreshed = post("/api/v1/users/token", refresh, null);
        assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
        String access = JSON.readTree(refreshed.body()).path("access_token").asText();

        assertThat(getWithToken("/api/v1/users/me", first.path("access_token").asText()).statusCode())
                .isEqualTo(401);
        HttpResponse<String> reused = post("/api/v1/users/token", refresh, null);
        assertThat(reused.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(reused.body()).path("code").asText()).isEqualTo("invalid_grant");

        assertThat(getWithToken("/api/v1/users/me", access).statusCode()).isEqualTo(200);
        assertThat(post("/api/v1/users/revoke-token", Map.of(), access).statusCode()).isEqualTo(200);
        HttpResponse<String> revoked = getWithToken("/api/v1/users/me", access);
        assertThat(revoked.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(revoked.body()).path("code").asText()).isEqualTo("invalid_token");
    }

    @Test
    void wrongCredentialsAndClientsAreRefusedAsPeerTubeRefusesThem() throws Exception {
        HttpResponse<String> wrongPassword = post("/api/v1/users/token", login("root", "not the password"), null);
        assertThat(wrongPassword.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(wrongPassword.body()).path("code").asText()).isEqualTo("invalid_grant");
        HttpResponse<String> nobody = post("/api/v1/users/token", login("nobody", "whatever"), null);
        assertThat(JSON.readTree(nobody.body()).path("detail").asText())
                .isEqualTo(JSON.readTree(wrongPassword.body()).path("detail").asText());

        Map<String, String> badClient = login("root", ROOT_PASSWORD);
        badClient.put("client_secret", "wrong");
        HttpResponse<String> client = post("/api/v1/users/token", badClient, null);
        assertThat(client.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(client.body()).path("code").asText()).isEqualTo("invalid_client");

        HttpResponse<String> json = CLIENT.send(HttpRequest.newBuilder(URI.create("http://localhost:"
                + instance.port + "/api/v1/users/token")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(json.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(json.body()).path("code").asText()).isEqualTo("invalid_request");

        assertThat(getWithToken("/api/v1/users/me", "0".repeat(40)).statusCode()).isEqualTo(401);
    }

    @Test
    @Order(Integer.MAX_VALUE) // Last: it exhausts this address's login attempts.
    void loginAttemptsAreLimitedPerAddress() throws Exception {
        // The other tests of this class log in a few times; the limit is 15 per 5 minutes.
        HttpResponse<String> last = null;
        for (int i = 0; i < 16; i++) {
            last = post("/api/v1/users/token", login("root", "guess " + i), null);
            if (last.statusCode() == 429) {
                break;
            }
        }
        assertThat(last.statusCode()).isEqualTo(429);
        assertThat(Long.parseLong(last.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 301L);
    }
}
