package org.bobine.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * End-to-end: a video uploaded over HTTP gets a torrent off the request path; the torrent is served, its info hash
 * is the magnet link's and its pieces are the file's; the HTTP tracker tracks it and refuses torrents it does not
 * know.
 */
@Timeout(300)
class TorrentIT {

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
    void anUploadedVideoGetsATorrentThatTheTrackerServes() throws Exception {
        long channel = JSON.readTree(instance.call("GET", "/api/v1/video-channels/root_channel", null, null).body())
                .path("id").asLong();
        byte[] file = UploadIT.mp4(640, 360, 2, 30, 200_000);
        String uuid = upload(instance, root, "Torrent: a/b test", channel, file);

        JsonNode video = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            video = JSON.readTree(instance.call("GET", "/api/v1/videos/" + uuid, null, null).body());
            if (!video.path("files").path(0).path("torrentUrl").isNull()
                    && video.path("files").path(0).has("torrentUrl")) {
                break;
            }
            Thread.sleep(250);
        }
        JsonNode json = video.path("files").path(0);
        assertThat(json.path("torrentUrl").asText()).as(video.toString()).matches(
                "http://localhost(:\\d+)?/lazy-static/torrents/[0-9a-f-]{36}-360\\.torrent");
        String base = "http://localhost:" + instance.port;
        assertThat(List.of(video.path("trackerUrls").get(0).asText(), video.path("trackerUrls").get(1).asText()))
                .allMatch(u -> u.endsWith("/tracker/socket") || u.endsWith("/tracker/announce"));

        HttpResponse<byte[]> served = get(path(json.path("torrentUrl").asText()));
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/x-bittorrent");
        HttpResponse<byte[]> download = get(path(json.path("torrentDownloadUrl").asText()));
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment");
        assertThat(download.body()).isEqualTo(served.body());

