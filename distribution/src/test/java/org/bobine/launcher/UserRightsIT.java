package org.bobine.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * End-to-end: every protected endpoint, called by an anonymous client, a user, a moderator and an
 * administrator, answers as PeerTube's rights say.
 */
@Timeout(300)
class UserRightsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "a good password";
    private static final AtomicInteger NAMES = new AtomicInteger();

    @TempDir
    static Path temporary;

    static RunningInstance instance;
    static String clientId;
    static String clientSecret;
    static String admin;
    static String moderator;
    static String user;

    enum Caller { ANONYMOUS, USER, MODERATOR, ADMINISTRATOR }

    @BeforeAll
    static void start() throws Exception {
        instance = RunningInstance.startWithRoot(temporary.resolve("data"), PASSWORD);
        RunningInstance.OAuthClient client = instance.oauthClient();
        clientId = client.id();
        clientSecret = client.secret();
        admin = login("root");
        createUser(admin, "moderator", 1);
        createUser(admin, "user", 2);
        moderator = login("moderator");
        user = login("user");
    }

    @AfterAll
    static void stop() throws Exception {
        instance.close();
    }

    static HttpResponse<String> call(String method, String path, String token, Object json) throws Exception {
        return instance.call(method, path, token, json);
    }

    static String login(String username) throws Exception {
        HttpResponse<String> response = instance.postForm("/api/v1/users/token",
                RunningInstance.passwordGrant(clientId, clientSecret, username, PASSWORD), null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).path("access_token").asText();
    }

    static long createUser(String token, String username, int role) throws Exception {
        HttpResponse<String> response = call("POST", "/api/v1/users", token, Map.of("username", username,
                "password", PASSWORD, "email", username + "@example.org", "role", role));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).path("user").path("id").asLong();
    }

    static long throwawayUser() throws Exception {
        return createUser(admin, "target" + NAMES.incrementAndGet(), 2);
    }

    static String token(Caller caller) {
        return switch (caller) {
            case ANONYMOUS -> null;
            case USER -> user;
            case MODERATOR -> moderator;
            case ADMINISTRATOR -> admin;
        };
    }

    /** An endpoint of the matrix: how to call it, and what a caller with the right gets. */
    interface Endpoint {
        HttpResponse<String> call(String token) throws Exception;
    }

    static void expect(String name, Endpoint endpoint, int allowed, Caller... allowedCallers) throws Exception {
        List<Caller> withRight = List.of(allowedCallers);
        for (Caller caller : Caller.values()) {
            int expected = caller == Caller.ANONYMOUS ? 401 : withRight.contains(caller) ? allowed : 403;
            HttpResponse<String> response = endpoint.call(token(caller));
            assertThat(response.statusCode()).as(name + " as " + caller + ": " + response.body()).isEqualTo(expected);
        }
    }

    @Test
    void everyProtectedEndpointChecksItsRight() throws Exception {
        Caller[] staff = {Caller.MODERATOR, Caller.ADMINISTRATOR};
        Caller[] everyone = {Caller.USER, Caller.MODERATOR, Caller.ADMINISTRATOR};
        expect("GET /users/me", token -> call("GET", "/api/v1/users/me", token, null), 200, everyone);
        expect("GET /users", token -> call("GET", "/api/v1/users", token, null), 200, staff);
        expect("POST /users", token -> call("POST", "/api/v1/users", token, Map.of("username",
                "created" + NAMES.incrementAndGet(), "password", PASSWORD, "email", "c" + NAMES.incrementAndGet()
                        + "@example.org", "role", 2)), 200, staff);
        long target = throwawayUser();
        expect("GET /users/{id}", token -> call("GET", "/api/v1/users/" + target, token, null), 200, staff);
        expect("PUT /users/{id}", token -> call("PUT", "/api/v1/users/" + target, token,
                Map.of("videoQuota", 1_000_000)), 204, staff);
        expect("GET /users/autocomplete", token -> call("GET", "/api/v1/users/autocomplete?search=tar", token, null),
                200, staff);
        expect("POST /users/{id}/block", token -> call("POST", "/api/v1/users/" + target + "/block", token,
                Map.of("reason", "spamming")), 204, staff);
        expect("POST /users/{id}/unblock", token -> call("POST", "/api/v1/users/" + target + "/unblock", token,
                null), 204, staff);
        expect("DELETE /users/{id}", token -> call("DELETE", "/api/v1/users/" + throwawayUser(), token, null), 204,
                staff);
        expect("GET /users/me/video-quota-used", token -> call("GET", "/api/v1/users/me/video-quota-used", token,
                null), 200, everyone);

        // Registrations: the right is checked before the registration is looked for.
        expect("GET /users/registrations", token -> call("GET", "/api/v1/users/registrations", token, null), 200,
                staff);
        expect("POST /users/registrations/{id}/accept", token -> call("POST",
                "/api/v1/users/registrations/999999/accept", token, Map.of("moderationResponse", "Welcome")), 404,
                staff);
        expect("POST /users/registrations/{id}/reject", token -> call("POST",
                "/api/v1/users/registrations/999999/reject", token, Map.of("moderationResponse", "No")), 404, staff);
        expect("DELETE /users/registrations/{id}", token -> call("DELETE", "/api/v1/users/registrations/999999",
                token, null), 404, staff);

        // Two-factor authentication: a user's own, which nobody else may change, not even an administrator.
        long userId = JSON.readTree(call("GET", "/api/v1/users/me", user, null).body()).path("id").asLong();
        expect("POST /users/{id}/two-factor/request", token -> call("POST", "/api/v1/users/" + userId
                + "/two-factor/request", token, Map.of("currentPassword", PASSWORD)), 200, Caller.USER);
        // Then the user's own calls fail on their merits (no such request, not enabled), after the rights check.
        expect("POST /users/{id}/two-factor/confirm-request", token -> call("POST", "/api/v1/users/" + userId
                + "/two-factor/confirm-request", token, Map.of("requestToken", "unknown", "otpToken", "123456")),
                400, Caller.USER);
        expect("POST /users/{id}/two-factor/disable", token -> call("POST", "/api/v1/users/" + userId
                + "/two-factor/disable", token, Map.of("currentPassword", PASSWORD)), 400, Caller.USER);
    }

    @Test
    void moderatorsCannotCreateOrManageStaff() throws Exception {
        HttpResponse<String> promote = call("POST", "/api/v1/users", moderator, Map.of("username", "newmod",
                "password", PASSWORD, "email", "newmod@example.org", "role", 1));
        assertThat(promote.statusCode()).isEqualTo(403);
        long otherModerator = createUser(admin, "othermod", 1);
        assertThat(call("POST", "/api/v1/users/" + otherModerator + "/block", moderator, null).statusCode())
                .isEqualTo(403);
        assertThat(call("DELETE", "/api/v1/users/" + otherModerator, moderator, null).statusCode()).isEqualTo(403);
        assertThat(call("POST", "/api/v1/users/" + otherModerator + "/block", admin, null).statusCode())
                .isEqualTo(204);
    }

    @Test
    void usersChangeTheirPasswordAndEmailWithTheirCurrentPassword() throws Exception {
        createUser(admin, "changer", 2);
        String token = login("changer");
        HttpResponse<String> wrong = call("PUT", "/api/v1/users/me", token, Map.of("password", "a new password",
                "currentPassword", "not it"));
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(wrong.body()).path("code").asText()).isEqualTo("current_password_is_invalid");
        HttpResponse<String> unsupported = call("PUT", "/api/v1/users/me", token, Map.of("favouriteColour", "blue"));
        assertThat(unsupported.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(unsupported.body()).path("invalid-params").has("favouriteColour")).isTrue();
        assertThat(call("PUT", "/api/v1/users/me", token, Map.of("email", "user@example.org", "currentPassword",
                PASSWORD)).statusCode()).isEqualTo(409);
        assertThat(call("PUT", "/api/v1/users/me", token, Map.of("email", "changed@example.org",
                "currentPassword", PASSWORD)).statusCode()).isEqualTo(204);
        assertThat(JSON.readTree(call("GET", "/api/v1/users/me", token, null).body()).path("email").asText())
                .isEqualTo("changed@example.org");
        assertThat(call("PUT", "/api/v1/users/me", null, Map.of("email", "x@example.org")).statusCode())
                .isEqualTo(401);

        assertThat(call("PUT", "/api/v1/users/me", token, Map.of("password", "another good password",
                "currentPassword", PASSWORD)).statusCode()).isEqualTo(204);
        HttpResponse<String> withNew = instance.postForm("/api/v1/users/token", RunningInstance.passwordGrant(
                clientId, clientSecret, "changer", "another good password"), null);
        assertThat(withNew.statusCode()).as(withNew.body()).isEqualTo(200);
    }

    @Test
    void usersCanDeleteThemselvesButRootCannot() throws Exception {
        createUser(admin, "leaving", 2);
        String token = login("leaving");
        assertThat(call("DELETE", "/api/v1/users/me", token, null).statusCode()).isEqualTo(204);
        assertThat(call("GET", "/api/v1/users/me", token, null).statusCode()).isEqualTo(401);
        assertThat(call("DELETE", "/api/v1/users/me", admin, null).statusCode()).isEqualTo(400);
        assertThat(call("DELETE", "/api/v1/users/me", null, null).statusCode()).isEqualTo(401);
    }

    @Test
    void anUpdateChangesOnlyTheGivenFieldsWithinTheActorsPowers() throws Exception {
        long id = createUser(admin, "updated", 2);
        assertThat(call("PUT", "/api/v1/users/" + id, admin, Map.of("videoQuota", 5_000, "role", 1)).statusCode())
                .isEqualTo(204);
        JsonNode user = JSON.readTree(call("GET", "/api/v1/users/" + id, admin, null).body());
        assertThat(user.path("videoQuota").asLong()).isEqualTo(5_000);
        assertThat(user.path("role").path("id").asInt()).isEqualTo(1);
        assertThat(user.path("email").asText()).isEqualTo("updated@example.org");
        assertThat(call("PUT", "/api/v1/users/" + id, moderator, Map.of("videoQuota", 1)).statusCode())
                .isEqualTo(403);
        long plain = createUser(admin, "plain", 2);
        assertThat(call("PUT", "/api/v1/users/" + plain, moderator, Map.of("role", 0)).statusCode()).isEqualTo(403);
        assertThat(call("PUT", "/api/v1/users/" + plain, admin, Map.of("email", "user@example.org")).statusCode())
                .isEqualTo(409);
        assertThat(call("PUT", "/api/v1/users/1", admin, Map.of("role", 2)).statusCode()).isEqualTo(400);
        JsonNode found = JSON.readTree(call("GET", "/api/v1/users/autocomplete?search=pla", admin, null).body());
        assertThat(found.get(0).path("username").asText()).isEqualTo("plain");
    }

    @Test
    void aBlockedUsersTokensStopWorkingAtOnce() throws Exception {
        long id = createUser(admin, "blockme", 2);
        String token = login("blockme");
        assertThat(call("GET", "/api/v1/users/me", token, null).statusCode()).isEqualTo(200);
        assertThat(call("POST", "/api/v1/users/" + id + "/block", admin, Map.of("reason", "abuse")).statusCode())
                .isEqualTo(204);
        assertThat(call("GET", "/api/v1/users/me", token, null).statusCode()).isEqualTo(401);
        assertThat(call("POST", "/api/v1/users/" + id + "/unblock", admin, null).statusCode()).isEqualTo(204);
        assertThat(call("GET", "/api/v1/users/me", token, null).statusCode()).isEqualTo(200);
    }

    @Test
    void badUsersAreRefusedWithTheirFieldsNamed() throws Exception {
        HttpResponse<String> bad = call("POST", "/api/v1/users", admin, Map.of("username", "Not Valid",
                "password", "123", "email", "nope", "role", 7));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(bad.body()).path("invalid-params").fieldNames()).toIterable()
                .containsExactly("username", "password", "email", "role");
        HttpResponse<String> duplicate = call("POST", "/api/v1/users", admin, Map.of("username", "user",
                "password", PASSWORD, "email", "another@example.org", "role", 2));
        assertThat(duplicate.statusCode()).isEqualTo(409);
        assertThat(call("DELETE", "/api/v1/users/1", admin, null).statusCode()).isEqualTo(400);
        assertThat(call("GET", "/api/v1/users/999999", admin, null).statusCode()).isEqualTo(404);
    }
}
