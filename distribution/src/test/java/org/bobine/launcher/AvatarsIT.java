package org.bobine.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
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
 * End-to-end: avatars of accounts and channels, uploaded as PeerTube's clients do (multipart field
 * {@code avatarfile}), resized, served at {@code /lazy-static/avatars/}, replaced and removed.
 */
@Timeout(300)
class AvatarsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String PASSWORD = "a good password";

    @TempDir
    static Path temporary;

    static RunningInstance instance;
    static RunningInstance.OAuthClient client;
    static String admin;
    static String owner;
    static String other;

    @BeforeAll
    static void start() throws Exception {
        Path data = temporary.resolve("data");
        Files.createDirectories(data);
        instance = RunningInstance.startWithRoot(data, PASSWORD);
        client = instance.oauthClient();
        admin = login("root");
        for (String name : List.of("owner", "other")) {
            ok(instance.call("POST", "/api/v1/users", admin, Map.of("username", name, "password", PASSWORD,
                    "email", name + "@example.org", "role", 2)));
        }
        owner = login("owner");
        other = login("other");
    }

    @AfterAll
    static void stop() throws Exception {
        instance.close();
    }

    static JsonNode ok(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    static String login(String username) throws Exception {
        return ok(instance.postForm("/api/v1/users/token", client.passwordGrant(username, PASSWORD), null))
                .path("access_token").asText();
    }

    static byte[] png(int width, int height) throws Exception {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.BLUE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.ORANGE);
        g.fillOval(width / 4, height / 4, width / 2, height / 2);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    static HttpResponse<String> upload(String method, String path, String token, String field, byte[] content)
            throws Exception {
        String boundary = "----bobine" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field
                + "\"; filename=\"picture.png\"\r\nContent-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(content);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + instance.port + path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<byte[]> fetch(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + instance.port + path)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    static List<String> paths(JsonNode avatars) {
        List<String> paths = new ArrayList<>();
        avatars.forEach(a -> paths.add(a.path("path").asText()));
        return paths;
    }

    /** Checks that the avatars are the four sizes, served with their headers and dimensions. */
    static void assertServed(JsonNode avatars) throws Exception {
        assertThat(avatars).hasSize(4);
        List<Integer> widths = new ArrayList<>();
        for (JsonNode avatar : avatars) {
            int width = avatar.path("width").asInt();
            widths.add(width);
            String path = avatar.path("path").asText();
            assertThat(path).matches("/lazy-static/avatars/[0-9a-f-]{36}\\.jpg");
            assertThat(avatar.path("fileUrl").asText()).isEqualTo("http://localhost:" + instance.port + path);
            assertThat(avatar.path("createdAt").asText()).isNotEmpty();
            assertThat(avatar.path("updatedAt").asText()).isNotEmpty();
            HttpResponse<byte[]> file = fetch(path);
            assertThat(file.statusCode()).isEqualTo(200);
            assertThat(file.headers().firstValue("Content-Type")).hasValue("image/jpeg");
            assertThat(file.headers().firstValue("Content-Length")).hasValue(Integer.toString(file.body().length));
            assertThat(file.headers().firstValue("Cache-Control")).hasValue("public, max-age=31536000, immutable");
            assertThat(file.headers().firstValue("ETag")).isPresent();
            assertThat(file.headers().firstValue("Last-Modified")).isPresent();
            assertThat(file.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(file.body()));
            assertThat(image.getWidth()).isEqualTo(width);
            assertThat(image.getHeight()).isEqualTo(width);
        }
        assertThat(widths).containsExactly(1500, 600, 120, 48);
    }

    static void assertGone(List<String> paths) throws Exception {
        for (String path : paths) {
            assertThat(fetch(path).statusCode()).as(path).isEqualTo(404);
        }
    }

    @Test
    void anAccountAvatarIsUploadedServedReplacedAndDeleted() throws Exception {
        String token = login("owner");
        JsonNode first = ok(upload("POST", "/api/v1/users/me/avatar/pick", token, "avatarfile", png(1800, 1600)))
                .path("avatars");
        assertServed(first);
        assertThat(paths(ok(instance.call("GET", "/api/v1/accounts/owner", null, null)).path("avatars")))
                .isEqualTo(paths(first));
        assertThat(paths(ok(instance.call("GET", "/api/v1/users/me", token, null)).path("account")
                .path("avatars"))).isEqualTo(paths(first));
        String etag = fetch(paths(first).get(0)).headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> notModified = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:"
                + instance.port + paths(first).get(0))).header("If-None-Match", etag).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(notModified.statusCode()).isEqualTo(304);

        JsonNode second = ok(upload("POST", "/api/v1/users/me/avatar/pick", token, "avatarfile", png(1500, 1500)))
                .path("avatars");
        assertServed(second);
        assertGone(paths(first));

        HttpResponse<String> removed = instance.call("DELETE", "/api/v1/users/me/avatar", token, null);
        assertThat(removed.statusCode()).as(removed.body()).isEqualTo(204);
        assertGone(paths(second));
        assertThat(ok(instance.call("GET", "/api/v1/accounts/owner", null, null)).path("avatars")).isEmpty();
    }

    @Test
    void aChannelAvatarIsChangedByItsOwnerOrAnAdministrator() throws Exception {
        String path = "/api/v1/video-channels/owner_channel/avatar";
        JsonNode avatars = ok(upload("POST", path + "/pick", owner, "avatarfile", png(1600, 1600))).path("avatars");
        assertServed(avatars);
        JsonNode channel = ok(instance.call("GET", "/api/v1/video-channels/owner_channel", null, null));
        assertThat(paths(channel.path("avatars"))).isEqualTo(paths(avatars));
        assertThat(channel.path("ownerAccount").path("avatars").isArray()).isTrue();

        JsonNode byAdmin = ok(upload("POST", path + "/pick", admin, "avatarfile", png(1600, 1600))).path("avatars");
        assertGone(paths(avatars));
        HttpResponse<String> removed = instance.call("DELETE", path, owner, null);
        assertThat(removed.statusCode()).as(removed.body()).isEqualTo(204);
        assertGone(paths(byAdmin));
        assertThat(upload("POST", "/api/v1/video-channels/nobody_here/avatar/pick", owner, "avatarfile",
                png(100, 100)).statusCode()).isEqualTo(404);
    }

    @Test
    void aChannelBannerIsUploadedInPeerTubesSizesServedAndDeleted() throws Exception {
        String path = "/api/v1/video-channels/owner_channel/banner";
        JsonNode banners = ok(upload("POST", path + "/pick", owner, "bannerfile", png(2400, 600))).path("banners");
        assertThat(banners).hasSize(2);
        List<String> sizes = new ArrayList<>();
        for (JsonNode banner : banners) {
            String file = banner.path("path").asText();
            assertThat(file).matches("/lazy-static/banners/[0-9a-f-]{36}\\.jpg");
            HttpResponse<byte[]> served = fetch(file);
            assertThat(served.statusCode()).isEqualTo(200);
            assertThat(served.headers().firstValue("Cache-Control")).hasValue("public, max-age=31536000, immutable");
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(served.body()));
            sizes.add(image.getWidth() + "x" + image.getHeight());
            assertThat(banner.path("width").asInt()).isEqualTo(image.getWidth());
        }
        assertThat(sizes).containsExactly("1920x317", "600x100");
        JsonNode channel = ok(instance.call("GET", "/api/v1/video-channels/owner_channel", null, null));
        assertThat(paths(channel.path("banners"))).isEqualTo(paths(banners));
        assertThat(paths(channel.path("avatars"))).as("avatars are apart").doesNotContainAnyElementsOf(paths(banners));
        assertThat(upload("POST", path + "/pick", owner, "avatarfile", png(600, 100)).statusCode())
                .as("the banner's field is bannerfile").isEqualTo(400);
        assertThat(upload("POST", path + "/pick", other, "bannerfile", png(600, 100)).statusCode())
                .isEqualTo(403);

        HttpResponse<String> removed = instance.call("DELETE", path, owner, null);
        assertThat(removed.statusCode()).as(removed.body()).isEqualTo(204);
        assertGone(paths(banners));
        assertThat(ok(instance.call("GET", "/api/v1/video-channels/owner_channel", null, null)).path("banners"))
                .isEmpty();
    }

    @Test
    void aWebpPictureIsAccepted() throws Exception {
        byte[] webp;
        try (var in = AvatarsIT.class.getClassLoader().getResourceAsStream("images/testsrc-320x240-lossy.webp")) {
            webp = in.readAllBytes();
        }
        JsonNode avatars = ok(upload("POST", "/api/v1/users/me/avatar/pick", other, "avatarfile", webp))
                .path("avatars");
        assertThat(avatars).extracting(a -> a.path("width").asInt()).containsExactly(120, 48);
        assertThat(fetch(avatars.get(0).path("path").asText()).statusCode()).isEqualTo(200);
    }

    /** Who may change which avatar: the rows of this feature's rights matrix. */
    @Test
    void rights() throws Exception {
        Map<String, Integer> expected = new LinkedHashMap<>();
        Map<String, HttpResponse<String>> actual = new LinkedHashMap<>();
        byte[] picture = png(64, 64);
        String mine = "/api/v1/users/me/avatar";
        String channel = "/api/v1/video-channels/owner_channel/avatar";
        expected.put("anonymous POST " + mine + "/pick", 401);
        actual.put("anonymous POST " + mine + "/pick", upload("POST", mine + "/pick", null, "avatarfile", picture));
        expected.put("anonymous DELETE " + mine, 401);
        actual.put("anonymous DELETE " + mine, instance.call("DELETE", mine, null, null));
        expected.put("anonymous POST " + channel + "/pick", 401);
        actual.put("anonymous POST " + channel + "/pick", upload("POST", channel + "/pick", null, "avatarfile",
                picture));
        expected.put("anonymous DELETE " + channel, 401);
        actual.put("anonymous DELETE " + channel, instance.call("DELETE", channel, null, null));
        expected.put("other user POST " + channel + "/pick", 403);
        actual.put("other user POST " + channel + "/pick", upload("POST", channel + "/pick", other, "avatarfile",
                picture));
        expected.put("other user DELETE " + channel, 403);
        actual.put("other user DELETE " + channel, instance.call("DELETE", channel, other, null));
        expected.put("other user POST " + mine + "/pick", 200);
        actual.put("other user POST " + mine + "/pick", upload("POST", mine + "/pick", other, "avatarfile",
                picture));
        expected.put("other user DELETE " + mine, 204);
        actual.put("other user DELETE " + mine, instance.call("DELETE", mine, other, null));
        Map<String, Integer> statuses = new LinkedHashMap<>();
        actual.forEach((k, v) -> statuses.put(k, v.statusCode()));
        assertThat(statuses).isEqualTo(expected);
    }

    @Test
    void badUploadsAreRefusedNamingTheField() throws Exception {
        byte[] good = png(300, 300);
        byte[] tooLarge = new byte[4 * 1024 * 1024 + 1];
        new Random(1).nextBytes(tooLarge);
        Map<String, HttpResponse<String>> refused = new LinkedHashMap<>();
        refused.put("text", upload("POST", "/api/v1/users/me/avatar/pick", owner, "avatarfile",
                "not a picture".getBytes(StandardCharsets.UTF_8)));
        refused.put("truncated", upload("POST", "/api/v1/users/me/avatar/pick", owner, "avatarfile",
                Arrays.copyOf(good, good.length / 2)));
        refused.put("too large", upload("POST", "/api/v1/users/me/avatar/pick", owner, "avatarfile", tooLarge));
        refused.put("other field", upload("POST", "/api/v1/users/me/avatar/pick", owner, "picture", good));
        refused.put("json", instance.call("POST", "/api/v1/users/me/avatar/pick", owner, Map.of("a", 1)));
        for (var entry : refused.entrySet()) {
            HttpResponse<String> response = entry.getValue();
            assertThat(response.statusCode()).as(entry.getKey() + ": " + response.body()).isEqualTo(400);
            assertThat(JSON.readTree(response.body()).path("invalid-params").has("avatarfile"))
                    .as(entry.getKey() + ": " + response.body()).isTrue();
        }
    }

    @Test
    void onlyStoredAvatarsAreServed() throws Exception {
        assertThat(fetch("/lazy-static/avatars/" + UUID.randomUUID() + ".jpg").statusCode()).isEqualTo(404);
        assertThat(fetch("/lazy-static/avatars/bobine.yaml").statusCode()).isEqualTo(404);
        for (String sneaky : List.of("/lazy-static/avatars/..%2F..%2Fbobine.yaml",
                "/lazy-static/avatars/%2e%2e/%2e%2e/bobine.yaml")) {
            HttpResponse<byte[]> response = fetch(sneaky);
            assertThat(response.statusCode()).as(sneaky).isIn(400, 404);
            assertThat(new String(response.body(), StandardCharsets.UTF_8)).doesNotContain("webserver");
        }
    }

    @Test
    void theConfigurationTellsTheLimits() throws Exception {
        JsonNode avatar = ok(instance.call("GET", "/api/v1/config", null, null)).path("avatar").path("file");
        assertThat(avatar.path("size").path("max").asLong()).isEqualTo(4194304);
        List<String> extensions = new ArrayList<>();
        avatar.path("extensions").forEach(e -> extensions.add(e.asText()));
        assertThat(extensions).containsExactly(".png", ".jpeg", ".jpg", ".gif", ".webp");
    }
}
