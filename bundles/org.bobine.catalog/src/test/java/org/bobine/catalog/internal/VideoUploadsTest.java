package org.bobine.catalog.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bobine.catalog.internal.CatalogTest.ALICE;
import static org.bobine.catalog.internal.CatalogTest.BOB;
import static org.bobine.catalog.internal.CatalogTest.status;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bobine.auth.api.CreatedUser;
import org.bobine.auth.api.VideoQuota;
import org.bobine.storage.testing.MemoryFileStore;
import org.bobine.web.api.ApiResponse;
import org.bobine.web.api.ApiUser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Uploads on a real database and an in-memory store: the legacy upload with its checks, and the resumable one
 * chunk by chunk, resumed, cancelled and forgotten.
 */
class VideoUploadsTest {

    @org.junit.jupiter.api.io.TempDir
    Path dataDir;

    TestDatabase test;
    MemoryFileStore store;
    Videos videos;
    VideoUploads uploads;
    long aliceChannel;
    long bobChannel;
    long quotaLeft = Long.MAX_VALUE;

    void open(TestDatabase.Backend backend) throws Exception {
        test = TestDatabase.open(backend, dataDir);
        Actors actors = new Actors(test.database, new FakeAddress());
        UserProfiles profiles = new UserProfiles(actors);
        store = new MemoryFileStore();
        videos = new Videos(actors, new FakeAddress(), store);
        VideoQuota quota = new VideoQuota() {
            @Override
            public boolean mayAdd(long userId, long bytes) {
                return bytes <= quotaLeft;
            }

            @Override
            public Usage used(long userId) {
                return new Usage(0, 0);
            }
        };
        uploads = new VideoUploads(videos, store, quota, new ContainerProbe(), Duration.ofMinutes(60));
        aliceChannel = channelOf(profiles, CatalogTest.user(1, "alice"));
        bobChannel = channelOf(profiles, CatalogTest.user(2, "bob"));
    }

    private long channelOf(UserProfiles profiles, CreatedUser user) {
        test.database.run(em -> profiles.created(em, user));
        return test.database.read(em -> Actors.channelsOf(em, Actors.accountOfUser(em, user.id()).orElseThrow()
                .id()).get(0).id());
    }

    @AfterEach
    void close() {
        if (uploads != null) {
            uploads.deactivate();
        }
        if (test != null) {
            test.close();
        }
    }

    UploadRequest legacy(ApiUser user, long channel, String fileName, byte[] file) {
        return new UploadRequest("POST", user).field("name", "My first video").field("channelId", "" + channel)
                .field("privacy", "1").field("tags[0]", "cats").field("tags[1]", "dogs").file("videofile", fileName,
                        file);
    }

    List<String> webVideos() {
        return store.files.keySet().stream().filter(k -> k.startsWith(Videos.WEB_VIDEOS + "/")).toList();
    }

