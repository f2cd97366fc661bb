package org.bobine.catalog.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bobine.catalog.internal.CatalogTest.ALICE;
import static org.bobine.catalog.internal.CatalogTest.BOB;
import static org.bobine.catalog.internal.CatalogTest.MODERATOR;
import static org.bobine.catalog.internal.CatalogTest.status;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.bobine.storage.testing.MemoryFileStore;
import org.bobine.web.api.ApiException;
import org.bobine.web.api.ApiUser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Password-protected videos, as PeerTube: who sees them, and the passwords API. */
class VideoPasswordsTest {

    @TempDir
    Path dataDir;

    TestDatabase test;
    Videos videos;
    VideoRoutes routes;
    VideoPasswordRoutes passwords;
    CommentRoutes comments;
    long aliceChannel;

    void open(TestDatabase.Backend backend) throws Exception {
        test = TestDatabase.open(backend, dataDir);
        Actors actors = new Actors(test.database, new FakeAddress());
        UserProfiles profiles = new UserProfiles(actors);
        videos = new Videos(actors, new FakeAddress(), new MemoryFileStore());
        routes = new VideoRoutes(videos);
        passwords = new VideoPasswordRoutes(videos);
        test.database.run(em -> profiles.created(em, CatalogTest.user(1, "alice")));
        test.database.run(em -> profiles.created(em, CatalogTest.user(2, "bob")));
        aliceChannel = test.database.read(em -> Actors.channelsOf(em, Actors.accountOfUser(em, 1).orElseThrow()
                .id()).get(0).id());
    }

    @AfterEach
    void close() {
        if (test != null) {
            test.close();
        }
    }

    Videos.CreatedVideo upload(Map<String, ?> fields) throws Exception {
        String key = UUID.randomUUID() + ".mp4";
        return videos.createLocal(ALICE.id(), new Videos.NewLocalVideo(aliceChannel,
                VideoFields.forCreation(fields), 60, 1.7778,
                new Videos.WebVideoFile(720, 1280, 720, 3, 30, "mp4", key), false));
    }

    static String code(Runnable call) {
        try {
            call.run();
            return "none";
        } catch (ApiException e) {
            return e.status() + " " + e.code();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Backend.class)
    void viewersGiveAPasswordAndManagersKeepThem(TestDatabase.Backend backend) throws Exception {
        open(backend);
        assertThatThrownBy(() -> upload(Map.of("name", "Secret birds", "privacy", 5)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.invalidParams())
                        .containsEntry("videoPasswords", "Video passwords are missing."));
        assertThatThrownBy(() -> upload(Map.of("name", "Secret birds", "privacy", 5,
                "videoPasswords", List.of("ab", "ab")))).isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.invalidParams()).containsEntry("videoPasswords",
                                "Duplicate video passwords are not allowed."));
        assertThatThrownBy(() -> upload(Map.of("name", "Secret birds", "privacy", 5,
                "videoPasswords", List.of("x")))).isInstanceOf(ApiException.class);

        Videos.CreatedVideo video = upload(Map.of("name", "Secret birds", "privacy", 5,
                "videoPasswords", List.of("owl house", "hawk nest")));
        String id = video.shortUuid();

        assertThat(code(() -> routes.get(FakeRequest.get().path("id", id))))
                .isEqualTo("403 video_requires_password");
        assertThat(code(() -> routes.get(FakeRequest.get().path("id", id).as(BOB))))
                .isEqualTo("403 video_requires_password");
        assertThat(code(() -> routes.get(FakeRequest.get().path("id", id).header("x-peertube-video-password",
                "sparrow")))).isEqualTo("403 incorrect_video_password");
        assertThat(routes.get(FakeRequest.get().path("id", id).header("X-PeerTube-Video-Password", "hawk nest")))
                .containsEntry("name", "Secret birds");
        assertThat(routes.get(FakeRequest.get().path("id", id).as(ALICE))).as("the owner needs none")
                .containsEntry("privacy", Map.of("id", 5, "label", "Password protected"));
        assertThat(routes.get(FakeRequest.get().path("id", id).as(MODERATOR))).as("nor SEE_ALL_VIDEOS")
                .containsEntry("name", "Secret birds");
        assertThat(routes.list(FakeRequest.get().query("sort", "name")).data()).as("never listed").isEmpty();

        // The passwords API, for managers only.
        assertThat(status(() -> passwords.list(FakeRequest.get().path("id", id).as(BOB)))).isEqualTo(403);
        var page = passwords.list(FakeRequest.get().path("id", id).as(ALICE));
        assertThat(page.total()).isEqualTo(2);
        assertThat(page.data()).extracting(p -> p.get("password")).containsExactly("owl house", "hawk nest");
        assertThat(page.data().get(0)).containsKeys("id", "videoId", "createdAt", "updatedAt")
                .containsEntry("videoId", video.id());

        passwords.replace(FakeRequest.put(Map.of("passwords", List.of("eagle eye"))).path("id", id).as(ALICE));
        assertThat(code(() -> routes.get(FakeRequest.get().path("id", id).header("x-peertube-video-password",
                "hawk nest")))).isEqualTo("403 incorrect_video_password");
        var only = passwords.list(FakeRequest.get().path("id", id).as(MODERATOR)).data().get(0);
        assertThat(status(() -> passwords.remove(FakeRequest.delete().path("id", id)
                .path("passwordId", String.valueOf(only.get("id"))).as(ALICE)))).as("the last one stays")
                .isEqualTo(403);
        assertThat(status(() -> passwords.replace(FakeRequest.put(Map.of("passwords", List.of())).path("id", id)
                .as(ALICE)))).isEqualTo(400);

        // Made public, the video loses its passwords; made protected again, it needs new ones.
        Map<String, Object> open = new HashMap<>();
        open.put("privacy", 1);
        routes.update(FakeRequest.put(open).path("id", id).as(ALICE));
        assertThat(routes.get(FakeRequest.get().path("id", id))).containsEntry("name", "Secret birds");
        assertThat(status(() -> passwords.list(FakeRequest.get().path("id", id).as(ALICE)))).isEqualTo(400);
        assertThat(status(() -> routes.update(FakeRequest.put(Map.of("privacy", 5)).path("id", id).as(ALICE))))
                .isEqualTo(400);
        routes.update(FakeRequest.put(Map.of("privacy", 5, "videoPasswords", List.of("new one"))).path("id", id)
                .as(ALICE));
        assertThat(routes.get(FakeRequest.get().path("id", id).header("x-peertube-video-password", "new one")))
                .containsEntry("name", "Secret birds");
        int kept = test.database.read(em -> VideoPassword.of(em, em.find(Video.class, video.id())).size());
        assertThat(kept).isEqualTo(1);
        ApiUser stranger = new ApiUser(99, "stranger", ApiUser.USER);
        assertThat(code(() -> routes.get(FakeRequest.get().path("id", id).as(stranger))))
                .isEqualTo("403 video_requires_password");
    }
}
