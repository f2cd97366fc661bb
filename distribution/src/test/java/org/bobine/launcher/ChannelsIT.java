package org.bobine.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
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
 * End-to-end: accounts and video channels. Every user has an account and a default channel, created and removed
 * with the user; users create, change and remove channels within PeerTube's rules and rights.
 */
@Timeout(300)
class ChannelsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "a good password";
    private static final int MAX_PER_USER = 4;
    private static final AtomicInteger NAMES = new AtomicInteger();

    @TempDir
    static Path temporary;

    static RunningInstance instance;
    static RunningInstance.OAuthClient client;
    static String admin;
    static String moderator;
    static String owner;
    static String other;

    enum Caller { ANONYMOUS, OWNER, OTHER_USER, MODERATOR, ADMINISTRATOR }

    @BeforeAll
    static void start() throws Exception {
        Path data = temporary.resolve("data");
        Files.createDirectories(data);
        // Keys left out of the file take their defaults.
        Files.writeString(data.resolve("bobine.yaml"), "video_channels:\n  max_per_user: " + MAX_PER_USER + "\n");
        instance = RunningInstance.startWithRoot(data, PASSWORD);
        client = instance.oauthClient();
        admin = login("root");
        createUser("moderator", 1);
        createUser("owner", 2);
        createUser("other", 2);
        moderator = login("moderator");
        owner = login("owner");
        other = login("other");
    }

    @AfterAll
    static void stop() throws Exception {
        instance.close();
    }

    static HttpResponse<String> call(String method, String path, String token, Object json) throws Exception {
        return instance.call(method, path, token, json);
    }

    static JsonNode ok(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    static String login(String username) throws Exception {
        return ok(instance.postForm("/api/v1/users/token", client.passwordGrant(username, PASSWORD), null))
                .path("access_token").asText();
    }

    static long createUser(String username, int role) throws Exception {
        return ok(call("POST", "/api/v1/users", admin, Map.of("username", username, "password", PASSWORD, "email",
                username + "@example.org", "role", role))).path("user").path("id").asLong();
    }

    static String newChannel(String token) throws Exception {
        String name = "channel" + NAMES.incrementAndGet();
        ok(call("POST", "/api/v1/video-channels", token, Map.of("name", name, "displayName", "Channel " + name)));
        return name;
    }

    @Test
    void rootHasAnAccountAndAChannelFromTheFirstStart() throws Exception {
        JsonNode root = ok(instance.await("/api/v1/accounts/root", r -> r.statusCode() == 200,
                Duration.ofSeconds(30)));
        assertThat(root.path("name").asText()).isEqualTo("root");
        assertThat(root.path("host").asText()).isEqualTo("localhost:" + instance.port);
        assertThat(root.path("url").asText()).isEqualTo("http://localhost:" + instance.port + "/accounts/root");
        assertThat(root.path("userId").asLong()).isEqualTo(1);
        JsonNode channel = ok(call("GET", "/api/v1/video-channels/root_channel", null, null));
        assertThat(channel.path("displayName").asText()).isEqualTo("Main root channel");
        assertThat(channel.path("isLocal").asBoolean()).isTrue();
        assertThat(channel.path("ownerAccount").path("name").asText()).isEqualTo("root");
        assertThat(ok(call("GET", "/api/v1/video-channels/root_channel@localhost:" + instance.port, null, null))
                .path("id").asLong()).isEqualTo(channel.path("id").asLong());
        assertThat(call("GET", "/api/v1/video-channels/root_channel@elsewhere.example", null, null).statusCode())
                .isEqualTo(404);

        JsonNode config = ok(call("GET", "/api/v1/config", null, null));
        assertThat(config.path("videoChannels").path("maxPerUser").asInt()).isEqualTo(MAX_PER_USER);
    }

    @Test
    void aNewUserHasAnAccountAndADefaultChannelInTheirUserDocument() throws Exception {
        HttpResponse<String> created = call("POST", "/api/v1/users", admin, Map.of("username", "newcomer",
                "password", PASSWORD, "email", "newcomer@example.org", "role", 2));
        long accountId = ok(created).path("user").path("account").path("id").asLong();
        JsonNode me = ok(call("GET", "/api/v1/users/me", login("newcomer"), null));
        assertThat(me.path("account").path("id").asLong()).isEqualTo(accountId);
        assertThat(me.path("account").path("name").asText()).isEqualTo("newcomer");
        assertThat(me.path("account").path("displayName").asText()).isEqualTo("newcomer");
        assertThat(me.path("videoChannels")).hasSize(1);
        assertThat(me.path("videoChannels").get(0).path("name").asText()).isEqualTo("newcomer_channel");
        assertThat(me.path("videoChannels").get(0).path("displayName").asText()).isEqualTo("Main newcomer channel");

        JsonNode list = ok(call("GET", "/api/v1/accounts?sort=-createdAt&count=1", null, null));
        assertThat(list.path("total").asInt()).isGreaterThanOrEqualTo(5);
        assertThat(list.path("data").get(0).path("name").asText()).isEqualTo("newcomer");
        JsonNode channels = ok(call("GET", "/api/v1/accounts/newcomer/video-channels", null, null));
        assertThat(channels.path("total").asInt()).isEqualTo(1);
        assertThat(call("GET", "/api/v1/accounts?sort=name", null, null).statusCode()).isEqualTo(400);
        assertThat(call("GET", "/api/v1/accounts/nobody", null, null).statusCode()).isEqualTo(404);

        HttpResponse<String> taken = call("POST", "/api/v1/users", admin, Map.of("username", "newcomer_channel",
                "password", PASSWORD, "email", "taken@example.org", "role", 2));
        assertThat(taken.statusCode()).as(taken.body()).isEqualTo(409);
        assertThat(JSON.readTree(taken.body()).path("detail").asText()).isEqualTo(
                "Another actor (account/channel) with this name on this instance already exists or has already "
                        + "existed.");
        HttpResponse<String> same = call("POST", "/api/v1/users", admin, Map.of("username", "samename",
                "password", PASSWORD, "email", "same@example.org", "role", 2, "channelName", "samename"));
        assertThat(same.statusCode()).as(same.body()).isEqualTo(400);
    }

    @Test
    void channelsAreCreatedChangedAndRemovedWithinPeerTubesRules() throws Exception {
        createUser("creator", 2);
        String creator = login("creator");
        HttpResponse<String> bad = call("POST", "/api/v1/video-channels", creator, Map.of("name", "Not Valid",
                "displayName", "", "description", "x", "support", "y"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(bad.body()).path("invalid-params").fieldNames()).toIterable()
                .containsExactly("name", "displayName", "description", "support");

        JsonNode created = ok(call("POST", "/api/v1/video-channels", creator, Map.of("name", "birds", "displayName",
                "Birds", "description", "Films about birds", "support", "Thanks")));
        long id = created.path("videoChannel").path("id").asLong();
        JsonNode birds = ok(call("GET", "/api/v1/video-channels/birds", null, null));
        assertThat(birds.path("id").asLong()).isEqualTo(id);
        assertThat(birds.path("description").asText()).isEqualTo("Films about birds");
        assertThat(birds.path("ownerAccount").path("name").asText()).isEqualTo("creator");

        for (String name : List.of("birds", "creator", "root_channel")) {
            HttpResponse<String> taken = call("POST", "/api/v1/video-channels", creator, Map.of("name", name,
                    "displayName", "Taken"));
            assertThat(taken.statusCode()).as(name).isEqualTo(409);
        }

        HttpResponse<String> badUpdate = call("PUT", "/api/v1/video-channels/birds", creator, Map.of("displayName",
                "", "support", "no"));
        assertThat(badUpdate.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(badUpdate.body()).path("invalid-params").fieldNames()).toIterable()
                .containsExactly("displayName", "support");
        Map<String, Object> change = new HashMap<>();
        change.put("displayName", "Birds of prey");
        change.put("description", null);
        change.put("bulkVideosSupportUpdate", true);
        assertThat(call("PUT", "/api/v1/video-channels/birds", creator, change).statusCode()).isEqualTo(204);
        birds = ok(call("GET", "/api/v1/video-channels/birds", null, null));
        assertThat(birds.path("displayName").asText()).isEqualTo("Birds of prey");
        assertThat(birds.path("description").isNull()).isTrue();
        assertThat(birds.path("support").asText()).isEqualTo("Thanks");

        // The limit counts the default channel.
        newChannel(creator);
        newChannel(creator);
        HttpResponse<String> tooMany = call("POST", "/api/v1/video-channels", creator, Map.of("name", "onemore",
                "displayName", "One more"));
        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(tooMany.body()).path("detail").asText())
                .isEqualTo("You cannot create more than " + MAX_PER_USER + " channels");

        JsonNode mine = ok(call("GET", "/api/v1/accounts/creator/video-channels?sort=name", null, null));
        assertThat(mine.path("total").asInt()).isEqualTo(MAX_PER_USER);
        assertThat(mine.path("data").get(0).path("name").asText()).isEqualTo("birds");
        assertThat(ok(call("GET", "/api/v1/video-channels?sort=-createdAt&count=2", null, null)).path("data"))
                .hasSize(2);
        assertThat(call("GET", "/api/v1/video-channels?sort=displayName", null, null).statusCode()).isEqualTo(400);

        for (JsonNode channel : mine.path("data")) {
            if (!channel.path("name").asText().equals("creator_channel")) {
                assertThat(call("DELETE", "/api/v1/video-channels/" + channel.path("name").asText(), creator, null)
                        .statusCode()).isEqualTo(204);
            }
        }
        HttpResponse<String> last = call("DELETE", "/api/v1/video-channels/creator_channel", creator, null);
        assertThat(last.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(last.body()).path("detail").asText())
                .isEqualTo("Cannot remove the last channel of this user");
        assertThat(call("GET", "/api/v1/video-channels/birds", null, null).statusCode()).isEqualTo(404);
        assertThat(call("POST", "/api/v1/video-channels", creator, Map.of("name", "birds", "displayName", "Again"))
                .statusCode()).as("a removed channel's name is never given again").isEqualTo(409);
    }

    /** An endpoint of the matrix, called on a channel of the owner's made for the call. */
    interface Endpoint {
        HttpResponse<String> call(String token, String channel) throws Exception;
    }

    static String token(Caller caller) {
        return switch (caller) {
            case ANONYMOUS -> null;
            case OWNER -> owner;
            case OTHER_USER -> other;
            case MODERATOR -> moderator;
            case ADMINISTRATOR -> admin;
        };
    }

    static void expect(String name, Endpoint endpoint, int allowed, Caller... allowedCallers) throws Exception {
        List<Caller> withRight = List.of(allowedCallers);
        for (Caller caller : Caller.values()) {
            int expected = caller == Caller.ANONYMOUS ? 401 : withRight.contains(caller) ? allowed : 403;
            String channel = newChannel(owner);
            HttpResponse<String> response = endpoint.call(token(caller), channel);
            assertThat(response.statusCode()).as(name + " as " + caller + ": " + response.body()).isEqualTo(expected);
            if (response.statusCode() != 204 || !name.startsWith("DELETE")) {
                assertThat(call("DELETE", "/api/v1/video-channels/" + channel, owner, null).statusCode())
                        .isEqualTo(204);
            }
        }
    }

    @Test
    void everyProtectedEndpointChecksItsRight() throws Exception {
        Caller[] managers = {Caller.OWNER, Caller.MODERATOR, Caller.ADMINISTRATOR};
        expect("PUT /video-channels/{handle}", (token, channel) -> call("PUT", "/api/v1/video-channels/" + channel,
                token, Map.of("displayName", "Renamed")), 204, managers);
        expect("DELETE /video-channels/{handle}", (token, channel) -> call("DELETE", "/api/v1/video-channels/"
                + channel, token, null), 204, managers);

        for (Caller caller : Caller.values()) {
            String token = token(caller);
            HttpResponse<String> created = call("POST", "/api/v1/video-channels", token, Map.of("name",
                    "by" + caller.name().toLowerCase(), "displayName", "By " + caller));
            assertThat(created.statusCode()).as("POST /video-channels as " + caller + ": " + created.body())
                    .isEqualTo(caller == Caller.ANONYMOUS ? 401 : 200);
            if (caller != Caller.ANONYMOUS) {
                assertThat(call("DELETE", "/api/v1/video-channels/by" + caller.name().toLowerCase(), token, null)
                        .statusCode()).isEqualTo(204);
            }
            for (String path : List.of("/api/v1/accounts", "/api/v1/accounts/owner",
                    "/api/v1/accounts/owner/video-channels", "/api/v1/video-channels",
                    "/api/v1/video-channels/owner_channel")) {
                assertThat(call("GET", path, token, null).statusCode()).as("GET " + path + " as " + caller)
                        .isEqualTo(200);
            }
        }
    }

    @Test
    void aDeletedUsersAccountAndChannelsAreGone() throws Exception {
        long id = createUser("departing", 2);
        String departing = login("departing");
        ok(call("POST", "/api/v1/video-channels", departing, Map.of("name", "departing_films", "displayName",
                "Films")));
        assertThat(call("DELETE", "/api/v1/users/" + id, admin, null).statusCode()).isEqualTo(204);
        for (String path : List.of("/api/v1/accounts/departing", "/api/v1/accounts/departing/video-channels",
                "/api/v1/video-channels/departing_channel", "/api/v1/video-channels/departing_films")) {
            assertThat(call("GET", path, null, null).statusCode()).as(path).isEqualTo(404);
        }

        createUser("leaving", 2);
        assertThat(call("DELETE", "/api/v1/users/me", login("leaving"), null).statusCode()).isEqualTo(204);
        assertThat(call("GET", "/api/v1/accounts/leaving", null, null).statusCode()).isEqualTo(404);
        assertThat(call("GET", "/api/v1/video-channels/leaving_channel", null, null).statusCode()).isEqualTo(404);

        HttpResponse<String> again = call("POST", "/api/v1/users", admin, Map.of("username", "departing",
                "password", PASSWORD, "email", "departing2@example.org", "role", 2));
        assertThat(again.statusCode()).as("a removed account's name is never given again: " + again.body())
                .isEqualTo(409);
    }
}