    List<String> partials() {
        return store.files.keySet().stream().filter(k -> k.startsWith(VideoUploads.PARTIAL + "/")).toList();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Backend.class)
    void legacyUploadMakesAPublishedVideoWithItsFile(TestDatabase.Backend backend) throws Exception {
        open(backend);
        byte[] mp4 = TinyMp4.build(1920, 1080, 12, 30, 5000, true);
        Map<String, Object> answer = uploads.legacy(legacy(ALICE, aliceChannel, "film.mp4", mp4));
        @SuppressWarnings("unchecked")
        Map<String, Object> video = (Map<String, Object>) answer.get("video");
        assertThat(video).containsKeys("id", "uuid", "shortUUID");

        long id = ((Number) video.get("id")).longValue();
        test.database.read(em -> {
            Video v = em.find(Video.class, id);
            assertThat(v.state()).isEqualTo(VideoConstants.PUBLISHED);
            assertThat(v.duration()).isEqualTo(12);
            List<VideoFile> files = Videos.filesOf(em, List.of(id));
            assertThat(files).hasSize(1);
            assertThat(files.get(0).resolution()).isEqualTo(1080);
            assertThat(files.get(0).size()).isEqualTo(mp4.length);
            assertThat(files.get(0).fps()).isEqualTo(30);
            return null;
        });
        assertThat(webVideos()).hasSize(1);
        assertThat(store.files.get(webVideos().get(0))).isEqualTo(mp4);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Backend.class)
    void thumbnailsAndPreviewsOfALegacyUpload(TestDatabase.Backend backend) throws Exception {
        open(backend);
        byte[] mp4 = TinyMp4.build(640, 360, 2, 25, 100, true);
        assertThat(status(() -> uploads.legacy(legacy(ALICE, aliceChannel, "a.mp4", mp4).file("thumbnailfile",
                "t.png", "not an image".getBytes())))).isEqualTo(400);
        assertThat(store.files).isEmpty();

        @SuppressWarnings("unchecked")
        Map<String, Object> video = (Map<String, Object>) uploads.legacy(legacy(ALICE, aliceChannel, "a.mp4", mp4)
                .file("thumbnailfile", "t.png", ImagesTest.picture(800, 600, "png", false))).get("video");
        long id = ((Number) video.get("id")).longValue();
        Map<String, Object> json = test.database.read(em -> VideoJson.video(em.find(Video.class, id),
                "http://localhost:9000", "localhost:9000", VideoJson.Extras.NONE, List.of()));
        assertThat((String) json.get("thumbnailPath")).matches("/lazy-static/thumbnails/[0-9a-f-]{36}\\.jpg");
        assertThat((String) json.get("previewPath")).matches("/lazy-static/previews/[0-9a-f-]{36}\\.jpg");
        String thumbnail = ((String) json.get("thumbnailPath")).substring("/lazy-static/thumbnails/".length());
        assertThat(store.files).containsKey(VideoUploads.THUMBNAILS + "/" + thumbnail);
        assertThat(AvatarFilesServlet.areaOf("/lazy-static/thumbnails")).isEqualTo(VideoUploads.THUMBNAILS);
        assertThat(AvatarFilesServlet.areaOf("/lazy-static/previews")).isEqualTo(VideoUploads.PREVIEWS);
        assertThat(AvatarFilesServlet.areaOf("/lazy-static/other")).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Backend.class)
    void legacyUploadChecksBeforeKeepingAnything(TestDatabase.Backend backend) throws Exception {
        open(backend);
        byte[] mp4 = TinyMp4.build(640, 360, 2, 25, 100, true);
        assertThat(status(() -> uploads.legacy(legacy(null, aliceChannel, "a.mp4", mp4)))).isEqualTo(401);
        assertThat(status(() -> uploads.legacy(legacy(ALICE, bobChannel, "a.mp4", mp4)))).isEqualTo(400);
        assertThat(status(() -> uploads.legacy(new UploadRequest("POST", ALICE).field("channelId", "" + aliceChannel)
                .file("videofile", "a.mp4", mp4)))).isEqualTo(400);
        assertThat(status(() -> uploads.legacy(new UploadRequest("POST", ALICE).field("name", "No file")
                .field("channelId", "" + aliceChannel)))).isEqualTo(400);
        assertThat(status(() -> uploads.legacy(legacy(ALICE, aliceChannel, "a.mkv", mp4)))).isEqualTo(415);
        assertThat(status(() -> uploads.legacy(legacy(ALICE, aliceChannel, "a.mp4", "not a video at all".getBytes()))))
                .isEqualTo(422);
        assertThat(status(() -> uploads.legacy(legacy(ALICE, aliceChannel, "a.mp4", Arrays.copyOf(mp4, 40)))))
                .isEqualTo(422);
        quotaLeft = mp4.length - 1;
        assertThat(status(() -> uploads.legacy(legacy(ALICE, aliceChannel, "a.mp4", mp4)))).isEqualTo(413);
        assertThat(store.files).isEmpty();
        long count = test.database.read(em -> em.createQuery("select count(v) from Video v", Long.class)
                .getSingleResult());
        assertThat(count).isZero();
    }

