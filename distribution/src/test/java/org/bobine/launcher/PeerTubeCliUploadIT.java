package org.bobine.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * End-to-end: {@code peertube-cli up} uploads a video to {@code bobine.jar}. After the upload the CLI polls the
 * video until {@code files[0].torrentUrl} is set, as against PeerTube, so it only succeeds once the torrent is made.
 * Skipped when the client is not installed, unless {@code BOBINE_TEST_REQUIRE_CLIENTS=true}.
 */
@Timeout(300)
class PeerTubeCliUploadIT {

    private static final String ROOT_PASSWORD = "the root password";

    @TempDir
    static Path temporary;

    static RunningInstance instance;

    @BeforeAll
    static void start() throws Exception {
        PeerTubeCliIT.cli();
        instance = RunningInstance.startWithRoot(temporary.resolve("data"), ROOT_PASSWORD);
    }

    @AfterAll
    static void stop() throws Exception {
        if (instance != null) {
            instance.close();
        }
    }

    @Test
    void upWaitsForTheTorrentAndSucceeds() throws Exception {
        Path file = temporary.resolve("clip.mp4");
        Files.write(file, UploadIT.mp4(640, 360, 2, 30, 100_000));
        Path home = temporary.resolve("home");
        Files.createDirectories(home);
        Path output = temporary.resolve("cli.out");
        List<String> command = new ArrayList<>(List.of(PeerTubeCliIT.cli().toString(), "up", "-u",
                "http://localhost:" + instance.port, "-U", "root", "-p", ROOT_PASSWORD, "-f",
                file.toAbsolutePath().toString(), "-n", "Uploaded by the CLI"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().put("HOME", home.toString());
        builder.environment().put("NO_COLOR", "1");
        Process process = builder.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("peertube-cli up did not finish: " + Files.readString(output));
        }
        String printed = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(printed).isZero();
        assertThat(printed).contains("Video Uploaded by the CLI uploaded.");

        JsonNode list = new ObjectMapper().readTree(instance.call("GET", "/api/v1/videos", null, null).body());
        String uuid = list.path("data").get(0).path("uuid").asText();
        JsonNode video = new ObjectMapper().readTree(instance.call("GET", "/api/v1/videos/" + uuid, null, null)
                .body());
        assertThat(video.path("name").asText()).isEqualTo("Uploaded by the CLI");
        assertThat(video.path("files").get(0).path("torrentUrl").asText()).contains("/lazy-static/torrents/");
        assertThat(video.path("files").get(0).path("magnetUri").asText()).startsWith("magnet:?");
    }
}
