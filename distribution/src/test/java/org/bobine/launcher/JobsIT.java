package org.bobine.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * End-to-end: the job administration API, for holders of the right to manage jobs only; pausing and resuming
 * the queue.
 */
@Timeout(300)
class JobsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "a good password";

    @TempDir
    static Path temporary;

    static RunningInstance instance;
    static RunningInstance.OAuthClient client;
    static String admin;
    static String moderator;
    static String user;

    @BeforeAll
    static void start() throws Exception {
        Path data = temporary.resolve("data");
        Files.createDirectories(data);
        instance = RunningInstance.startWithRoot(data, PASSWORD);
        client = instance.oauthClient();
        admin = login("root");
        createUser("moderator", 1);
        createUser("someone", 2);
        moderator = login("moderator");
        user = login("someone");
    }

    @AfterAll
    static void stop() throws Exception {
        instance.close();
    }

    static HttpResponse<String> call(String method, String path, String token) throws Exception {
        return instance.call(method, path, token, null);
    }

    static JsonNode ok(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    static String login(String username) throws Exception {
        return ok(instance.postForm("/api/v1/users/token", client.passwordGrant(username, PASSWORD), null))
                .path("access_token").asText();
    }

    static void createUser(String username, int role) throws Exception {
        ok(instance.call("POST", "/api/v1/users", admin, Map.of("username", username, "password", PASSWORD,
                "email", username + "@example.org", "role", role)));
    }

    /** The jobs bundle's routes appear once its tables are migrated. */
    static JsonNode awaitJobs(String path) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        HttpResponse<String> response = call("GET", path, admin);
        while (response.statusCode() == 404 && System.nanoTime() < deadline) {
            Thread.sleep(200);
            response = call("GET", path, admin);
        }
        return ok(response);
    }

    @Test
    void onlyThoseWhoManageJobsSeeThem() throws Exception {
        JsonNode waiting = awaitJobs("/api/v1/jobs/waiting?start=0&count=10&sort=-createdAt");
        assertThat(waiting.path("total").isNumber()).isTrue();
        assertThat(waiting.path("data").isArray()).isTrue();
        for (String state : new String[] {"active", "completed", "failed", "waiting", "delayed", "paused",
                "waiting-children", "prioritized"}) {
            assertThat(call("GET", "/api/v1/jobs/" + state + "?jobType=video-transcoding", admin).statusCode())
                    .as(state).isEqualTo(200);
        }
        assertThat(call("GET", "/api/v1/jobs/sleeping", admin).statusCode()).isEqualTo(400);
        assertThat(call("GET", "/api/v1/jobs/failed?sort=priority", admin).statusCode()).isEqualTo(400);

        assertThat(call("GET", "/api/v1/jobs/failed", null).statusCode()).isEqualTo(401);
        assertThat(call("GET", "/api/v1/jobs/failed", user).statusCode()).isEqualTo(403);
        assertThat(call("GET", "/api/v1/jobs/failed", moderator).statusCode()).isEqualTo(403);
    }

    @Test
    void administratorsPauseAndResumeTheQueue() throws Exception {
        awaitJobs("/api/v1/jobs/active");
        assertThat(call("POST", "/api/v1/jobs/pause", null).statusCode()).isEqualTo(401);
        assertThat(call("POST", "/api/v1/jobs/pause", user).statusCode()).isEqualTo(403);
        assertThat(call("POST", "/api/v1/jobs/resume", moderator).statusCode()).isEqualTo(403);
        assertThat(call("POST", "/api/v1/jobs/pause", admin).statusCode()).isEqualTo(204);
        assertThat(call("POST", "/api/v1/jobs/pause", admin).statusCode()).isEqualTo(204);
        assertThat(call("POST", "/api/v1/jobs/resume", admin).statusCode()).isEqualTo(204);
    }
}
