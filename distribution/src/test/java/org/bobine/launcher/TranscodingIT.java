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
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.bytedeco.javacpp.Loader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * End-to-end: a video made by FFmpeg is uploaded to a running bobine.jar with transcoding on, waits in "to
 * transcode" with its upload playable, and is published with PeerTube's outputs: web videos per resolution in
 * {@code files[]}, the HLS playlist in {@code streamingPlaylists[]}, whose master playlist, rendition playlist and a
 * byte range of a fragmented MP4 are served and match {@code segments-sha256.json}. A file FFmpeg cannot decode
 * ends "transcoding failed"; an administrator transcodes a video again.
 */
@Timeout(600)
class TranscodingIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String PASSWORD = "a good password";
    private static final Pattern BYTERANGE = Pattern.compile("#EXT-X-BYTERANGE:(\\d+)@(\\d+)\\s+(\\S+)");

    @TempDir
    static Path temporary;

    static RunningInstance instance;
    static String root;
    static long channel;

    @BeforeAll
    static void start() throws Exception {
        Path data = temporary.resolve("data");
        Files.createDirectories(data);
        Files.writeString(data.resolve("bobine.yaml"), """
                transcoding:
                  enabled: true
                  web_videos:
                    enabled: true
                  hls:
                    enabled: true
                  resolutions: [144]
                  threads: 1
                """);
        instance = RunningInstance.startWithRoot(data, PASSWORD);
        root = JSON.readTree(instance.postForm("/api/v1/users/token",
                instance.oauthClient().passwordGrant("root", PASSWORD), null).body()).path("access_token").asText();
        channel = JSON.readTree(instance.get("/api/v1/video-channels/root_channel").body()).path("id").asLong();
    }

    @AfterAll
    static void stop() throws Exception {
        if (instance != null) {
            instance.close();
        }
    }

    /** A two-second 320x240 clip with sound, made by the FFmpeg that the transcoding bundle embeds. */
    static byte[] clip() throws Exception {
        Loader.load(org.bytedeco.ffmpeg.global.avdevice.class);
        String ffmpeg = Loader.load(org.bytedeco.ffmpeg.ffmpeg.class);
        Path out = temporary.resolve("clip.mp4");
        Process process = new ProcessBuilder(ffmpeg, "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
                "testsrc2=duration=2:size=320x240:rate=25", "-f", "lavfi", "-i", "sine=frequency=440:duration=2",
                "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-movflags",
                "faststart", out.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return Files.readAllBytes(out);
    }

    static JsonNode upload(String name, byte[] file) throws Exception {
        String boundary = "----bobine" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Map.Entry<String, String> field : Map.of("name", name, "channelId", Long.toString(channel),
                "privacy", "1").entrySet()) {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey()
                    + "\"\r\n\r\n" + field.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"videofile\"; filename=\"v.mp4\"\r\n"
                + "Content-Type: video/mp4\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(file);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri("/api/v1/videos/upload"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Authorization", "Bearer " + root)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).path("video");
    }

    static URI uri(String path) {
        return URI.create(path.startsWith("http") ? path : "http://localhost:" + instance.port + path);
    }

    static JsonNode video(String uuid) throws Exception {
        return JSON.readTree(instance.call("GET", "/api/v1/videos/" + uuid, root, null).body());
    }

    /** Waits until the video's state is {@code state}. */
    static JsonNode awaitState(String uuid, int state) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        JsonNode video = video(uuid);
        while (video.path("state").path("id").asInt() != state) {
            assertThat(System.nanoTime()).as("state %d, now %s\n%s", state, video.path("state"), instance.output())
                    .isLessThan(deadline);
            Thread.sleep(250);
            video = video(uuid);
        }
        return video;
    }

    static HttpResponse<byte[]> fetch(String url, String range) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(url));
        if (range != null) {
            request.header("Range", range);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void anUploadIsTranscodedToWebVideosAndHls() throws Exception {
        String uuid = upload("Transcoded", clip()).path("uuid").asText();
        JsonNode waiting = video(uuid);
        if (waiting.path("state").path("id").asInt() == 2) {
            assertThat(waiting.path("files")).as("the upload plays meanwhile").hasSize(1);
        }
        JsonNode video = awaitState(uuid, 1);

        List<Integer> resolutions = new ArrayList<>();
        video.path("files").forEach(f -> resolutions.add(f.path("resolution").path("id").asInt()));
        assertThat(resolutions).containsExactly(240, 144);
        JsonNode low = video.path("files").get(1);
        assertThat(low.path("width").asInt()).isEqualTo(192);
        assertThat(low.path("height").asInt()).isEqualTo(144);
        assertThat(low.path("fps").asInt()).isEqualTo(25);
        assertThat(fetch(low.path("fileUrl").asText(), null).statusCode()).isEqualTo(200);
        assertThat(video.path("duration").asInt()).isEqualTo(2);
        assertThat(video.path("thumbnailPath").asText()).startsWith("/lazy-static/thumbnails/");
        assertThat(video.path("previewPath").asText()).startsWith("/lazy-static/previews/");

        JsonNode playlist = video.path("streamingPlaylists").get(0);
        assertThat(playlist.path("type").asInt()).isEqualTo(1);
        String base = "http://localhost:" + instance.port + "/static/streaming-playlists/hls/" + uuid + "/";
        assertThat(playlist.path("playlistUrl").asText()).startsWith(base).endsWith("-master.m3u8");
        List<Integer> hlsResolutions = new ArrayList<>();
        playlist.path("files").forEach(f -> hlsResolutions.add(f.path("resolution").path("id").asInt()));
        assertThat(hlsResolutions).containsExactly(240, 144);

        HttpResponse<byte[]> master = fetch(playlist.path("playlistUrl").asText(), null);
        assertThat(master.statusCode()).isEqualTo(200);
        assertThat(master.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .startsWith("application/vnd.apple.mpegurl"));
        String masterText = new String(master.body(), StandardCharsets.UTF_8);
        assertThat(masterText).startsWith("#EXTM3U").contains("RESOLUTION=320x240", "RESOLUTION=192x144",
                "CODECS=\"avc1.", "mp4a.40.2");
        String rendition = masterText.lines().filter(line -> line.endsWith("-144.m3u8")).findFirst().orElseThrow();
        String renditionText = new String(fetch(base + rendition, null).body(), StandardCharsets.UTF_8);
        Matcher range = BYTERANGE.matcher(renditionText);
        assertThat(range.find()).as(renditionText).isTrue();
        long length = Long.parseLong(range.group(1));
        long offset = Long.parseLong(range.group(2));
        String fragmented = range.group(3);
        HttpResponse<byte[]> segment = fetch(base + fragmented, "bytes=" + offset + "-" + (offset + length - 1));
        assertThat(segment.statusCode()).isEqualTo(206);
        assertThat(segment.body()).hasSize((int) length);

        JsonNode hashes = JSON.readTree(fetch(playlist.path("segmentsSha256Url").asText(), null).body());
        assertThat(hashes.path(fragmented).path(offset + "-" + (offset + length - 1)).asText())
                .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(segment.body())));
        assertThat(fetch(base + "00000000-0000-4000-8000-000000000000-master.m3u8", null).statusCode())
                .isEqualTo(404);

        // An administrator transcodes it again: new outputs replace the previous ones.
        HttpResponse<String> again = instance.call("POST", "/api/v1/videos/" + uuid + "/transcoding", root,
                Map.of("transcodingType", "hls"));
        assertThat(again.statusCode()).as(again.body()).isEqualTo(204);
        assertThat(instance.call("POST", "/api/v1/videos/" + uuid + "/transcoding", root,
                Map.of("transcodingType", "nonsense")).statusCode()).isEqualTo(400);
        JsonNode redone = awaitState(uuid, 1);
        assertThat(redone.path("streamingPlaylists").get(0).path("playlistUrl").asText())
                .isNotEqualTo(playlist.path("playlistUrl").asText());
        assertThat(fetch(playlist.path("playlistUrl").asText(), null).statusCode()).isEqualTo(404);
    }

    @Test
    void aFileFfmpegCannotDecodeFailsWithoutHarm() throws Exception {
        // Valid MP4 boxes around random bytes: accepted by the upload, refused by FFmpeg.
        String uuid = upload("Undecodable", UploadIT.mp4(640, 360, 2, 25, 20_000)).path("uuid").asText();
        JsonNode video = awaitState(uuid, 7);
        assertThat(video.path("state").path("label").asText()).isEqualTo("Transcoding failed");
        assertThat(instance.get("/api/v1/ping").body()).isEqualTo("pong");
    }
}
