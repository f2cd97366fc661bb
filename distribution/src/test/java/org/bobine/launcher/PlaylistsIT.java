package org.bobine.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * End-to-end: videos uploaded over HTTP go into a playlist created with a multipart body, are reordered and
 * removed, show in {@code videos-exist}, and the watch-later playlist that every user gets is there and stays.
 */
@Timeout(300)
class PlaylistsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String PASSWORD = "a good password";

    @TempDir
    static Path temporary;

    static RunningInstance instance;
    static String root;
    static String viewer;
    static long channel;

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
        channel = ok(instance.call("GET", "/api/v1/users/me", root, null)).path("videoChannels").path(0).path("id")
                .asLong();
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

    static HttpResponse<String> multipart(String path, Map<String, String> fields, String fileField, byte[] file)
            throws Exception {
        String boundary = "bobine-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Map.Entry<String, String> field : fields.entrySet()) {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey()
                    + "\"\r\n\r\n" + field.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        if (fileField != null) {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField
                    + "\"; filename=\"v.mp4\"\r\nContent-Type: video/mp4\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.write(file);
            body.write("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + instance.port + path))
                .header("Authorization", "Bearer " + root)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Uploads a public video through PeerTube's legacy multipart upload; returns its id. */
    static long upload(String name) throws Exception {
        return ok(multipart("/api/v1/videos/upload", Map.of("name", name, "channelId", String.valueOf(channel),
                "privacy", "1"), "videofile", RatingsAndViewsIT.sixtySecondsOfMp4())).path("video").path("id")
                .asLong();
    }

    static List<String> names(JsonNode elements) {
        List<String> names = new ArrayList<>();
        elements.path("data").forEach(e -> names.add(e.path("video").path("name").asText()));
        return names;
    }

    @Test
    void aPlaylistIsFilledReorderedAndQueried() throws Exception {
        JsonNode watchLater = ok(instance.call("GET", "/api/v1/accounts/viewer/video-playlists?playlistType=2",
                viewer, null));
        assertThat(watchLater.path("total").asInt()).isEqualTo(1);
        assertThat(watchLater.path("data").path(0).path("displayName").asText()).isEqualTo("Watch later");
        String watchLaterId = watchLater.path("data").path(0).path("id").asText();
        assertThat(status("DELETE", "/api/v1/video-playlists/" + watchLaterId, viewer, null)).isEqualTo(400);
        assertThat(status("GET", "/api/v1/video-playlists/" + watchLaterId, null, null)).isEqualTo(401);

        JsonNode created = ok(multipart("/api/v1/video-playlists", Map.of("displayName", "Coast birds",
                "privacy", "1", "videoChannelId", String.valueOf(channel), "description", "Gulls and terns"),
                null, null)).path("videoPlaylist");
        String playlist = "/api/v1/video-playlists/" + created.path("shortUUID").asText();
        List<Long> videos = new ArrayList<>();
        for (String name : List.of("Gull", "Tern", "Puffin")) {
            videos.add(upload(name));
        }
        long firstElement = ok(instance.call("POST", playlist + "/videos", root, Map.of("videoId", videos.get(0),
                "startTimestamp", 15, "stopTimestamp", 45))).path("videoPlaylistElement").path("id").asLong();
        for (long video : videos.subList(1, 3)) {
            ok(instance.call("POST", playlist + "/videos", root, Map.of("videoId", video)));
        }
        assertThat(status("POST", playlist + "/videos", viewer, Map.of("videoId", videos.get(0)))).isEqualTo(403);

        JsonNode detail = ok(instance.call("GET", playlist, null, null));
        assertThat(detail.path("videosLength").asInt()).isEqualTo(3);
        assertThat(detail.path("privacy").path("label").asText()).isEqualTo("Public");
        assertThat(detail.path("videoChannel").path("id").asLong()).isEqualTo(channel);
        assertThat(ok(instance.call("GET", "/api/v1/video-playlists", null, null)).path("total").asInt())
                .isEqualTo(1);

        assertThat(status("POST", playlist + "/videos/reorder", root, Map.of("startPosition", 3,
                "insertAfterPosition", 0))).isEqualTo(204);
        JsonNode elements = ok(instance.call("GET", playlist + "/videos", null, null));
        assertThat(names(elements)).containsExactly("Puffin", "Gull", "Tern");
        assertThat(elements.path("data").path(1).path("startTimestamp").asInt()).isEqualTo(15);
        assertThat(elements.path("data").path(1).path("type").asInt()).isZero();

        JsonNode exist = ok(instance.call("GET", "/api/v1/users/me/video-playlists/videos-exist?videoIds="
                + videos.get(0) + "&videoIds=" + videos.get(1), root, null));
        assertThat(exist.path(String.valueOf(videos.get(0))).path(0).path("playlistElementId").asLong())
                .isEqualTo(firstElement);
        assertThat(exist.path(String.valueOf(videos.get(0))).path(0).path("stopTimestamp").asInt()).isEqualTo(45);
        assertThat(exist.path(String.valueOf(videos.get(1))).size()).isEqualTo(1);

        assertThat(status("DELETE", playlist + "/videos/" + firstElement, root, null)).isEqualTo(204);
        JsonNode after = ok(instance.call("GET", playlist + "/videos", null, null));
        assertThat(names(after)).containsExactly("Puffin", "Tern");
        assertThat(after.path("data").path(1).path("position").asInt()).isEqualTo(2);

        assertThat(status("DELETE", "/api/v1/videos/" + videos.get(2), root, null)).isEqualTo(204);
        JsonNode deleted = ok(instance.call("GET", playlist + "/videos", null, null)).path("data").path(0);
        assertThat(deleted.path("type").asInt()).isEqualTo(1);
        assertThat(deleted.path("video").isNull()).isTrue();

        assertThat(status("DELETE", playlist, viewer, null)).isEqualTo(403);
        assertThat(status("DELETE", playlist, root, null)).isEqualTo(204);
        assertThat(status("GET", playlist, null, null)).isEqualTo(404);
    }
    @Test
    void aPlaylistGetsTheThumbnailItIsGiven() throws Exception {
        BufferedImage picture = new BufferedImage(640, 360,
                BufferedImage.TYPE_INT_RGB);
        java.io.ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(picture, "png", png);
        JsonNode created = ok(multipart("/api/v1/video-playlists", Map.of("displayName", "Sea birds",
                "privacy", "1", "videoChannelId", String.valueOf(channel)), "thumbnailfile", png.toByteArray()))
                .path("videoPlaylist");
        String playlist = "/api/v1/video-playlists/" + created.path("uuid").asText();
        String path = ok(instance.call("GET", playlist, null, null)).path("thumbnailPath").asText();
        assertThat(path).matches("/lazy-static/thumbnails/[0-9a-f-]{36}\\.jpg");
        HttpResponse<byte[]> served = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://localhost:" + instance.port + path)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(served.statusCode()).isEqualTo(200);
        BufferedImage thumbnail = ImageIO.read(new ByteArrayInputStream(
                served.body()));
        assertThat(thumbnail.getWidth() + "x" + thumbnail.getHeight()).isEqualTo("280x157");

        assertThat(multipart("/api/v1/video-playlists", Map.of("displayName", "Broken", "privacy", "1",
                "videoChannelId", String.valueOf(channel)), "thumbnailfile", new byte[] {1, 2, 3}).statusCode())
                .as("not a picture").isEqualTo(400);
        assertThat(status("DELETE", playlist, root, null)).isEqualTo(204);
    }
}
