package org.bobine.catalog.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bobine.catalog.internal.CatalogTest.ALICE;
import static org.bobine.catalog.internal.CatalogTest.BOB;
import static org.bobine.catalog.internal.CatalogTest.MODERATOR;
import static org.bobine.catalog.internal.CatalogTest.status;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.bobine.storage.testing.MemoryFileStore;
import org.bobine.web.api.ApiException;
import org.bobine.web.api.ApiUser;
import org.bobine.web.api.Page;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Captions on a real database (H2, and PostgreSQL when one is given): who may add, replace, list and remove them,
 * what is kept of the file, and that they go with their video and their channel.
 */
class CaptionCatalogTest {

    static final String SRT = "1\r\n00:00:01,000 --> 00:00:02,000\r\nHello\r\n";
    static final String VTT = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nBonjour\n";
    static final ApiUser ADMIN = new ApiUser(9, "root", ApiUser.ADMINISTRATOR);

    @TempDir
    Path dataDir;

    TestDatabase test;
    Actors actors;
    Videos videos;
    VideoRoutes videoRoutes;
    CaptionRoutes routes;
    MemoryFileStore store;
    StoredFileSweeper sweeper;
    long aliceChannel;

    void open(TestDatabase.Backend backend) throws Exception {
        test = TestDatabase.open(backend, dataDir);
        actors = new Actors(test.database, new FakeAddress());
        UserProfiles profiles = new UserProfiles(actors);
        store = new MemoryFileStore();
        videos = new Videos(actors, new FakeAddress(), store);
        videoRoutes = new VideoRoutes(videos);
        sweeper = new StoredFileSweeper(test.database, store, false);
        routes = new CaptionRoutes(videos, store, sweeper);
        test.database.run(em -> profiles.created(em, CatalogTest.user(1, "alice")));
        test.database.run(em -> profiles.created(em, CatalogTest.user(2, "bob")));
        aliceChannel = test.database.read(em -> Actors.channelsOf(em, Actors.accountOfUser(em, 1).orElseThrow().id())
                .get(0).id());
    }

    @AfterEach
    void close() {
        if (sweeper != null) {
            sweeper.deactivate();
        }
        if (test != null) {
            test.close();
        }
    }

    Videos.CreatedVideo video(int privacy) throws Exception {
        String key = UUID.randomUUID() + ".mp4";
        store.put(Videos.WEB_VIDEOS, key, new ByteArrayInputStream(new byte[] {1, 2, 3}));
        return videos.createLocal(ALICE.id(), new Videos.NewLocalVideo(aliceChannel,
                VideoFields.forCreation(Map.of("name", "Birds", "privacy", privacy)), 60, 1.7778,
                new Videos.WebVideoFile(720, 1280, 720, 3, 30, "mp4", key), false));
    }

    static FakeRequest put(Object video, String language, String content) {
        return FakeRequest.put(null).path("id", String.valueOf(video)).path("captionLanguage", language)
                .file(CaptionRoutes.FIELD, content.getBytes(StandardCharsets.UTF_8));
    }

    static FakeRequest delete(Object video, String language) {
        return FakeRequest.delete().path("id", String.valueOf(video)).path("captionLanguage", language);
    }

    Page<Map<String, Object>> list(Object video, ApiUser user) {
        return routes.list(FakeRequest.get().path("id", String.valueOf(video)).as(user));
    }

    String content(Map<String, Object> caption) {
        String path = (String) caption.get("captionPath");
        assertThat(path).startsWith(CaptionFilesServlet.PREFIX);
        byte[] bytes = store.files.get(VideoCaption.AREA + "/" + path.substring(CaptionFilesServlet.PREFIX.length()));
        assertThat(bytes).as("the file of %s", path).isNotNull();
        return new String(bytes, StandardCharsets.UTF_8);
    }

    long captionRows() {
        Long rows = test.database.read(em -> em.createQuery("select count(c) from VideoCaption c", Long.class)
                .getSingleResult());
        return rows;
    }

