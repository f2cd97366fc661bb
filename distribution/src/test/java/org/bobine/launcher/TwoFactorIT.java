package org.bobine.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * End-to-end: a user turns on two-factor authentication as PeerTube's web client does, and logins then need
 * a code from an authenticator app (computed here independently of Bobine, from RFC 6238).
 */
@Timeout(300)
class TwoFactorIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final String PASSWORD = "two factor password";

    @TempDir
    static Path temporary;

    static RunningInstance instance;
    static String clientId;
    static String clientSecret;

    @BeforeAll
    static void start() throws Exception {
        instance = RunningInstance.startWithRoot(temporary.resolve("data"), PASSWORD);
        RunningInstance.OAuthClient client = instance.oauthClient();
        clientId = client.id();
        clientSecret = client.secret();
    }

    @AfterAll
    static void stop() throws Exception {
        instance.close();
    }

    static HttpResponse<String> login(String username, String otp) throws Exception {
        String body = RunningInstance.passwordGrant(clientId, clientSecret, username, PASSWORD).entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + instance.port
                + "/api/v1/users/token")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (otp != null) {
            request.header("x-peertube-otp", otp);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String token(String username) throws Exception {
        HttpResponse<String> response = login(username, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).path("access_token").asText();
    }

    static HttpResponse<String> post(String path, String token, Object json) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://localhost:" + instance.port + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(json))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** RFC 6238 with SHA-1, 6 digits, 30-second steps: what an authenticator app shows. */
    static String code(String base32Secret, Instant time) throws Exception {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        ByteBuffer secret = ByteBuffer.allocate(base32Secret.length() * 5 / 8);
        int buffer = 0;
        int bits = 0;
        for (char c : base32Secret.toCharArray()) {
            buffer = (buffer << 5) | alphabet.indexOf(c);
            bits += 5;
            if (bits >= 8) {
                secret.put((byte) (buffer >> (bits - 8)));
                bits -= 8;
            }
        }
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(secret.array(), 0, secret.position(), "HmacSHA1"));
        byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(time.getEpochSecond() / 30).array());
        int offset = hash[19] & 0xf;
        int value = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
        return String.format("%06d", value % 1_000_000);
    }

    @Test
    void enablingTwoFactorMakesLoginsAskForACode() throws Exception {
        String root = token("root");
        HttpResponse<String> created = post("/api/v1/users", root, Map.of("username", "carol", "password", PASSWORD,
                "email", "carol@example.org", "role", 2));
        long id = JSON.readTree(created.body()).path("user").path("id").asLong();
        String carol = token("carol");
        String base = "/api/v1/users/" + id + "/two-factor";

        HttpResponse<String> wrongPassword = post(base + "/request", carol, Map.of("currentPassword", "nope"));
        assertThat(wrongPassword.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(wrongPassword.body()).path("code").asText()).isEqualTo("current_password_is_invalid");
        assertThat(post(base + "/request", root, Map.of("currentPassword", PASSWORD)).statusCode()).isEqualTo(403);

        JsonNode offer = JSON.readTree(post(base + "/request", carol, Map.of("currentPassword", PASSWORD)).body())
                .path("otpRequest");
        String secret = offer.path("secret").asText();
        assertThat(offer.path("uri").asText()).startsWith("otpauth://totp/").contains("secret=" + secret);
        String requestToken = offer.path("requestToken").asText();
        assertThat(post(base + "/confirm-request", carol, Map.of("requestToken", requestToken, "otpToken",
                "000000".equals(code(secret, Instant.now())) ? "111111" : "000000")).statusCode()).isEqualTo(403);
        assertThat(post(base + "/confirm-request", carol, Map.of("requestToken", requestToken, "otpToken",
                code(secret, Instant.now()))).statusCode()).isEqualTo(204);

        HttpResponse<String> missing = login("carol", null);
        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(missing.body()).path("code").asText()).isEqualTo("missing_two_factor");
        assertThat(missing.headers().firstValue("x-peertube-otp")).hasValue("required; app");
        HttpResponse<String> wrong = login("carol", "12345x");
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(wrong.body()).path("code").asText()).isEqualTo("invalid_two_factor");
        HttpResponse<String> withCode = login("carol", code(secret, Instant.now()));
        assertThat(withCode.statusCode()).as(withCode.body()).isEqualTo(200);
        String fresh = JSON.readTree(withCode.body()).path("access_token").asText();
        assertThat(CLIENT.send(HttpRequest.newBuilder(URI.create("http://localhost:" + instance.port
                + "/api/v1/users/me")).header("Authorization", "Bearer " + fresh).build(),
                HttpResponse.BodyHandlers.ofString()).body()).contains("\"twoFactorEnabled\":true");

        assertThat(post(base + "/disable", fresh, Map.of("currentPassword", PASSWORD)).statusCode()).isEqualTo(204);
        assertThat(login("carol", null).statusCode()).isEqualTo(200);
    }
}
