package org.bobine.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * End-to-end: a video uploaded over HTTP is rated by two users and watched, and its counters, its views written
 * by the periodic flush, the users' ratings and the trending order show it.
 */
@Timeout(300)
class RatingsAndViewsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String PASSWORD = "a good password";

    @TempDir
    static Path temporary;

    static RunningInstance instance;
    static String root;
    static String viewer;

    @BeforeAll
    static void start() throws Exception {
        Path data = temporary.resolve("data");
        Files.createDirectories(data);
        instance = RunningInstance.startWithRoot(data, PASSWORD);
        RunningInstance.OAuthClient client = instance.oauthClient();
        root = login(client, "root");
        ok(instance.call("POST", "/api/v1/users", root, Map.of("username", "viewer", "password", PASSWORD, "email",
                "viewer@example.org", "role", 2)));
        viewer = login(client, "viewer");
    }

    @AfterAll
    static void stop() throws Exception {
        instance.close();
    }

    static String login(RunningInstance.OAuthClient client, String username) throws Exception {
        return ok(instance.postForm("/api/v1/users/token", client.passwordGrant(username, PASSWORD), null))
                .path("access_token").asText();
    }

    static JsonNode ok(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    static int status(String method, String path, String token, Object json) throws Exception {
        return instance.call(method, path, token, json).statusCode();
    }

    /** Uploads a video of 60 seconds through PeerTube's legacy multipart upload; returns its UUID. */
    static String upload(String name, int privacy) throws Exception {
        long channel = ok(instance.call("GET", "/api/v1/users/me", root, null)).path("videoChannels").path(0)
                .path("id").asLong();
        String boundary = "bobine-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Map.Entry<String, String> field : Map.of("name", name, "channelId", String.valueOf(channel), "privacy",
                String.valueOf(privacy)).entrySet()) {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey()
                    + "\"\r\n\r\n" + field.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"videofile\"; filename=\"v.mp4\""
                + "\r\nContent-Type: video/mp4\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(sixtySecondsOfMp4());
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + instance.port + "/api/v1/videos/upload"))
                .header("Authorization", "Bearer " + root)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
        return ok(response).path("video").path("uuid").asText();
    }

    /** The boxes a probe reads (file type, movie and track headers, media header, handler, sample times). */
    static byte[] sixtySecondsOfMp4() throws IOException {
        Mp4 mvhd = new Mp4("mvhd").ints(0, 0, 0, 1000, 60_000).zeros(80);
        Mp4 tkhd = new Mp4("tkhd").ints(3, 0, 0, 1, 0, 60_000).zeros(52).ints(640 << 16, 360 << 16);
        Mp4 mdhd = new Mp4("mdhd").ints(0, 0, 0, 2500, 60 * 2500, 0);
        Mp4 hdlr = new Mp4("hdlr").ints(0, 0).text("vide").zeros(12).text("Video\0");
        Mp4 stts = new Mp4("stts").ints(0, 1, 60 * 25, 100);
        Mp4 stbl = new Mp4("stbl").box(stts);
        Mp4 mdia = new Mp4("mdia").box(mdhd).box(hdlr).box(new Mp4("minf").box(stbl));
        Mp4 moov = new Mp4("moov").box(mvhd).box(new Mp4("trak").box(tkhd).box(mdia));
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.write(new Mp4("ftyp").text("isom").ints(512).text("isommp41").bytes());
        file.write(moov.bytes());
        file.write(new Mp4("mdat").zeros(4096).bytes());
        return file.toByteArray();
    }

    /** One ISO-BMFF box, written field by field. */
    static final class Mp4 {
        private final String type;
        private final ByteArrayOutputStream payload = new ByteArrayOutputStream();
        private final DataOutputStream out = new DataOutputStream(payload);

        Mp4(String type) {
            this.type = type;
        }

        Mp4 ints(int... values) throws IOException {
            for (int value : values) {
                out.writeInt(value);
            }
            return this;
        }

        Mp4 zeros(int count) throws IOException {
            out.write(new byte[count]);
            return this;
        }

        Mp4 text(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.ISO_8859_1));
            return this;
        }

        Mp4 box(Mp4 child) throws IOException {
            out.write(child.bytes());
            return this;
        }

        byte[] bytes() throws IOException {
            ByteArrayOutputStream box = new ByteArrayOutputStream();
            DataOutputStream header = new DataOutputStream(box);
            header.writeInt(8 + payload.size());
            header.write(type.getBytes(StandardCharsets.ISO_8859_1));
            box.write(payload.toByteArray());
            return box.toByteArray();
        }
    }

    @Test
    void ratingsAndViewsReachTheVideo() throws Exception {
        String video = upload("Birds of the coast", 1);
        String secret = upload("Private birds", 3);
        String rate = "/api/v1/videos/" + video + "/rate";

        assertThat(status("PUT", rate, null, Map.of("rating", "like"))).isEqualTo(401);
        assertThat(status("PUT", rate, viewer, Map.of("rating", "love"))).isEqualTo(400);
        assertThat(status("PUT", "/api/v1/videos/" + secret + "/rate", viewer, Map.of("rating", "like")))
                .isEqualTo(403);
        assertThat(status("PUT", rate, viewer, Map.of("rating", "like"))).isEqualTo(204);
        assertThat(status("PUT", rate, root, Map.of("rating", "dislike"))).isEqualTo(204);
        JsonNode rated = ok(instance.call("GET", "/api/v1/videos/" + video, null, null));
        assertThat(rated.path("likes").asInt()).isEqualTo(1);
        assertThat(rated.path("dislikes").asInt()).isEqualTo(1);
        long id = rated.path("id").asLong();
        JsonNode mine = ok(instance.call("GET", "/api/v1/users/me/videos/" + id + "/rating", viewer, null));
        assertThat(mine.path("videoId").asLong()).isEqualTo(id);
        assertThat(mine.path("rating").asText()).isEqualTo("like");
        JsonNode likes = ok(instance.call("GET", "/api/v1/accounts/viewer/ratings?rating=like", viewer, null));
        assertThat(likes.path("total").asInt()).isEqualTo(1);
        assertThat(likes.path("data").path(0).path("video").path("uuid").asText()).isEqualTo(video);
        assertThat(status("GET", "/api/v1/accounts/viewer/ratings", root, null)).isEqualTo(403);

        String views = "/api/v1/videos/" + video + "/views";
        assertThat(status("POST", views, null, Map.of("viewEvent", "seek"))).isEqualTo(400);
        assertThat(status("POST", views, null, Map.of("currentTime", 0, "sessionId", "abc"))).isEqualTo(204);
        assertThat(status("POST", views, null, Map.of("currentTime", 5, "sessionId", "abc"))).isEqualTo(204);
        assertThat(status("PUT", "/api/v1/videos/" + video + "/watching", null,
                Map.of("currentTime", 11, "sessionId", "abc"))).isEqualTo(204);
        assertThat(status("POST", views, null, Map.of("currentTime", 30, "sessionId", "abc"))).isEqualTo(204);
        // Written by the next flush, within some ten seconds.
        instance.await("/api/v1/videos/" + video, r -> r.body().contains("\"views\":1"), Duration.ofSeconds(40));
        assertThat(ok(instance.call("GET", "/api/v1/videos/" + video, null, null)).path("views").asLong())
                .isEqualTo(1);
        JsonNode trending = ok(instance.call("GET", "/api/v1/videos?sort=-trending", null, null));
        assertThat(trending.path("data").path(0).path("uuid").asText()).isEqualTo(video);
        JsonNode config = ok(instance.call("GET", "/api/v1/config", null, null));
        assertThat(config.path("trending").path("videos").path("intervalDays").asInt()).isEqualTo(7);
    }
}