    long captionFiles() {
        return store.files.keySet().stream().filter(k -> k.startsWith(VideoCaption.AREA + "/")).count();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Backend.class)
    void theOwnerAddsCaptionsAndAnyoneWhoSeesTheVideoListsThem(TestDatabase.Backend backend) throws Exception {
        open(backend);
        Videos.CreatedVideo video = video(VideoConstants.PUBLIC);
        assertThat(list(video.id(), null)).isEqualTo(Page.of(0, List.of()));

        assertThat(routes.put(put(video.shortUuid(), "fr", VTT).as(ALICE))).isNull();
        routes.put(put(video.uuid(), "en", SRT).as(ALICE));

        Page<Map<String, Object>> page = list(video.id(), null);
        assertThat(page.total()).isEqualTo(2);
        Map<String, Object> en = page.data().get(0);
        assertThat(en).containsOnlyKeys("language", "automaticallyGenerated", "captionPath", "updatedAt")
                .containsEntry("language", Map.of("id", "en", "label", "English"))
                .containsEntry("automaticallyGenerated", false);
        assertThat((String) en.get("captionPath")).matches(
                "/lazy-static/video-captions/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}-en\\.vtt");
        assertThat(content(en)).isEqualTo("WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000\nHello\n");
        assertThat(page.data().get(1)).containsEntry("language", Map.of("id", "fr", "label", "French"));
        assertThat(content(page.data().get(1))).isEqualTo(VTT);
        assertThat(list(video.uuid(), BOB)).isEqualTo(page);

        // The detail of the video has no captions field, as PeerTube's.
        assertThat(videoRoutes.get(FakeRequest.get().path("id", String.valueOf(video.id())))).doesNotContainKeys(
                "captions", "videoCaptions");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Backend.class)
    void onlyTheOwnerAndHoldersOfUpdateAnyVideoChangeCaptions(TestDatabase.Backend backend) throws Exception {
        open(backend);
        Videos.CreatedVideo video = video(VideoConstants.PUBLIC);
        assertThat(status(() -> routes.put(put(video.id(), "en", SRT)))).isEqualTo(401);
        assertThat(status(() -> routes.put(put(video.id(), "en", SRT).as(BOB)))).isEqualTo(403);
        assertThat(captionFiles()).isZero();
        routes.put(put(video.id(), "en", SRT).as(MODERATOR));
        routes.put(put(video.id(), "de", SRT).as(ADMIN));
        assertThat(list(video.id(), null).total()).isEqualTo(2);

        assertThat(status(() -> routes.remove(delete(video.id(), "en")))).isEqualTo(401);
        assertThat(status(() -> routes.remove(delete(video.id(), "en").as(BOB)))).isEqualTo(403);
        assertThat(status(() -> routes.remove(delete(video.id(), "es").as(ALICE)))).isEqualTo(404);
        assertThat(routes.remove(delete(video.id(), "en").as(MODERATOR))).isNull();
        assertThat(routes.remove(delete(video.uuid(), "de").as(ALICE))).isNull();
        assertThat(list(video.id(), null).total()).isZero();
        sweeper.sweep();
        assertThat(captionFiles()).isZero();

        assertThat(status(() -> routes.put(put(999_999, "en", SRT).as(ADMIN)))).isEqualTo(404);
        assertThat(status(() -> routes.list(FakeRequest.get().path("id", "999999")))).isEqualTo(404);
        assertThat(status(() -> routes.remove(delete(999_999, "en").as(ADMIN)))).isEqualTo(404);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Backend.class)
    void captionsOfPrivateVideosAreListedToThoseWhoSeeThem(TestDatabase.Backend backend) throws Exception {
        open(backend);
        Videos.CreatedVideo video = video(VideoConstants.PRIVATE);
        routes.put(put(video.id(), "en", SRT).as(ALICE));
        assertThat(status(() -> list(video.uuid(), null))).isEqualTo(401);
        assertThat(status(() -> list(video.uuid(), BOB))).isEqualTo(403);
        assertThat(list(video.uuid(), ALICE).total()).isEqualTo(1);
        assertThat(list(video.uuid(), MODERATOR).total()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Backend.class)
    void aNewFileReplacesTheCaptionOfItsLanguage(TestDatabase.Backend backend) throws Exception {
        open(backend);
        Videos.CreatedVideo video = video(VideoConstants.PUBLIC);
        routes.put(put(video.id(), "en", SRT).as(ALICE));
        Map<String, Object> first = list(video.id(), null).data().get(0);
        routes.put(put(video.id(), "en", VTT).as(ALICE));
        Page<Map<String, Object>> page = list(video.id(), null);
        assertThat(page.total()).isEqualTo(1);
        Map<String, Object> second = page.data().get(0);
        assertThat(second.get("captionPath")).isNotEqualTo(first.get("captionPath"));
        assertThat(content(second)).isEqualTo(VTT);
        // The replaced file goes once the change has committed, soon after or at the next sweep.
        sweeper.sweep();
        assertThat(captionFiles()).isEqualTo(1);
        assertThat(content(second)).isEqualTo(VTT);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Backend.class)
    void invalidLanguagesAndFilesAreRefusedAndNothingIsKept(TestDatabase.Backend backend) throws Exception {
        open(backend);
        Videos.CreatedVideo video = video(VideoConstants.PUBLIC);
        assertThatThrownBy(() -> routes.put(put(video.id(), "xx", SRT).as(ALICE)))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.invalidParams()).containsOnlyKeys(CaptionRoutes.LANGUAGE);
                });
        assertThat(status(() -> routes.remove(delete(video.id(), "EN").as(ALICE)))).isEqualTo(400);
        for (String bad : List.of("", "<html><body>Hello</body></html>", "#!/bin/sh\necho hi\n",
                "WEBVTT\n\n00:00:02.000 --> 00:00:01.000\nbackwards\n")) {
            assertThatThrownBy(() -> routes.put(put(video.id(), "en", bad).as(ALICE)))
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.status()).isEqualTo(400);
                        assertThat(e.invalidParams()).containsOnlyKeys(CaptionRoutes.FIELD);
                    });
        }
        assertThatThrownBy(() -> routes.put(FakeRequest.put(null).path("id", String.valueOf(video.id()))
                .path("captionLanguage", "en").as(ALICE))).isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.invalidParams()).containsOnlyKeys(CaptionRoutes.FIELD));
        assertThat(status(() -> routes.put(FakeRequest.put(null).path("id", String.valueOf(video.id()))
                .path("captionLanguage", "en").file(CaptionRoutes.FIELD, new byte[(int) CaptionRoutes.MAX_SIZE + 1])
                .as(ALICE)))).isEqualTo(400);
        assertThat(list(video.id(), null).total()).isZero();
        assertThat(captionFiles()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Backend.class)
    void captionsGoWithTheirVideoAndChannel(TestDatabase.Backend backend) throws Exception {
        open(backend);
        Videos.CreatedVideo removed = video(VideoConstants.PUBLIC);
        Videos.CreatedVideo kept = video(VideoConstants.PUBLIC);
        routes.put(put(removed.id(), "en", SRT).as(ALICE));
        routes.put(put(removed.id(), "fr", VTT).as(ALICE));
        routes.put(put(kept.id(), "en", SRT).as(ALICE));
        String keptFile = (String) list(kept.id(), null).data().get(0).get("captionPath");

        videoRoutes.remove(FakeRequest.delete().path("id", String.valueOf(removed.id())).as(ALICE));
        assertThat(captionRows()).isEqualTo(1);
        sweeper.sweep();
        assertThat(captionFiles()).isEqualTo(1);
        assertThat(list(kept.id(), null).data().get(0)).containsEntry("captionPath", keptFile);

        test.database.run(em -> Actors.removeChannel(em, em.find(VideoChannel.class, aliceChannel)));
        assertThat(captionRows()).isZero();
        sweeper.sweep();
        assertThat(captionFiles()).isZero();
    }

    @Test
    void theConfigurationAnnouncesTheLimits() throws Exception {
        open(TestDatabase.Backend.H2);
        assertThat(routes.serverConfig(FakeRequest.get())).isEqualTo(Map.of("videoCaption", Map.of("file",
                Map.of("size", Map.of("max", 20_971_520L), "extensions", List.of(".vtt", ".srt")))));
    }
}
