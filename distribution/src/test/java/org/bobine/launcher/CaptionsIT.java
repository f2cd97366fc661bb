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
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
 * End-to-end: captions of videos as PeerTube's clients send them (multipart field {@code captionfile}), SubRip
 * converted to WebVTT, listed, served at {@code /lazy-static/video-captions/}, replaced, removed, and gone with
 * their video.
 */
@Timeout(300)
class CaptionsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String PASSWORD = "a good password";
    private static final String SRT = "\uFEFF1\r\n00:00:01,000 --> 00:00:02,500\r\nHello\r\n\r\n2\r\n"
            + "00:00:03,000 --> 00:00:04,000\r\nWorld\r\n";
    private static final String VTT = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nBonjour\n";

    @TempDir
    static Path temporary;

    static RunningInstance instance;
    static String admin;
    static String owner;
    static String other;
    static long ownerChannel;

    @BeforeAll
    static void start() throws Exception {
        Path data = temporary.resolve("data");
        Files.createDirectories(data);
        instance = RunningInstance.startWithRoot(data, PASSWORD);
        RunningInstance.OAuthClient client = instance.oauthClient();
        admin = login(client, "root");
        for (String name : List.of("owner", "other")) {
            ok(instance.call("POST", "/api/v1/users", admin, Map.of("username", name, "password", PASSWORD,
                    "email", name + "@example.org", "role", 2)));
        }
        owner = login(client, "owner");
        other = login(client, "other");
        ownerChannel = ok(instance.call("GET", "/api/v1/video-channels/owner_channel", null, null)).path("id")
                .asLong();
    }

    @AfterAll
    static void stop() throws Exception {
        instance.close();
    }

    static JsonNode ok(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    static String login(RunningInstance.OAuthClient client, String username) throws Exception {
        return ok(instance.postForm("/api/v1/users/token", client.passwordGrant(username, PASSWORD), null))
                .path("access_token").asText();
    }

    /** A multipart body of text fields and at most one file. */
    static HttpResponse<String> multipart(String method, String path, String token, Map<String, String> fields,
            String fileField, String fileName, byte[] content) throws Exception {
        String boundary = "----bobine" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (var field : fields.entrySet()) {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey()
                    + "\"\r\n\r\n" + field.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        if (fileField != null) {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField
                    + "\"; filename=\"" + fileName + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            body.write(content);
            body.write("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + instance.port + path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Uploads a video of the owner (a WebM header: the upload records it without probing it further). */
    static String video(String name, int privacy) throws Exception {
        byte[] webm = new byte[256];
        webm[0] = 0x1a;
        webm[1] = 0x45;
        webm[2] = (byte) 0xdf;
        webm[3] = (byte) 0xa3;
        JsonNode created = ok(multipart("POST", "/api/v1/videos/upload", owner, Map.of("name", name,
                "channelId", Long.toString(ownerChannel), "privacy", Integer.toString(privacy)), "videofile",
                "clip.webm", webm));
        return created.path("video").path("uuid").asText();
    }

    static HttpResponse<String> putCaption(String video, String language, String token, String content)
            throws Exception {
        return multipart("PUT", "/api/v1/videos/" + video + "/captions/" + language, token, Map.of(),
                "captionfile", "caption.srt", content.getBytes(StandardCharsets.UTF_8));
    }

    static HttpResponse<String> deleteCaption(String video, String language, String token) throws Exception {
        return instance.call("DELETE", "/api/v1/videos/" + video + "/captions/" + language, token, null);
    }

    static JsonNode captions(String video, String token) throws Exception {
        return ok(instance.call("GET", "/api/v1/videos/" + video + "/captions", token, null));
    }

    static HttpResponse<String> fetch(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + instance.port + path)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** Waits for a file to leave the store, which happens once the removal has committed. */
    static void assertGone(String path, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        int status = fetch(path).statusCode();
        while (status != 404 && System.nanoTime() < deadline) {
            Thread.sleep(250);
            status = fetch(path).statusCode();
        }
        assertThat(status).as(path).isEqualTo(404);
    }

    static void assertNoContent(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
    }

    @Test
    void aCaptionIsConvertedListedServedReplacedAndDeleted() throws Exception {
        String video = video("Captioned", 1);
        assertThat(captions(video, null).path("total").asInt()).isZero();
        assertNoContent(putCaption(video, "en", owner, SRT));

        JsonNode list = captions(video, null);
        assertThat(list.path("total").asInt()).isEqualTo(1);
        JsonNode caption = list.path("data").get(0);
        assertThat(caption.path("language").path("id").asText()).isEqualTo("en");
        assertThat(caption.path("language").path("label").asText()).isEqualTo("English");
        assertThat(caption.path("automaticallyGenerated").asBoolean(true)).isFalse();
        assertThat(caption.path("updatedAt").asText()).isNotEmpty();
        String path = caption.path("captionPath").asText();
        assertThat(path).matches("/lazy-static/video-captions/[0-9a-f-]{36}-en\\.vtt");

        HttpResponse<String> file = fetch(path);
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.body()).isEqualTo("WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.500\nHello\n\n2\n"
                + "00:00:03.000 --> 00:00:04.000\nWorld\n");
        assertThat(file.headers().firstValue("Content-Type").orElseThrow().replace(" ", "").toLowerCase())
                .isEqualTo("text/vtt;charset=utf-8");
        assertThat(file.headers().firstValue("Cache-Control")).hasValue("public, max-age=31536000, immutable");
        assertThat(file.headers().firstValue("Last-Modified")).isPresent();
        assertThat(file.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        String etag = file.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> notModified = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:"
                + instance.port + path)).header("If-None-Match", etag).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(notModified.statusCode()).isEqualTo(304);

        assertNoContent(putCaption(video, "en", owner, VTT));
        String replaced = captions(video, null).path("data").get(0).path("captionPath").asText();
        assertThat(replaced).isNotEqualTo(path);
        assertThat(fetch(replaced).body()).isEqualTo(VTT);
        assertGone(path, Duration.ofSeconds(30));

        assertNoContent(deleteCaption(video, "en", owner));
        assertThat(captions(video, null).path("total").asInt()).isZero();
        assertGone(replaced, Duration.ofSeconds(30));
        assertThat(deleteCaption(video, "en", owner).statusCode()).isEqualTo(404);
    }

    /** Who may do what with captions: the rows of this feature's rights matrix. */
    @Test
    void rights() throws Exception {
        String publicVideo = video("Public", 1);
        String privateVideo = video("Private", 3);
        Map<String, Integer> expected = new LinkedHashMap<>();
        Map<String, Integer> actual = new LinkedHashMap<>();
        expected.put("anonymous PUT", 401);
        actual.put("anonymous PUT", putCaption(publicVideo, "fr", null, SRT).statusCode());
        expected.put("other user PUT", 403);
        actual.put("other user PUT", putCaption(publicVideo, "fr", other, SRT).statusCode());
        expected.put("owner PUT", 204);
        actual.put("owner PUT", putCaption(publicVideo, "fr", owner, SRT).statusCode());
        expected.put("administrator PUT", 204);
        actual.put("administrator PUT", putCaption(publicVideo, "de", admin, SRT).statusCode());
        expected.put("anonymous DELETE", 401);
        actual.put("anonymous DELETE", deleteCaption(publicVideo, "fr", null).statusCode());
        expected.put("other user DELETE", 403);
        actual.put("other user DELETE", deleteCaption(publicVideo, "fr", other).statusCode());
        expected.put("administrator DELETE", 204);
        actual.put("administrator DELETE", deleteCaption(publicVideo, "fr", admin).statusCode());
        expected.put("anonymous GET of a public video", 200);
        actual.put("anonymous GET of a public video", instance.call("GET", "/api/v1/videos/" + publicVideo
                + "/captions", null, null).statusCode());
        expected.put("owner PUT on a private video", 204);
        actual.put("owner PUT on a private video", putCaption(privateVideo, "en", owner, SRT).statusCode());
        expected.put("anonymous GET of a private video", 401);
        actual.put("anonymous GET of a private video", instance.call("GET", "/api/v1/videos/" + privateVideo
                + "/captions", null, null).statusCode());
        expected.put("other user GET of a private video", 403);
        actual.put("other user GET of a private video", instance.call("GET", "/api/v1/videos/" + privateVideo
                + "/captions", other, null).statusCode());
        expected.put("administrator GET of a private video", 200);
        actual.put("administrator GET of a private video", instance.call("GET", "/api/v1/videos/" + privateVideo
                + "/captions", admin, null).statusCode());
        assertThat(actual).isEqualTo(expected);

        // As in PeerTube, the file of a private video's caption is served to whoever has its (random) name.
        String path = captions(privateVideo, owner).path("data").get(0).path("captionPath").asText();
        assertThat(fetch(path).statusCode()).isEqualTo(200);
    }

    @Test
    void badRequestsNameTheirField() throws Exception {
        String video = video("Refusals", 1);
        Map<String, HttpResponse<String>> refused = new LinkedHashMap<>();
        refused.put("html", putCaption(video, "en", owner, "<!DOCTYPE html>\n<html><body>Hi</body></html>\n"));
        refused.put("script", putCaption(video, "en", owner, "#!/bin/sh\necho hi\n"));
        refused.put("broken timing", putCaption(video, "en", owner,
                "WEBVTT\n\n00:00:01,000 --> 00:00:02,000\nSRT commas\n"));
        refused.put("empty", putCaption(video, "en", owner, ""));
        refused.put("no file", multipart("PUT", "/api/v1/videos/" + video + "/captions/en", owner, Map.of(), null,
                null, null));
        refused.put("too large", multipart("PUT", "/api/v1/videos/" + video + "/captions/en", owner, Map.of(),
                "captionfile", "big.vtt", new byte[20 * 1024 * 1024 + 1]));
        for (var entry : refused.entrySet()) {
            HttpResponse<String> response = entry.getValue();
            assertThat(response.statusCode()).as(entry.getKey() + ": " + response.body()).isEqualTo(400);
            assertThat(JSON.readTree(response.body()).path("invalid-params").has("captionfile"))
                    .as(entry.getKey() + ": " + response.body()).isTrue();
        }
        HttpResponse<String> language = putCaption(video, "xx", owner, SRT);
        assertThat(language.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(language.body()).path("invalid-params").has("captionLanguage")).isTrue();
        assertThat(captions(video, null).path("total").asInt()).isZero();
        assertThat(fetch("/lazy-static/video-captions/" + UUID.randomUUID() + "-en.vtt").statusCode())
                .isEqualTo(404);
        assertThat(fetch("/lazy-static/video-captions/..%2F..%2Fbobine.yaml").statusCode()).isIn(400, 404);
    }

    @Test
    void captionsGoWithTheirVideo() throws Exception {
        String video = video("Removed", 1);
        assertNoContent(putCaption(video, "en", owner, SRT));
        String path = captions(video, null).path("data").get(0).path("captionPath").asText();
        assertNoContent(instance.call("DELETE", "/api/v1/videos/" + video, owner, null));
        assertThat(instance.call("GET", "/api/v1/videos/" + video + "/captions", null, null).statusCode())
                .isEqualTo(404);
        // Recorded in the removal's transaction, the file goes at the next sweep of removed files (every minute).
        assertGone(path, Duration.ofSeconds(90));
    }

    @Test
    void aVideosMetadataIsChangedWithAMultipartPutAsPeerTubesClientSendsIt() throws Exception {
        String video = video("Before", 1);
        assertNoContent(multipart("PUT", "/api/v1/videos/" + video, owner, Map.of("name", "After the change",
                "tags[0]", "birds", "tags[1]", "owls"), null, null, null));
        JsonNode details = ok(instance.call("GET", "/api/v1/videos/" + video, null, null));
        assertThat(details.path("name").asText()).isEqualTo("After the change");
        assertThat(details.path("tags").toString()).isEqualTo("[\"birds\",\"owls\"]");
        HttpResponse<String> bad = multipart("PUT", "/api/v1/videos/" + video, owner, Map.of("name", "x"), null,
                null, null);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("name");
    }

    @Test
    void theConfigurationTellsTheLimits() throws Exception {
        JsonNode caption = ok(instance.call("GET", "/api/v1/config", null, null)).path("videoCaption").path("file");
        assertThat(caption.path("size").path("max").asLong()).isEqualTo(20971520);
        List<String> extensions = new ArrayList<>();
        caption.path("extensions").forEach(e -> extensions.add(e.asText()));
        assertThat(extensions).containsExactly(".vtt", ".srt");
    }
}
