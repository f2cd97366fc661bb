package org.bobine.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * End-to-end: {@code java -jar bobine.jar} as a separate process on a free port and a temporary data directory.
 */
@Timeout(300)
class BobineJarIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration HOT_DEPLOY_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration DATABASE_TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path temporary;

    @Test
    void startsAnswersAndStopsCleanlyThenRestartsOnTheSameData() throws Exception {
        Path data = temporary.resolve("data");
        String oauthClient;
        try (RunningInstance instance = RunningInstance.start(data)) {
            assertThat(instance.get("/api/v1/ping").body()).isEqualTo("pong");
            // Created in the database on first start; given only to requests for the instance's own host.
            oauthClient = instance.await("/api/v1/oauth-clients/local", response -> response.statusCode() == 200,
                    DATABASE_TIMEOUT).body();
            assertThat(JSON.readTree(oauthClient).path("client_id").asText()).hasSize(32);
            assertThat(instance.getFrom("127.0.0.1", "/api/v1/oauth-clients/local").statusCode()).isEqualTo(403);
            assertThat(data.resolve("db")).isNotEmptyDirectory();
            JsonNode config = JSON.readTree(instance.get("/api/v1/config").body());
            assertThat(config.path("instance").path("name").asText()).isEqualTo("Bobine");
            assertThat(config.path("serverVersion").asText()).isNotEmpty();
            assertThat(config.path("theme").path("default").asText()).isEqualTo("default");
            assertThat(config.path("signup").path("allowed").asBoolean()).isFalse();
            assertThat(config.path("signup").path("minimumAge").asInt()).isEqualTo(16);
            assertThat(config.path("signup").path("allowedForCurrentIP").asBoolean()).isTrue();
            assertThat(config.path("user").path("videoQuota").asLong()).isEqualTo(-1);
            assertThat(config.path("transcoding").path("hls").path("enabled").asBoolean()).isTrue();
            assertThat(data.resolve("bobine.yaml")).exists();
            assertThat(data.resolve("plugins")).isDirectory();
            assertThat(data.resolve("storage")).isDirectory();
            assertThat(data.resolve("logs").resolve("bobine.log")).exists();

            assertThat(instance.stop()).as("exit code after SIGTERM").isIn(0, 143);
            assertThat(instance.output()).contains("Bobine stopped");
        }

        // The administrator edits the file; the next start on the same directory reads it.
        Path file = data.resolve("bobine.yaml");
        String edited = Files.readString(file).replace("name: \"Bobine\"", "name: \"Videos of the valley\"")
                .replace("may create an account.\n  enabled: false", "may create an account.\n  enabled: true")
                .replace("video_quota: -1", "video_quota: 10GB")
                .replace("blacklist: []", "blacklist: [\"127.0.0.0/8\"]");
        assertThat(edited).contains("Videos of the valley").contains("video_quota: 10GB");
        Files.writeString(file, edited);
        try (RunningInstance instance = RunningInstance.start(data)) {
            // The port opens while the core bundles still start; the first answer of the configuration must
            // already carry the edited settings (an answer with the previous ones fails here).
            JsonNode config = JSON.readTree(instance.await("/api/v1/config",
                    response -> response.statusCode() == 200, DATABASE_TIMEOUT).body());
            assertThat(config.path("instance").path("name").asText()).isEqualTo("Videos of the valley");
            assertThat(config.path("signup").path("allowed").asBoolean()).isTrue();
            assertThat(config.path("signup").path("allowedForCurrentIP").asBoolean()).isFalse();
            assertThat(config.path("user").path("videoQuota").asLong()).isEqualTo(10L << 30);
            assertThat(Files.readString(file)).isEqualTo(edited);
            // The data of the first run is still there.
            assertThat(instance.await("/api/v1/oauth-clients/local", response -> response.statusCode() == 200,
                    DATABASE_TIMEOUT).body()).isEqualTo(oauthClient);
        }
    }

    @Test
    void hotDeploysTheNightThemeDroppedInThePluginsDirectory() throws Exception {
        Path nightTheme = Path.of(System.getProperty("bobine.nightTheme"));
        assertThat(nightTheme).exists();
        try (RunningInstance instance = RunningInstance.start(temporary.resolve("data"))) {
            assertThat(instance.get("/api/v1/config").body()).doesNotContain("\"night\"");

            Path dropped = instance.dataDirectory.resolve("plugins").resolve("night-theme.jar");
            Files.copy(nightTheme, dropped, StandardCopyOption.REPLACE_EXISTING);
            instance.await("/api/v1/config", response -> response.body().contains("\"name\":\"night\""),
                    HOT_DEPLOY_TIMEOUT);
            var css = instance.get("/themes/night/1.0.0/css/night.css");
            assertThat(css.statusCode()).isEqualTo(200);
            assertThat(css.body()).contains("--bg:");

            Files.delete(dropped);
            instance.await("/api/v1/config", response -> response.statusCode() == 200
                    && !response.body().contains("\"name\":\"night\""), HOT_DEPLOY_TIMEOUT);
            assertThat(instance.get("/themes/night/1.0.0/css/night.css").statusCode()).isEqualTo(404);
            assertThat(instance.get("/api/v1/ping").body()).isEqualTo("pong");
        }
    }

    @Test
    void refusesASecondInstanceOnTheSameDataDirectory() throws Exception {
        Path data = temporary.resolve("data");
        try (RunningInstance first = RunningInstance.start(data)) {
            try (RunningInstance second = RunningInstance.launch(data, List.of(), Map.of())) {
                assertThat(second.awaitExit(Duration.ofSeconds(60))).isEqualTo(Main.EXIT_IN_USE);
                assertThat(second.output()).contains("already running on the data directory " + data);
            }
            assertThat(first.get("/api/v1/ping").body()).isEqualTo("pong");
        }
    }

    @Test
    void refusesABadConfigurationAndNamesTheKeys() throws Exception {
        Path data = temporary.resolve("data");
        Files.createDirectories(data);
        Files.writeString(data.resolve("bobine.yaml"), """
                signup:
                  limit: ten
                webserver:
                  prot: 9000
                instance:
                  default_nsfw_policy: hide
                """, StandardCharsets.UTF_8);
        try (RunningInstance instance = RunningInstance.launch(data, List.of(), Map.of())) {
            assertThat(instance.awaitExit(Duration.ofSeconds(60))).isEqualTo(Main.EXIT_CONFIGURATION);
            assertThat(instance.output())
                    .contains("signup.limit: expected a whole number")
                    .contains("webserver.prot: unknown key (did you mean webserver.port?)")
                    .contains("instance.default_nsfw_policy: expected one of do_not_list, blur, display")
                    .doesNotContain("Exception");
        }
        assertThat(Files.readString(data.resolve("bobine.yaml"))).contains("limit: ten");
    }

    @Test
    void readsTheDataDirectoryAndHostnameFromTheEnvironment() throws Exception {
        Path data = temporary.resolve("from-env");
        try (RunningInstance instance = RunningInstance.launch(null, List.of(),
                Map.of("BOBINE_DATA", data.toString(), "BOBINE_HOSTNAME", "videos.example.org"))) {
            instance.awaitPing();
            assertThat(data.resolve("bobine.yaml")).exists();
            instance.awaitOutput("http://videos.example.org:" + instance.port + "/", Duration.ofSeconds(60));
        }
    }
}