        Decoder torrent = new Decoder(served.body());
        @SuppressWarnings("unchecked")
        Map<String, Object> meta = (Map<String, Object>) torrent.value();
        String infoHash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(torrent.infoBytes));
        String magnet = json.path("magnetUri").asText();
        assertThat(magnet).startsWith("magnet:?").contains("xt=urn:btih:" + infoHash)
                .contains("dn=Torrent%3A+a%2Fb+test").contains("&tr=").contains("&ws=");
        @SuppressWarnings("unchecked")
        Map<String, Object> info = (Map<String, Object>) meta.get("info");
        assertThat(text(info.get("name"))).isEqualTo("Torrent- a-b test 360p.mp4");
        assertThat(info.get("length")).isEqualTo((long) file.length);
        assertThat(text(meta.get("created by"))).isEqualTo("PeerTube");
        assertThat(text(((List<?>) meta.get("url-list")).get(0))).isEqualTo(json.path("fileUrl").asText());
        List<?> tiers = (List<?>) meta.get("announce-list");
        assertThat(text(((List<?>) tiers.get(0)).get(0))).isEqualTo("ws://localhost:" + instance.port
                + "/tracker/socket");
        assertThat(text(((List<?>) tiers.get(1)).get(0))).isEqualTo(base + "/tracker/announce");
        assertThat(text(meta.get("announce"))).isEqualTo("ws://localhost:" + instance.port + "/tracker/socket");

        // The pieces are those of the uploaded file, and of the file served at fileUrl where it is served.
        int pieceLength = ((Long) info.get("piece length")).intValue();
        assertThat(pieceLength).isEqualTo(16384);
        byte[] pieces = (byte[]) info.get("pieces");
        assertPieces(file, pieceLength, pieces);
        HttpResponse<byte[]> webseed = get(path(json.path("fileUrl").asText()));
        if (webseed.statusCode() != 404) {
            assertThat(webseed.statusCode()).isEqualTo(200);
            assertPieces(webseed.body(), pieceLength, pieces);
        }

        // The tracker: a seeder and a leecher meet; an unknown torrent is refused.
        String hash = percent(infoHash);
        String seeder = new String(get("/tracker/announce?info_hash=" + hash + "&peer_id=-BB0001-000000000001"
                + "&port=6881&uploaded=0&downloaded=0&left=0&event=started&compact=1").body(),
                StandardCharsets.ISO_8859_1);
        assertThat(seeder).startsWith("d8:completei1e10:incompletei0e8:intervali600e5:peers0:e");
        byte[] leecher = get("/tracker/announce?info_hash=" + hash + "&peer_id=-BB0001-000000000002"
                + "&port=6882&uploaded=0&downloaded=0&left=" + file.length + "&compact=1").body();
        @SuppressWarnings("unchecked")
        Map<String, Object> answer = (Map<String, Object>) new Decoder(leecher).value();
        assertThat(answer.get("complete")).isEqualTo(1L);
        assertThat(answer.get("incomplete")).isEqualTo(1L);
        assertThat((byte[]) answer.get("peers")).hasSize(6);
        assertThat(Arrays.copyOfRange((byte[]) answer.get("peers"), 4, 6)).isEqualTo(new byte[] {0x1a, (byte) 0xe1});
        String unknown = new String(get("/tracker/announce?info_hash=" + percent("ff".repeat(20))
                + "&peer_id=-BB0001-000000000003&port=6883&left=1").body(), StandardCharsets.ISO_8859_1);
        assertThat(unknown).startsWith("d14:failure reason");
        String scrape = new String(get("/tracker/scrape?info_hash=" + hash).body(), StandardCharsets.ISO_8859_1);
        assertThat(scrape).startsWith("d5:filesd20:").contains("d8:completei1e10:downloadedi0e10:incompletei1eee");

        JsonNode config = JSON.readTree(instance.call("GET", "/api/v1/config", null, null).body());
        assertThat(config.path("tracker").path("enabled").asBoolean()).isTrue();

        // A renamed video that became private gets a new torrent: new name, no web seed, new info hash.
        HttpResponse<String> update = instance.call("PUT", "/api/v1/videos/" + uuid, root,
                Map.of("name", "Renamed", "privacy", 3));
        assertThat(update.statusCode()).as(update.body()).isEqualTo(204);
        String before = json.path("torrentUrl").asText();
        JsonNode renamed = json;
        deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline && renamed.path("torrentUrl").asText().equals(before)) {
            Thread.sleep(250);
            renamed = JSON.readTree(instance.call("GET", "/api/v1/videos/" + uuid, root, null).body())
                    .path("files").path(0);
        }
        assertThat(renamed.path("torrentUrl").asText()).isNotEqualTo(before);
        Decoder again = new Decoder(get(path(renamed.path("torrentUrl").asText())).body());
        @SuppressWarnings("unchecked")
        Map<String, Object> renamedMeta = (Map<String, Object>) again.value();
        @SuppressWarnings("unchecked")
        Map<String, Object> renamedInfo = (Map<String, Object>) renamedMeta.get("info");
        assertThat(text(renamedInfo.get("name"))).isEqualTo("Renamed 360p.mp4");
        assertThat(renamedMeta).doesNotContainKey("url-list");
        String newHash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(again.infoBytes));
        assertThat(newHash).isNotEqualTo(infoHash);
        assertThat(renamed.path("magnetUri").asText()).contains("xt=urn:btih:" + newHash).doesNotContain("&ws=");
        assertThat(get(path(before)).statusCode()).isEqualTo(404);
    }

    private static void assertPieces(byte[] data, int pieceLength, byte[] pieces) throws Exception {
        int count = (data.length + pieceLength - 1) / pieceLength;
        assertThat(pieces).hasSize(count * 20);
        MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
        for (int i = 0; i < count; i++) {
            byte[] piece = Arrays.copyOfRange(data, i * pieceLength, Math.min(data.length, (i + 1) * pieceLength));
            assertThat(Arrays.copyOfRange(pieces, i * 20, i * 20 + 20)).as("piece " + i)
                    .isEqualTo(sha1.digest(piece));
        }
    }

    /** Uploads a public video; @return its uuid */
    static String upload(RunningInstance instance, String token, String name, long channel, byte[] file)
            throws Exception {
        String boundary = "----bobine" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Map.Entry<String, String> field : Map.of("name", name, "channelId", Long.toString(channel), "privacy",
                "1").entrySet()) {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey()
                    + "\"\r\n\r\n" + field.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"videofile\"; filename=\"t.mp4\"\r\n"
                + "Content-Type: video/mp4\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(file);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:"
                    + instance.port + "/api/v1/videos/upload"))
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                    HttpResponse.BodyHandlers.ofString());
            // While the instance starts, the upload route may not be registered yet: another route of the same
            // path answers (an unknown route, or a method it does not allow).
            boolean routeMissing = response.statusCode() == 404 || response.body().contains("Unknown API route")
                    || response.body().contains("is not allowed on /api/v1/videos/upload");
            if (!routeMissing || System.nanoTime() > deadline) {
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                return JSON.readTree(response.body()).path("video").path("uuid").asText();
            }
            Thread.sleep(250);
        }
    }

    private static HttpResponse<byte[]> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + instance.port + path)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String path(String url) {
        URI uri = URI.create(url);
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    private static String percent(String hex) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < hex.length(); i += 2) {
            s.append('%').append(hex, i, i + 2);
        }
        return s.toString();
    }

    private static String text(Object bytes) {
        return new String((byte[]) bytes, StandardCharsets.UTF_8);
    }

    /** A small bencoding reader for the test, which also keeps the raw bytes of the top-level info value. */
    static final class Decoder {
        private final byte[] in;
        private int pos;
        private int depth;
        byte[] infoBytes;

        Decoder(byte[] in) {
            this.in = in;
        }

        Object value() {
            byte b = in[pos];
            if (b == 'i') {
                int end = indexOf('e');
                long n = Long.parseLong(new String(in, pos + 1, end - pos - 1, StandardCharsets.US_ASCII));
                pos = end + 1;
                return n;
            }
            if (b == 'l' || b == 'd') {
                pos++;
                depth++;
                List<Object> list = new ArrayList<>();
                Map<String, Object> map = new TreeMap<>();
                while (in[pos] != 'e') {
                    if (b == 'l') {
                        list.add(value());
                    } else {
                        String key = new String((byte[]) value(), StandardCharsets.ISO_8859_1);
                        int start = pos;
                        map.put(key, value());
                        if (depth == 1 && key.equals("info")) {
                            infoBytes = Arrays.copyOfRange(in, start, pos);
                        }
                    }
                }
                pos++;
                depth--;
                return b == 'l' ? list : map;
            }
            int colon = indexOf(':');
            int length = Integer.parseInt(new String(in, pos, colon - pos, StandardCharsets.US_ASCII));
            pos = colon + 1 + length;
            return Arrays.copyOfRange(in, colon + 1, colon + 1 + length);
        }

        private int indexOf(char c) {
            int i = pos;
            while (in[i] != c) {
                i++;
            }
            return i;
        }
    }
}
