package org.bobine.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * End-to-end: the web pages of {@code bobine.jar}, over HTTP and in Debian's Chromium (headless, driven by
 * {@code playwright-core} through {@code src/test/clients/ui-check.mjs}). A real video, made by FFmpeg and uploaded
 * through the API, plays in the watch page; night and theater modes switch and are remembered; a 320 px wide
 * screen has no horizontal scroll; the pages render for visitors and for a logged-in user; nothing is requested
 * from another host. Screenshots go to {@code target/ui-screenshots}. The browser test is skipped when Chromium,
 * FFmpeg or the npm clients are missing, unless {@code BOBINE_TEST_REQUIRE_CLIENTS=true} (as in CI).
 */
@Timeout(420)
class UiBrowserIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String PASSWORD = "a good password";

    @TempDir
    static Path temporary;

    static RunningInstance instance;
    static String root;

    @BeforeAll
    static void start() throws Exception {
        Path data = temporary.resolve("data");
        Files.createDirectories(data);
        instance = RunningInstance.startWithRoot(data, PASSWORD);
        root = JSON.readTree(instance.postForm("/api/v1/users/token",
                instance.oauthClient().passwordGrant("root", PASSWORD), null).body()).path("access_token").asText();
    }

    @AfterAll
    static void stop() throws Exception {
        if (instance != null) {
            instance.close();
        }
    }

    @Test
    void pagesAreServedWithAStrictPolicyAndTheirFiles() throws Exception {
        HttpResponse<String> home = instance.get("/");
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(home.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("default-src 'none'").contains("script-src 'self'").doesNotContain("unsafe-inline");
        assertThat(home.body()).contains("<html lang=\"en\"").contains("<main id=\"main\"");
        String css = home.body().replaceAll("(?s).*<link rel=\"stylesheet\" href=\"(/ui/[^\"]+/app\\.css)\".*", "$1");
        HttpResponse<String> sheet = instance.get(css);
        assertThat(sheet.statusCode()).isEqualTo(200);
        assertThat(sheet.headers().firstValue("Cache-Control").orElseThrow()).contains("immutable");
        assertThat(sheet.body()).contains("--primary:").contains("prefers-color-scheme: dark");
        HttpResponse<String> hls = instance.get(css.replace("app.css", "vendor/hls.min.mjs"));
        assertThat(hls.statusCode()).isEqualTo(200);
        assertThat(hls.body()).contains("export");
        assertThat(instance.get("/robots.txt").body()).startsWith("User-agent: *");
        assertThat(instance.get("/manifest.webmanifest").body()).contains("\"start_url\":\"/\"");
        assertThat(instance.get("/videos/trending?page=zero").statusCode()).isEqualTo(400);
        assertThat(instance.get("/no/such/page").statusCode()).isEqualTo(404);
        // The API keeps its own answers: the pages are only the default servlet.
        assertThat(instance.get("/api/v1/ping").body()).isEqualTo("pong");
        assertThat(instance.get("/api/v1/nothing-here").headers().firstValue("Content-Type").orElseThrow())
                .contains("json");
    }

    @Test
    void aRealVideoPlaysAndThePagesBehaveInChromium() throws Exception {
        Path chromium = Path.of(System.getenv().getOrDefault("BOBINE_CHROMIUM", "/usr/bin/chromium"));
        Path clients = Path.of(System.getProperty("bobine.clients", "src/test/clients/node_modules/.bin"))
                .getParent().getParent();
        requireClient(Files.isExecutable(chromium), "Chromium is not installed at " + chromium);
        requireClient(Files.isDirectory(clients.resolve("node_modules/playwright-core")),
                "playwright-core is not installed (npm ci --prefix distribution/src/test/clients)");
        requireClient(Files.isExecutable(Path.of("/usr/bin/ffmpeg")), "FFmpeg is not installed at /usr/bin/ffmpeg");

        Path media = temporary.resolve("clip.mp4");
        run(List.of("/usr/bin/ffmpeg", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
                "testsrc=duration=6:size=640x360:rate=25", "-f", "lavfi", "-i", "sine=frequency=440:duration=6",
                "-c:v", "libx264", "-pix_fmt", "yuv420p", "-profile:v", "baseline", "-c:a", "aac", "-shortest",
                "-movflags", "+faststart", media.toString()), temporary, 120);
        long channel = JSON.readTree(instance.call("GET", "/api/v1/video-channels/root_channel", null, null).body())
                .path("id").asLong();
        JsonNode created = upload("Test pattern <in> the browser", channel, Files.readAllBytes(media));
        String shortUuid = created.path("shortUUID").asText();
        instance.await("/w/" + shortUuid, response -> response.statusCode() == 200, Duration.ofSeconds(30));
        // Visitors' lists are shared for a moment: wait until the home page has caught up with the upload.
        instance.await("/", response -> response.body().contains("/w/" + shortUuid), Duration.ofSeconds(30));

        Path screenshots = Path.of("target", "ui-screenshots").toAbsolutePath();
        List<String> command = List.of("node", clients.resolve("ui-check.mjs").toString(),
                "http://localhost:" + instance.port, shortUuid, PASSWORD, screenshots.toString());
        String output = run(command, clients, 300);
        JsonNode result = JSON.readTree(output.lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("No result from the browser:\n" + output)));
        assertThat(result.path("ok").asBoolean()).as(output + "\n" + instance.output()).isTrue();
        assertThat(result.path("playedSeconds").asDouble()).isGreaterThan(0.5);
        assertThat(result.path("frenchTitle").asText()).contains("Test pattern");
        for (String name : List.of("home.png", "watch.png", "watch-night.png", "watch-theater.png", "home-320.png",
                "watch-320.png", "watch-logged-in.png")) {
            assertThat(screenshots.resolve(name)).isNotEmptyFile();
        }
    }

    private static void requireClient(boolean present, String message) {
        if (!present) {
            if (Boolean.parseBoolean(System.getenv("BOBINE_TEST_REQUIRE_CLIENTS"))) {
                throw new AssertionError(message);
            }
            assumeTrue(false, message);
        }
    }

    /** Runs a command; fails with its output when it fails or outlives {@code seconds}. */
    private static String run(List<String> command, Path directory, int seconds) throws Exception {
        Path log = Files.createTempFile(temporary, "run-", ".log");
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command.get(0) + " did not finish in " + seconds + " s:\n" + Files.readString(log));
        }
        String output = Files.readString(log);
        if (process.exitValue() != 0 && !command.get(0).equals("node")) {
            throw new AssertionError(command + " failed:\n" + output);
        }
        return output;
    }

    private static JsonNode upload(String name, long channel, byte[] file) throws Exception {
        String boundary = "----bobine" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Map.Entry<String, String> field : Map.of("name", name, "channelId", Long.toString(channel), "privacy",
                "1", "description", "A **test** pattern with a [link](https://example.org)").entrySet()) {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey()
                    + "\"\r\n\r\n" + field.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"videofile\"; filename=\"clip.mp4\""
                + "\r\nContent-Type: video/mp4\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(file);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:"
                    + instance.port + "/api/v1/videos/upload"))
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .header("Authorization", "Bearer " + root)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                    HttpResponse.BodyHandlers.ofString());
            boolean routeMissing = response.statusCode() == 404 || response.body().contains("Unknown API route");
            if (!routeMissing || System.nanoTime() > deadline) {
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                return JSON.readTree(response.body()).path("video");
            }
            Thread.sleep(250);
        }
    }
}
