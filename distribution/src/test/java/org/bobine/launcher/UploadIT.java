package org.bobine.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

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
 * End-to-end: video uploads as PeerTube's clients send them. The legacy multipart upload, then the video listed
 * and fetched with its file; the resumable protocol in chunks, with a connection cut in the middle of a chunk and a
 * restart of the instance between chunks, the stored file compared byte for byte; the checks that refuse an upload
 * before anything is kept (rights, channel, quota, content); and the cleanup of abandoned uploads.
 */
@Timeout(600)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UploadIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String PASSWORD = "a good password";
    private static final String RESUMABLE = "/api/v1/videos/upload-resumable";

    @TempDir
    static Path temporary;

    static Path data;
    static RunningInstance instance;
    static String admin;
    static String owner;
    static String other;
    static long ownerChannel;
    static long otherChannel;

    @BeforeAll
    static void start() throws Exception {
        data = temporary.resolve("data");
        Files.createDirectories(data);
        instance = RunningInstance.startWithRoot(data, PASSWORD);
        admin = login("root");
        for (String name : List.of("owner", "other")) {
            ok(instance.call("POST", "/api/v1/users", admin, Map.of("username", name, "password", PASSWORD,
                    "email", name + "@example.org", "role", 2)));
        }
        owner = login("owner");
        other = login("other");
        awaitUploads();
        ownerChannel = ok(instance.call("GET", "/api/v1/video-channels/owner_channel", null, null)).path("id")
                .asLong();
        otherChannel = ok(instance.call("GET", "/api/v1/video-channels/other_channel", null, null)).path("id")
                .asLong();
    }

    @AfterAll
    static void stop() throws Exception {
        if (instance != null) {
            instance.close();
        }
    }

    static String login(String username) throws Exception {
        return ok(instance.postForm("/api/v1/users/token", instance.oauthClient().passwordGrant(username, PASSWORD),
                null)).path("access_token").asText();
    }

    static JsonNode ok(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    static URI uri(String path) {
        return URI.create("http://localhost:" + instance.port + path);
    }

    /** A minimal MP4 (ISO-BMFF boxes: ftyp, moov with one video track, mdat of filler), built byte by byte. */
    static byte[] mp4(int width, int height, int seconds, int fps, int mediaBytes) throws IOException {
        byte[] mvhd = box("mvhd", u32(0), u32(0), u32(0), u32(1000), u32(seconds * 1000), new byte[80]);
        byte[] tkhd = box("tkhd", u32(3), u32(0), u32(0), u32(1), u32(0), u32(seconds * 1000), new byte[52],
                u32(width << 16), u32(height << 16));
        byte[] mdhd = box("mdhd", u32(0), u32(0), u32(0), u32(fps * 100), u32(seconds * fps * 100), u32(0));
        byte[] hdlr = box("hdlr", u32(0), u32(0), ascii("vide"), new byte[12], ascii("Video\0"));
        byte[] stts = box("stts", u32(0), u32(1), u32(seconds * fps), u32(100));
        byte[] moov = box("moov", mvhd, box("trak", tkhd, box("mdia", mdhd, hdlr, box("minf", box("stbl", stts)))));
        byte[] media = new byte[mediaBytes];
        new java.util.Random(mediaBytes).nextBytes(media);
        return join(box("ftyp", ascii("isom"), u32(512), ascii("isommp41")), moov, box("mdat", media));
    }

    static byte[] box(String type, byte[]... payload) throws IOException {
        byte[] body = join(payload);
        return join(u32(8 + body.length), ascii(type), body);
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] u32(int value) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new DataOutputStream(out).writeInt(value);
        return out.toByteArray();
    }

    static byte[] join(byte[]... parts) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.write(part);
        }
        return out.toByteArray();
    }

    static HttpResponse<String> legacy(String token, Map<String, String> fields, String fileName, byte[] file)
            throws Exception {
        return legacy(token, fields, fileName, file, null);
    }

    static HttpResponse<String> legacy(String token, Map<String, String> fields, String fileName, byte[] file,
            byte[] thumbnail) throws Exception {
        String boundary = "----bobine" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Map.Entry<String, String> field : fields.entrySet()) {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey()
                    + "\"\r\n\r\n" + field.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"videofile\"; filename=\"" + fileName
                + "\"\r\nContent-Type: " + (fileName.endsWith(".mp4") ? "video/mp4" : "application/octet-stream")
                + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(file);
        if (thumbnail != null) {
            body.write(("\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"thumbnailfile\"; "
                    + "filename=\"t.png\"\r\nContent-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.write(thumbnail);
        }
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/api/v1/videos/upload"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static Map<String, String> fields(String name, long channel) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("name", name);
        fields.put("channelId", Long.toString(channel));
        fields.put("privacy", "1");
        fields.put("tags[0]", "first");
        fields.put("tags[1]", "second");
        return fields;
    }

    static byte[] png(int width, int height) throws IOException {
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(width, height,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = image.createGraphics();
        g.setColor(java.awt.Color.ORANGE);
        g.fillRect(0, 0, width, height);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        javax.imageio.ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    static HttpResponse<String> open(String token, String name, long channel, long size) throws Exception {
        Map<String, Object> body = Map.of("name", name, "channelId", channel, "privacy", 1, "filename",
                name + ".mp4");
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(RESUMABLE));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.header("Content-Type", "application/json").header("X-Upload-Content-Length", Long.toString(size))
                .header("X-Upload-Content-Type", "video/mp4")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> put(String location, String token, String range, byte[] chunk) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(location)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/octet-stream").header("Content-Range", range)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(chunk)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Asks how far an upload got: the number of bytes acknowledged, waiting while a cut chunk is still read. */
    static long offset(String location, String token, long total) throws Exception {
        for (int attempt = 0; attempt < 100; attempt++) {
            HttpResponse<String> answer = put(location, token, "bytes */" + total, new byte[0]);
            if (answer.statusCode() == 429) {
                Thread.sleep(100);
                continue;
            }
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(308);
            return answer.headers().firstValue("Range").map(r -> Long.parseLong(r.substring(r.indexOf('-') + 1)) + 1)
                    .orElse(0L);
        }
        throw new AssertionError("The upload stayed busy");
    }

    /** Waits until the upload routes answer after a start: logins work before the catalog is ready. */
    static void awaitUploads() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (put(RESUMABLE + "?upload_id=none", owner, "bytes */1", new byte[0]).statusCode() != 404) {
            assertThat(System.nanoTime()).as("the upload routes did not come").isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    static List<String> hashesOf(String area) throws Exception {
        Path dir = data.resolve("storage").resolve(area);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<String> hashes = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                hashes.add(sha256(Files.readAllBytes(file)));
            }
        }
        return hashes;
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    static JsonNode video(String id) throws Exception {
        return ok(instance.call("GET", "/api/v1/videos/" + id, null, null));
    }

    @Test
    @Order(1)
    void legacyUploadThenTheVideoIsListedWithItsFile() throws Exception {
        byte[] file = mp4(1280, 720, 9, 25, 20_000);
        JsonNode created = ok(legacy(owner, fields("A legacy upload", ownerChannel), "legacy.mp4", file,
                png(1000, 600))).path("video");
        assertThat(created.path("id").asLong()).isPositive();
        assertThat(created.path("shortUUID").asText()).isNotEmpty();

        JsonNode video = video(created.path("uuid").asText());
        assertThat(video.path("name").asText()).isEqualTo("A legacy upload");
        assertThat(video.path("duration").asInt()).isEqualTo(9);
        assertThat(video.path("state").path("id").asInt()).isEqualTo(1);
        assertThat(video.path("tags")).extracting(JsonNode::asText).containsExactly("first", "second");
        JsonNode files = video.path("files");
        assertThat(files).hasSize(1);
        assertThat(files.get(0).path("resolution").path("id").asInt()).isEqualTo(720);
        assertThat(files.get(0).path("size").asLong()).isEqualTo(file.length);
        assertThat(files.get(0).path("fps").asInt()).isEqualTo(25);
        assertThat(hashesOf("web-videos")).contains(sha256(file));

        for (String[] picture : new String[][] {{"thumbnailPath", "280", "157"}, {"previewPath", "850", "480"}}) {
            String path = video.path(picture[0]).asText();
            assertThat(path).startsWith("/lazy-static/");
            HttpResponse<byte[]> served = HTTP.send(HttpRequest.newBuilder(uri(path)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(served.statusCode()).isEqualTo(200);
            assertThat(served.headers().firstValue("Content-Type")).contains("image/jpeg");
            java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(
                    served.body()));
            assertThat(image.getWidth() + "x" + image.getHeight()).isEqualTo(picture[1] + "x" + picture[2]);
        }

        assertStaticFile(files.get(0), file);

        JsonNode list = ok(instance.call("GET", "/api/v1/videos?sort=-publishedAt", null, null));
        assertThat(list.path("data").findValuesAsText("uuid")).contains(created.path("uuid").asText());
    }

    static HttpResponse<byte[]> get(String path, String token, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The file of a video is served whole and by ranges, with validators and long caching, open to any origin. */
    static void assertStaticFile(JsonNode fileJson, byte[] file) throws Exception {
        String path = URI.create(fileJson.path("fileUrl").asText()).getPath();
        assertThat(path).startsWith("/static/web-videos/");
        HttpResponse<byte[]> whole = get(path, null, "Origin", "http://elsewhere.example");
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.body()).isEqualTo(file);
        assertThat(whole.headers().firstValue("Content-Type")).contains("video/mp4");
        assertThat(whole.headers().firstValue("Accept-Ranges")).contains("bytes");
        assertThat(whole.headers().firstValue("Cache-Control").orElseThrow()).contains("max-age=31536000");
        assertThat(whole.headers().firstValue("Last-Modified")).isPresent();
        assertThat(whole.headers().firstValue("Access-Control-Allow-Origin")).isPresent();
        String etag = whole.headers().firstValue("ETag").orElseThrow();
        assertThat(get(path, null, "If-None-Match", etag).statusCode()).isEqualTo(304);

        HttpResponse<byte[]> part = get(path, null, "Range", "bytes=100-199");
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.headers().firstValue("Content-Range")).contains("bytes 100-199/" + file.length);
        assertThat(part.body()).isEqualTo(Arrays.copyOfRange(file, 100, 200));
        HttpResponse<byte[]> tail = get(path, null, "Range", "bytes=-10");
        assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(file, file.length - 10, file.length));
        HttpResponse<byte[]> beyond = get(path, null, "Range", "bytes=" + file.length + "-");
        assertThat(beyond.statusCode()).isEqualTo(416);
        assertThat(beyond.headers().firstValue("Content-Range")).contains("bytes */" + file.length);

        String download = URI.create(fileJson.path("fileDownloadUrl").asText()).getPath();
        HttpResponse<byte[]> downloaded = get(download, null);
        assertThat(downloaded.statusCode()).isEqualTo(200);
        assertThat(downloaded.body()).isEqualTo(file);
        assertThat(downloaded.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment");
        assertThat(get("/static/web-videos/private/" + path.substring(path.lastIndexOf('/') + 1), null)
                .statusCode()).isEqualTo(404);
    }

    @Test
    @Order(2)
    void privateFilesOnlyForTheirOwnerAndModerators() throws Exception {
        byte[] file = mp4(640, 360, 3, 24, 5000);
        Map<String, String> fields = fields("A private upload", ownerChannel);
        fields.put("privacy", "3");
        JsonNode created = ok(legacy(owner, fields, "private.mp4", file)).path("video");
        JsonNode video = ok(instance.call("GET", "/api/v1/videos/" + created.path("uuid").asText(), owner, null));
        String path = URI.create(video.path("files").get(0).path("fileUrl").asText()).getPath();
        assertThat(path).startsWith("/static/web-videos/private/");
        String name = path.substring(path.lastIndexOf('/') + 1);
        assertThat(get("/static/web-videos/" + name, owner).statusCode()).isEqualTo(404);
        assertThat(get(path, null).statusCode()).isEqualTo(403);
        assertThat(get(path, other).statusCode()).isEqualTo(403);
        assertThat(get(path, "not-a-token").statusCode()).isEqualTo(403);
        assertThat(get(path, owner).body()).isEqualTo(file);
        assertThat(get(path, admin).body()).isEqualTo(file);
        String download = URI.create(video.path("files").get(0).path("fileDownloadUrl").asText()).getPath();
        assertThat(get(download, null).statusCode()).isEqualTo(403);
        assertThat(get(download, owner).body()).isEqualTo(file);
        HttpResponse<byte[]> cached = get(path, owner);
        assertThat(cached.headers().firstValue("Cache-Control").orElseThrow()).startsWith("private");

        // A video file token opens the files where no header can be sent (a <video> element, a link).
        String videoPath = "/api/v1/videos/" + created.path("uuid").asText();
        assertThat(instance.call("POST", videoPath + "/token", other, Map.of()).statusCode()).isEqualTo(403);
        String token = ok(instance.call("POST", videoPath + "/token", owner, Map.of())).path("files").path("token")
                .asText();
        assertThat(get(path + "?videoFileToken=" + token, null).body()).isEqualTo(file);
        assertThat(get(download + "?videoFileToken=" + token, null).body()).isEqualTo(file);
        assertThat(get(path + "?videoFileToken=" + "0".repeat(64), null).statusCode()).isEqualTo(403);
    }

    @Test
    @Order(2)
    void passwordProtectedFilesOpenWithAPassword() throws Exception {
        byte[] file = mp4(640, 360, 3, 24, 5000);
        Map<String, String> fields = fields("A protected upload", ownerChannel);
        fields.put("privacy", "5");
        fields.put("videoPasswords[0]", "heron pond");
        fields.put("videoPasswords[1]", "kingfisher");
        JsonNode created = ok(legacy(owner, fields, "protected.mp4", file)).path("video");
        String videoPath = "/api/v1/videos/" + created.path("uuid").asText();
        HttpResponse<String> locked = instance.call("GET", videoPath, null, null);
        assertThat(locked.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(locked.body()).path("code").asText()).isEqualTo("video_requires_password");
        HttpResponse<String> opened = HTTP.send(HttpRequest.newBuilder(uri(videoPath))
                .header("x-peertube-video-password", "kingfisher").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(opened.statusCode()).isEqualTo(200);
        String path = URI.create(JSON.readTree(opened.body()).path("files").get(0).path("fileUrl").asText())
                .getPath();
        assertThat(path).startsWith("/static/web-videos/private/");
        assertThat(get(path, null).statusCode()).isEqualTo(403);
        assertThat(get(path, null, "x-peertube-video-password", "sparrow").statusCode()).isEqualTo(403);
        assertThat(get(path, null, "x-peertube-video-password", "heron pond").body()).isEqualTo(file);
        assertThat(get(path, admin).statusCode()).as("SEE_ALL_VIDEOS does not open protected files")
                .isEqualTo(403);
        JsonNode passwords = ok(instance.call("GET", videoPath + "/passwords", owner, null));
        assertThat(passwords.path("total").asInt()).isEqualTo(2);
    }

    @Test
    @Order(3)
    void refusedUploadsKeepNothing() throws Exception {
        byte[] file = mp4(640, 360, 2, 30, 1000);
        List<String> before = hashesOf("web-videos");
        assertThat(legacy(null, fields("Anonymous", ownerChannel), "a.mp4", file).statusCode()).isEqualTo(401);
        assertThat(open(null, "Anonymous", ownerChannel, file.length).statusCode()).isEqualTo(401);
        // Someone else's channel: PeerTube answers 400 ("Unknown video channel for this account").
        assertThat(legacy(other, fields("Not mine", ownerChannel), "a.mp4", file).statusCode()).isEqualTo(400);
        assertThat(open(other, "Not mine", ownerChannel, file.length).statusCode()).isEqualTo(400);
        assertThat(legacy(owner, fields("Wrong type", ownerChannel), "a.avi", file).statusCode()).isEqualTo(415);

        HttpResponse<String> notAVideo = legacy(owner, fields("Not a video", ownerChannel), "a.mp4",
                "This is plain text and no video at all".getBytes(StandardCharsets.UTF_8));
        assertThat(notAVideo.statusCode()).as(notAVideo.body()).isEqualTo(422);

        String location = open(owner, "Not a video either", ownerChannel, 100).headers().firstValue("Location")
                .orElseThrow();
        byte[] text = new byte[100];
        Arrays.fill(text, (byte) 'x');
        assertThat(put(location, owner, "bytes 0-99/100", text).statusCode()).isEqualTo(422);
        assertThat(put(location, owner, "bytes */100", new byte[0]).statusCode()).isEqualTo(404);
        assertThat(hashesOf("partial-uploads")).isEmpty();

        // The quota: the declared size is checked before anything is sent.
        long otherId = ok(instance.call("GET", "/api/v1/users/me", other, null)).path("id").asLong();
        assertThat(instance.call("PUT", "/api/v1/users/" + otherId, admin, Map.of("videoQuota", 500)).statusCode())
                .isEqualTo(204);
        HttpResponse<String> quota = legacy(other, fields("Too big", otherChannel), "a.mp4", file);
        assertThat(quota.statusCode()).isEqualTo(413);
        assertThat(JSON.readTree(quota.body()).path("code").asText()).isEqualTo("quota_reached");
        HttpResponse<String> quotaResumable = open(other, "Too big", otherChannel, file.length);
        assertThat(quotaResumable.statusCode()).isEqualTo(413);
        assertThat(JSON.readTree(quotaResumable.body()).path("code").asText()).isEqualTo("quota_reached");

        assertThat(hashesOf("web-videos")).containsExactlyInAnyOrderElementsOf(before);
    }

    @Test
    @Order(4)
    void resumableUploadSurvivesACutConnectionAndARestart() throws Exception {
        byte[] file = mp4(1920, 1080, 30, 30, 3_000_000);
        long total = file.length;
        HttpResponse<String> opened = open(owner, "A resumable upload", ownerChannel, total);
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
        String location = opened.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(RESUMABLE + "?upload_id=");
        // The same upload again: the client resumes it.
        HttpResponse<String> again = open(owner, "A resumable upload", ownerChannel, total);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.headers().firstValue("Location")).contains(location);

        int chunk = 1 << 20;
        HttpResponse<String> first = put(location, owner, "bytes 0-" + (chunk - 1) + "/" + total,
                Arrays.copyOfRange(file, 0, chunk));
        assertThat(first.statusCode()).as(first.body()).isEqualTo(308);
        assertThat(first.headers().firstValue("Range")).contains("bytes=0-" + (chunk - 1));
        assertThat(put(location, owner, "bytes 10-" + (chunk + 9) + "/" + total, Arrays.copyOfRange(file, 10,
                chunk + 10)).statusCode()).isEqualTo(409);
        assertThat(put(location, other, "bytes */" + total, new byte[0]).statusCode()).isEqualTo(404);

        // The second chunk is cut in its middle: the connection is reset.
        try (Socket socket = new Socket("localhost", instance.port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("PUT " + location + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + owner
                    + "\r\nContent-Type: application/octet-stream\r\nContent-Range: bytes " + chunk + "-"
                    + (2 * chunk - 1) + "/" + total + "\r\nContent-Length: " + chunk + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(file, chunk, chunk / 2);
            out.flush();
            Thread.sleep(500);
            socket.setSoLinger(true, 0);
        }
        long offset = offset(location, owner, total);
        assertThat(offset).isBetween((long) chunk, (long) chunk + chunk / 2);

        // A restart between chunks loses nothing acknowledged.
        assertThat(instance.stop()).as("exit code after SIGTERM").isIn(0, 143);
        instance = RunningInstance.startWithRoot(data, PASSWORD);
        awaitUploads();
        assertThat(offset(location, owner, total)).isEqualTo(offset);

        HttpResponse<String> last = null;
        while (offset < total) {
            long end = Math.min(total, offset + chunk) - 1;
            last = put(location, owner, "bytes " + offset + "-" + end + "/" + total,
                    Arrays.copyOfRange(file, (int) offset, (int) end + 1));
            offset = end + 1;
            assertThat(last.statusCode()).as(last.body()).isEqualTo(offset < total ? 308 : 200);
        }
        JsonNode created = JSON.readTree(last.body()).path("video");
        JsonNode video = video(created.path("shortUUID").asText());
        assertThat(video.path("uuid").asText()).isEqualTo(created.path("uuid").asText());
        assertThat(video.path("files").get(0).path("resolution").path("id").asInt()).isEqualTo(1080);
        assertThat(video.path("files").get(0).path("size").asLong()).isEqualTo(total);
        assertThat(hashesOf("web-videos")).contains(sha256(file));
        assertThat(hashesOf("partial-uploads")).isEmpty();
        HttpResponse<byte[]> served = get(URI.create(video.path("files").get(0).path("fileUrl").asText()).getPath(),
                null);
        assertThat(sha256(served.body())).isEqualTo(sha256(file));
        // The last chunk sent again, its answer lost: the same video.
        HttpResponse<String> repeated = put(location, owner, "bytes " + (total - 1) + "-" + (total - 1) + "/" + total,
                new byte[] {file[file.length - 1]});
        assertThat(JSON.readTree(repeated.body()).path("video").path("id").asLong())
                .isEqualTo(created.path("id").asLong());

        // Cancelled.
        String cancelled = open(owner, "Cancelled", ownerChannel, total).headers().firstValue("Location")
                .orElseThrow();
        put(cancelled, owner, "bytes 0-999/" + total, Arrays.copyOfRange(file, 0, 1000));
        assertThat(HTTP.send(HttpRequest.newBuilder(uri(cancelled)).header("Authorization", "Bearer " + owner)
                .DELETE().build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(204);
        assertThat(put(cancelled, owner, "bytes */" + total, new byte[0]).statusCode()).isEqualTo(404);
        assertThat(hashesOf("partial-uploads")).isEmpty();
    }

    @Test
    @Order(5)
    void abandonedUploadsAreForgottenWithTheirFiles() throws Exception {
        assertThat(instance.stop()).as("exit code after SIGTERM").isIn(0, 143);
        Path config = data.resolve("bobine.yaml");
        Files.writeString(config, Files.readString(config).replaceAll("(?m)^(\\s*resumable_expiration:).*$",
                "$1 2"));
        instance = RunningInstance.startWithRoot(data, PASSWORD);
        awaitUploads();
        byte[] file = mp4(640, 360, 2, 30, 100_000);
        String location = open(owner, "Abandoned", ownerChannel, file.length).headers().firstValue("Location")
                .orElseThrow();
        assertThat(put(location, owner, "bytes 0-9999/" + file.length, Arrays.copyOfRange(file, 0, 10_000))
                .statusCode()).isEqualTo(308);
        assertThat(hashesOf("partial-uploads")).hasSize(1);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!hashesOf("partial-uploads").isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(hashesOf("partial-uploads")).isEmpty();
        assertThat(put(location, owner, "bytes */" + file.length, new byte[0]).statusCode()).isEqualTo(404);
    }
}
