package org.bobine.catalog.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bobine.catalog.internal.CatalogTest.ALICE;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.bobine.auth.api.CreatedUser;
import org.bobine.auth.api.VideoQuota;
import org.bobine.storage.testing.MemoryFileStore;
import org.bobine.transcoding.api.TranscodingSources;
import org.bobine.transcoding.api.TranscodingSources.HlsPlaylist;
import org.bobine.transcoding.api.TranscodingSources.MediaFile;
import org.bobine.transcoding.api.TranscodingSources.Result;
import org.bobine.transcoding.api.TranscodingSources.StoredKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The catalog's side of transcoding: uploads wait for it, a video is given to one job, a job's result replaces the
 * video's files and publishes it (files and streamingPlaylists in its JSON), failures and new runs, and the files
 * that are replaced or removed leave the store.
 */
class TranscodingCatalogTest {

    @org.junit.jupiter.api.io.TempDir
    Path dataDir;

    TestDatabase test;
    MemoryFileStore store;
    Videos videos;
    VideoUploads uploads;
    StoredFileSweeper sweeper;
    CatalogTranscodingSources sources;
    long aliceChannel;

    void open(TestDatabase.Backend backend) throws Exception {
        test = TestDatabase.open(backend, dataDir);
        Actors actors = new Actors(test.database, new FakeAddress());
        UserProfiles profiles = new UserProfiles(actors);
        store = new MemoryFileStore();
        videos = new Videos(actors, new FakeAddress(), store);
        VideoQuota quota = new VideoQuota() {
            @Override
            public boolean mayAdd(long userId, long bytes) {
                return true;
            }

            @Override
            public Usage used(long userId) {
                return new Usage(0, 0);
            }
        };
        uploads = new VideoUploads(videos, store, quota, new ContainerProbe(), Duration.ofMinutes(60));
        uploads.transcoding = () -> true;
        sweeper = new StoredFileSweeper(test.database, store, false);
        sources = new CatalogTranscodingSources(videos, sweeper);
        CreatedUser alice = CatalogTest.user(1, "alice");
        test.database.run(em -> profiles.created(em, alice));
        aliceChannel = test.database.read(em -> Actors.channelsOf(em, Actors.accountOfUser(em, alice.id())
                .orElseThrow().id()).get(0).id());
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

    private long upload(String name) {
        byte[] mp4 = TinyMp4.build(640, 360, 3, 25, 2000, true);
        Map<String, Object> answer = uploads.legacy(new UploadRequest("POST", ALICE).field("name", name)
                .field("channelId", "" + aliceChannel).field("privacy", "1").file("videofile", "a.mp4", mp4));
        @SuppressWarnings("unchecked")
        Map<String, Object> video = (Map<String, Object>) answer.get("video");
        return ((Number) video.get("id")).longValue();
    }

    private int state(long id) {
        return test.database.read(em -> em.find(Video.class, id).state());
    }

    private Map<String, Object> details(long id) {
        return test.database.read(em -> {
            Video video = VideoRoutes.find(em, new VideoRoutes.VideoRef(id, null));
            return VideoJson.details(video, List.of(), Videos.filesOf(em, List.of(id)), "http://localhost:9000",
                    "localhost:9000");
        });
    }

    private StoredKey put(String area, String key) throws Exception {
        store.put(area, key, new ByteArrayInputStream(key.getBytes()));
        return new StoredKey(area, key);
    }

    /** Writes what a job would and returns its result. */
    private Result result(UUID video) throws Exception {
        String prefix = UUID.randomUUID().toString();
        List<MediaFile> web = List.of(
                new MediaFile(360, 640, 360, 25, 100, put(TranscodingSources.WEB_VIDEOS, UUID.randomUUID() + "-360.mp4"),
                        true, true),
                new MediaFile(144, 256, 144, 25, 10, put(TranscodingSources.WEB_VIDEOS, UUID.randomUUID() + "-144.mp4"),
                        true, true));
        String hls = TranscodingSources.STREAMING_PLAYLISTS;
        List<MediaFile> files = new ArrayList<>();
        List<StoredKey> playlists = new ArrayList<>();
        for (int resolution : new int[] {360, 144}) {
            files.add(new MediaFile(resolution, resolution * 16 / 9, resolution, 25, 50,
                    put(hls, video + "/" + prefix + "-" + resolution + "-fragmented.mp4"), true, true));
            playlists.add(put(hls, video + "/" + prefix + "-" + resolution + ".m3u8"));
        }
        HlsPlaylist playlist = new HlsPlaylist(put(hls, video + "/" + prefix + "-master.m3u8"),
                put(hls, video + "/" + prefix + "-segments-sha256.json"), files, playlists);
        return new Result(3, 16 / 9.0, web, playlist, put(TranscodingSources.THUMBNAILS, UUID.randomUUID() + ".jpg"),
                put(TranscodingSources.PREVIEWS, UUID.randomUUID() + ".jpg"), null);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Backend.class)
    void aJobsResultReplacesTheUploadAndPublishes(TestDatabase.Backend backend) throws Exception {
        open(backend);
        long id = upload("To transcode");
        assertThat(state(id)).isEqualTo(VideoConstants.TO_TRANSCODE);
        String original = store.files.keySet().stream().filter(k -> k.startsWith("web-videos/")).findFirst()
                .orElseThrow();

        assertThat(sources.awaitingTranscoding(10)).containsExactly(id);
        assertThat(sources.assignJob(id, 7)).isTrue();
        assertThat(sources.assignJob(id, 8)).as("one job per video").isFalse();
        assertThat(sources.awaitingTranscoding(10)).isEmpty();
        assertThat(sources.assigned(10)).containsExactly(new TranscodingSources.Assignment(id, 7));
        assertThat(sources.source(id, 8)).isEmpty();
        TranscodingSources.Source source = sources.source(id, 7).orElseThrow();
        assertThat(Videos.WEB_VIDEOS + "/" + source.source().key()).isEqualTo(original);
        assertThat(source.needsThumbnail()).isTrue();

        UUID uuid = source.uuid();
        Result result = result(uuid);
        List<StoredKey> written = new ArrayList<>();
        result.webVideos().forEach(f -> written.add(f.file()));
        result.hls().files().forEach(f -> written.add(f.file()));
        written.addAll(result.hls().renditionPlaylists());
        written.addAll(List.of(result.hls().masterPlaylist(), result.hls().segmentsSha256(), result.thumbnail(),
                result.preview()));
        assertThat(sources.stage(id, 8, written)).isFalse();
        assertThat(sources.stage(id, 7, written)).isTrue();
        assertThat(sources.complete(id, 7, result)).isTrue();
        assertThat(sources.complete(id, 7, result)).as("recorded once").isFalse();
        assertThat(state(id)).isEqualTo(VideoConstants.PUBLISHED);
        assertThat(sources.assigned(10)).isEmpty();

        Map<String, Object> json = details(id);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> files = (List<Map<String, Object>>) json.get("files");
        List<Object> resolutions = files.stream().map(f -> ((Map<?, ?>) f.get("resolution")).get("id"))
                .map(Object.class::cast).toList();
        assertThat(resolutions).containsExactly(360, 144);
        assertThat((String) files.get(0).get("fileUrl")).isEqualTo("http://localhost:9000/static/web-videos/"
                + CatalogTranscodingSources.name(result.webVideos().get(0).file()));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> playlists = (List<Map<String, Object>>) json.get("streamingPlaylists");
        assertThat(playlists).hasSize(1);
        Map<String, Object> playlist = playlists.get(0);
        String folder = "http://localhost:9000/static/streaming-playlists/hls/" + uuid + "/";
        assertThat(playlist.get("type")).isEqualTo(1);
        assertThat(playlist.get("playlistUrl")).isEqualTo(folder + CatalogTranscodingSources.name(
                result.hls().masterPlaylist()));
        assertThat(playlist.get("segmentsSha256Url")).isEqualTo(folder + CatalogTranscodingSources.name(
                result.hls().segmentsSha256()));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> hlsFiles = (List<Map<String, Object>>) playlist.get("files");
        assertThat(hlsFiles).extracting(f -> f.get("fileUrl")).containsExactly(
                folder + CatalogTranscodingSources.name(result.hls().files().get(0).file()),
                folder + CatalogTranscodingSources.name(result.hls().files().get(1).file()));
        assertThat((String) json.get("thumbnailPath")).isEqualTo("/lazy-static/thumbnails/"
                + result.thumbnail().key());
        assertThat(json.get("duration")).isEqualTo(3);

        // The upload leaves the store; what the result took stays (staged, then taken back).
        sweeper.sweep();
        assertThat(store.files).doesNotContainKey(original);
        for (StoredKey key : written) {
            assertThat(store.files).containsKey(key.area() + "/" + key.key());
        }

        // A new run, asked for by an administrator, replaces everything once more.
        Boolean requested = test.database.call(em -> sources.requestTranscoding(em, em.find(Video.class, id)));
        assertThat(requested).isTrue();
        assertThat(state(id)).isEqualTo(VideoConstants.TO_TRANSCODE);
        assertThat(sources.assignJob(id, 9)).isTrue();
        Boolean again = test.database.call(em -> sources.requestTranscoding(em, em.find(Video.class, id)));
        assertThat(again).as("already being transcoded").isFalse();
        assertThat(sources.source(id, 9).orElseThrow().source().area()).isEqualTo(Videos.WEB_VIDEOS);
        Result second = result(uuid);
        assertThat(sources.complete(id, 9, second)).isTrue();
        sweeper.sweep();
        for (StoredKey key : written) {
            if (!key.area().equals(TranscodingSources.THUMBNAILS) && !key.area().equals(TranscodingSources.PREVIEWS)) {
                assertThat(store.files).as(key.toString()).doesNotContainKey(key.area() + "/" + key.key());
            }
        }
        // The thumbnail exists now: the second run's picture is not kept.
        assertThat(store.files).doesNotContainKey(TranscodingSources.THUMBNAILS + "/" + second.thumbnail().key());

        // Removing the video removes its HLS files too.
        List<String> keys = test.database.call(em -> Videos.remove(em, em.find(Video.class, id)));
        videos.deleteStoredFiles(keys);
        sweeper.sweep();
        assertThat(store.files.keySet()).noneMatch(k -> k.startsWith(TranscodingSources.STREAMING_PLAYLISTS + "/"))
                .noneMatch(k -> k.startsWith(Videos.WEB_VIDEOS + "/"));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Backend.class)
    void aFailureKeepsTheUploadAndSaysWhy(TestDatabase.Backend backend) throws Exception {
        open(backend);
        long id = upload("Broken");
        assertThat(sources.assignJob(id, 3)).isTrue();
        assertThat(sources.fail(id, 4, "not this job")).isFalse();
        assertThat(sources.fail(id, 3, "FFmpeg could not read the video.")).isTrue();
        assertThat(state(id)).isEqualTo(VideoConstants.TRANSCODING_FAILED);
        String error = test.database.read(em -> CatalogTranscodingSources.transcodingError(em, id));
        assertThat(error).isEqualTo("FFmpeg could not read the video.");
        assertThat(sources.awaitingTranscoding(10)).isEmpty();
        assertThat(details(id).get("files")).asList().hasSize(1);
        assertThat(details(id).get("streamingPlaylists")).asList().isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Backend.class)
    void swarmIdsArePeerTubes(TestDatabase.Backend backend) throws Exception {
        // sha1("2" + master URL + "+V" + i), the swarm id p2p-media-loader computes in the browser.
        List<String> ids = CatalogTranscodingSources.infohashes("http://a/master.m3u8", 2);
        assertThat(ids).hasSize(2).allMatch(id -> id.matches("[0-9a-f]{40}"));
        assertThat(ids.get(0)).isEqualTo(java.util.HexFormat.of().formatHex(java.security.MessageDigest
                .getInstance("SHA-1").digest("2http://a/master.m3u8+V0".getBytes())));
    }
}
