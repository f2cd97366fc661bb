package org.bobine.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * End-to-end with real BitTorrent software: aria2c, transmission-cli and WebTorrent download a Bobine torrent
 * through its web seed and HTTP tracker, and the file they write is the served file; parse-torrent reads the
 * torrent as the instance describes it; bittorrent-tracker's client announces to the HTTP tracker and scrapes it.
 * Each client is skipped when it is not installed (npm ci in src/test/clients, Debian's aria2 and
 * transmission-cli), unless {@code BOBINE_TEST_REQUIRE_CLIENTS=true}, as in CI, where it fails instead.
 */
@Timeout(600)
class TorrentClientsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String PASSWORD = "a good password";

    @TempDir
    static Path temporary;

    static RunningInstance instance;
    static JsonNode file;
    static String infoHash;
    static Path torrent;
    static byte[] served;

    @BeforeAll
    static void start() throws Exception {
        Path data = temporary.resolve("data");
        Files.createDirectories(data);
        instance = RunningInstance.startWithRoot(data, PASSWORD);
        String root = JSON.readTree(instance.postForm("/api/v1/users/token",
                instance.oauthClient().passwordGrant("root", PASSWORD), null).body()).path("access_token").asText();
        long channel = JSON.readTree(instance.call("GET", "/api/v1/video-channels/root_channel", null, null).body())
                .path("id").asLong();
        // Big enough for several pieces.
        String uuid = TorrentIT.upload(instance, root, "Clients: a torrent", channel,
                UploadIT.mp4(640, 360, 4, 25, 1_500_000));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Pattern btih = Pattern.compile("xt=urn:btih:([0-9a-f]{40})");
        while (infoHash == null && System.nanoTime() < deadline) {
            JsonNode video = JSON.readTree(instance.call("GET", "/api/v1/videos/" + uuid, null, null).body());
            file = video.path("files").path(0);
            Matcher magnet = btih.matcher(file.path("magnetUri").asText(""));
            if (magnet.find()) {
                infoHash = magnet.group(1);
            } else {
                Thread.sleep(250);
            }
        }
        assertThat(infoHash).as("the video's torrent").isNotNull();
        torrent = temporary.resolve("video.torrent");
        Files.write(torrent, get(file.path("torrentUrl").asText()).body());
        HttpResponse<byte[]> webseed = get(file.path("fileUrl").asText());
        assertThat(webseed.statusCode()).isEqualTo(200);
        served = webseed.body();
    }

    @AfterAll
    static void stop() throws Exception {
        if (instance != null) {
            instance.close();
        }
    }

    @Test
    void parseTorrentReadsWhatTheInstanceSays() throws Exception {
        JsonNode parsed = JSON.readTree(node("parse-torrent.mjs", torrent.toString()));
        assertThat(parsed.path("infoHash").asText()).isEqualTo(infoHash);
        assertThat(parsed.path("name").asText()).isEqualTo("Clients- a torrent 360p.mp4");
        assertThat(parsed.path("length").asLong()).isEqualTo(served.length);
        assertThat(parsed.path("createdBy").asText()).isEqualTo("PeerTube");
        assertThat(parsed.path("private").asBoolean()).isFalse();
        String port = Integer.toString(instance.port);
        assertThat(JSON.convertValue(parsed.path("announce"), List.class)).containsExactly(
                "ws://localhost:" + port + "/tracker/socket", "http://localhost:" + port + "/tracker/announce");
        assertThat(JSON.convertValue(parsed.path("urlList"), List.class)).containsExactly(
                file.path("fileUrl").asText());
    }

    @Test
    void bittorrentTrackersClientAnnouncesAndScrapes() throws Exception {
        String announce = "http://localhost:" + instance.port + "/tracker/announce";
        JsonNode seeder = JSON.readTree(node("tracker-client.mjs", announce, infoHash,
                HexFormat.of().formatHex("-WW0100-client000001".getBytes()), "6881", "0"));
        assertThat(seeder.path("errors")).as(seeder.toString()).isEmpty();
        // The other clients of this class may have announced the torrent as seeders too.
        int seeders = seeder.path("update").path("complete").asInt();
        assertThat(seeders).as(seeder.toString()).isGreaterThanOrEqualTo(1);
        assertThat(seeder.path("scrape").path("complete").asInt()).as(seeder.toString()).isEqualTo(seeders);
        JsonNode unknown = JSON.readTree(node("tracker-client.mjs", announce, "ab".repeat(20),
                HexFormat.of().formatHex("-WW0100-client000002".getBytes()), "6882", "10"));
        assertThat(unknown.path("warnings").toString() + unknown.path("errors"))
                .as(unknown.toString()).contains("unknown torrent");
    }

    @Test
    void aria2cDownloadsTheVideo() throws Exception {
        Path aria2c = debian("aria2c", "aria2");
        Path out = Files.createDirectories(temporary.resolve("aria2"));
        Process process = new ProcessBuilder(aria2c.toString(), "--enable-dht=false", "--enable-dht6=false",
                "--bt-enable-lpd=false", "--enable-peer-exchange=false", "--seed-time=0", "--allow-overwrite=true",
                "--summary-interval=0", "--console-log-level=warn", "--dir=" + out, torrent.toString())
                .redirectErrorStream(true).redirectOutput(temporary.resolve("aria2.out").toFile()).start();
        assertThat(process.waitFor(180, TimeUnit.SECONDS)).as(Files.readString(temporary.resolve("aria2.out")))
                .isTrue();
        assertThat(process.exitValue()).as(Files.readString(temporary.resolve("aria2.out"))).isZero();
        assertThat(sha256(out.resolve("Clients- a torrent 360p.mp4"))).isEqualTo(sha256(served));
    }

    @Test
    void transmissionDownloadsTheVideo() throws Exception {
        Path cli = debian("transmission-cli", "transmission-cli");
        Path out = Files.createDirectories(temporary.resolve("transmission"));
        Path home = Files.createDirectories(temporary.resolve("transmission-home"));
        ProcessBuilder builder = new ProcessBuilder(cli.toString(), "-g", home.resolve("config").toString(), "-w",
                out.toString(), "-ep", "-p", Integer.toString(RunningInstance.freePort()), torrent.toString())
                .redirectErrorStream(true).redirectOutput(temporary.resolve("transmission.out").toFile());
        builder.environment().put("HOME", home.toString());
        // transmission-cli never exits by itself: wait for the file, then stop it.
        Process process = builder.start();
        try {
            Path downloaded = out.resolve("Clients- a torrent 360p.mp4");
            String expected = sha256(served);
            long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
            String actual = null;
            while (System.nanoTime() < deadline && process.isAlive()) {
                if (Files.isRegularFile(downloaded) && Files.size(downloaded) == served.length) {
                    actual = sha256(downloaded);
                    if (actual.equals(expected)) {
                        break;
                    }
                }
                Thread.sleep(500);
            }
            assertThat(actual).as(Files.readString(temporary.resolve("transmission.out"))).isEqualTo(expected);
        } finally {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    @Test
    void webtorrentDownloadsTheVideo() throws Exception {
        Path out = Files.createDirectories(temporary.resolve("webtorrent"));
        JsonNode done = JSON.readTree(node("webtorrent-download.mjs", torrent.toString(), out.toString()));
        assertThat(done.path("infoHash").asText()).isEqualTo(infoHash);
        assertThat(sha256(out.resolve("Clients- a torrent 360p.mp4"))).isEqualTo(sha256(served));
    }

    private static HttpResponse<byte[]> get(String url) throws Exception {
        URI uri = URI.create(url);
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + instance.port + uri.getRawPath()))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Runs one of the Node scripts of src/test/clients; @return what it printed */
    private static String node(String script, String... arguments) throws Exception {
        Path clients = clients();
        List<String> command = new ArrayList<>(List.of("node", clients.resolve(script).toString()));
        command.addAll(List.of(arguments));
        Path output = Files.createTempFile(temporary, "node-", ".out");
        Process process = new ProcessBuilder(command).directory(clients.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        assertThat(process.waitFor(180, TimeUnit.SECONDS)).isTrue();
        String printed = Files.readString(output);
        assertThat(process.exitValue()).as(printed).isZero();
        String[] lines = printed.strip().split("\n");
        return lines[lines.length - 1];
    }

    private static Path clients() {
        Path bin = npm("bittorrent-tracker");
        return bin.getParent().getParent().getParent();
    }

    private static Path npm(String name) {
        Path bin = Path.of(System.getProperty("bobine.clients", "src/test/clients/node_modules/.bin"), name);
        return required(bin, name + " is not installed at " + bin + " (npm ci --prefix distribution/src/test/clients)");
    }

    private static Path debian(String command, String pkg) {
        Path found = Stream.of("/usr/bin", "/usr/local/bin").map(d -> Path.of(d, command))
                .filter(Files::isExecutable).findFirst().orElse(Path.of("/usr/bin", command));
        return required(found, command + " is not installed (apt-get install " + pkg + ")");
    }

    private static Path required(Path executable, String message) {
        if (!Files.isExecutable(executable)) {
            if (Boolean.parseBoolean(System.getenv("BOBINE_TEST_REQUIRE_CLIENTS"))) {
                throw new AssertionError(message);
            }
            assumeTrue(false, message);
        }
        return executable;
    }

    private static String sha256(Path path) throws IOException {
        return sha256(Files.readAllBytes(path));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