    Map<String, Object> metadata(long channel) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", "Resumed");
        json.put("channelId", channel);
        json.put("privacy", 1);
        json.put("filename", "resumed.mp4");
        return json;
    }

    String openSession(ApiUser user, long channel, long size, int expected) {
        ApiResponse response = (ApiResponse) uploads.open(new UploadRequest("POST", user).json(metadata(channel))
                .header("X-Upload-Content-Length", "" + size).header("X-Upload-Content-Type", "video/mp4"));
        assertThat(response.status()).isEqualTo(expected);
        String location = response.headers().get("Location");
        assertThat(location).startsWith("/api/v1/videos/upload-resumable?upload_id=");
        return location.substring(location.indexOf('=') + 1);
    }

    Object put(String id, byte[] file, long first, long last) {
        return uploads.chunk(new UploadRequest("PUT", ALICE).query("upload_id", id)
                .header("Content-Range", "bytes " + first + "-" + last + "/" + file.length)
                .bytes(Arrays.copyOfRange(file, (int) first, (int) last + 1)));
    }

    ApiResponse ask(String id, long total) {
        return (ApiResponse) uploads.chunk(new UploadRequest("PUT", ALICE).query("upload_id", id)
                .header("Content-Range", "bytes */" + total));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Backend.class)
    void resumableUploadInChunks(TestDatabase.Backend backend) throws Exception {
        open(backend);
        byte[] mp4 = TinyMp4.build(1280, 720, 5, 24, 30_000, false);
        String id = openSession(ALICE, aliceChannel, mp4.length, 201);
        assertThat(openSession(ALICE, aliceChannel, mp4.length, 200)).isEqualTo(id);
        assertThat(ask(id, mp4.length).headers()).doesNotContainKey("Range");

        ApiResponse first = (ApiResponse) put(id, mp4, 0, 9999);
        assertThat(first.status()).isEqualTo(308);
        assertThat(first.headers()).containsEntry("Range", "bytes=0-9999");
        assertThat(status(() -> put(id, mp4, 5000, 19999))).isEqualTo(409);
        assertThat(ask(id, mp4.length).headers()).containsEntry("Range", "bytes=0-9999");
        assertThat(status(() -> uploads.chunk(new UploadRequest("PUT", BOB).query("upload_id", id)
                .header("Content-Range", "bytes */" + mp4.length)))).isEqualTo(404);
        assertThat(((ApiResponse) put(id, mp4, 10000, 19999)).status()).isEqualTo(308);

        @SuppressWarnings("unchecked")
        Map<String, Object> video = (Map<String, Object>) ((Map<String, Object>) put(id, mp4, 20000,
                mp4.length - 1)).get("video");
        assertThat(video).containsKeys("id", "uuid", "shortUUID");
        assertThat(partials()).isEmpty();
        assertThat(webVideos()).hasSize(1);
        assertThat(store.files.get(webVideos().get(0))).isEqualTo(mp4);
        // The last chunk again, its answer lost: the same video.
        @SuppressWarnings("unchecked")
        Map<String, Object> again = (Map<String, Object>) ((Map<String, Object>) put(id, mp4, 20000,
                mp4.length - 1)).get("video");
        assertThat(again).isEqualTo(video);
        assertThat(webVideos()).hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Backend.class)
    void resumableChecksCancellationAndCleanup(TestDatabase.Backend backend) throws Exception {
        open(backend);
        byte[] mp4 = TinyMp4.build(640, 360, 2, 25, 1000, true);
        assertThat(status(() -> uploads.open(new UploadRequest("POST", ALICE).json(metadata(aliceChannel)))))
                .isEqualTo(400);
        Map<String, Object> mkv = metadata(aliceChannel);
        mkv.put("filename", "film.mkv");
        assertThat(status(() -> uploads.open(new UploadRequest("POST", ALICE).json(mkv)
                .header("X-Upload-Content-Length", "10").header("X-Upload-Content-Type", "video/x-matroska"))))
                .isEqualTo(415);
        assertThat(status(() -> openSession(ALICE, bobChannel, 10, 201))).isEqualTo(400);
        quotaLeft = mp4.length - 1;
        assertThat(status(() -> openSession(ALICE, aliceChannel, mp4.length, 201))).isEqualTo(413);
        quotaLeft = Long.MAX_VALUE;

        // Not a video: refused at the first chunk, and the session is gone.
        byte[] text = "This is a text file, not a video at all.".getBytes();
        String bad = openSession(ALICE, aliceChannel, text.length, 201);
        assertThat(status(() -> put(bad, text, 0, 19))).isEqualTo(422);
        assertThat(partials()).isEmpty();
        assertThat(status(() -> ask(bad, text.length))).isEqualTo(404);

        // Cancelled.
        String cancelled = openSession(ALICE, aliceChannel, mp4.length, 201);
        put(cancelled, mp4, 0, 99);
        assertThat(partials()).hasSize(1);
        assertThat(uploads.cancel(new UploadRequest("DELETE", ALICE).query("upload_id", cancelled))).isNull();
        assertThat(partials()).isEmpty();
        assertThat(status(() -> ask(cancelled, mp4.length))).isEqualTo(404);

        // Forgotten after the expiration.
        String idle = openSession(ALICE, aliceChannel, mp4.length, 201);
        put(idle, mp4, 0, 99);
        assertThat(uploads.clean(Instant.now())).isZero();
        assertThat(uploads.clean(Instant.now().plus(Duration.ofMinutes(61)))).isEqualTo(1);
        assertThat(partials()).isEmpty();
        assertThat(status(() -> ask(idle, mp4.length))).isEqualTo(404);
    }
}
