package org.bobine.catalog.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bobine.catalog.internal.CatalogTest.ALICE;
import static org.bobine.catalog.internal.CatalogTest.BOB;
import static org.bobine.catalog.internal.CatalogTest.status;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.bobine.storage.testing.MemoryFileStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Video file tokens: issued to whoever may see a video, accepted for its files only, until they expire. */
class VideoFileTokensTest {

    @TempDir
    Path dataDir;

    TestDatabase test;
    Videos videos;
    VideoFileTokens tokens;
    long aliceChannel;

    void open(TestDatabase.Backend backend) throws Exception {
        test = TestDatabase.open(backend, dataDir);
        Actors actors = new Actors(test.database, new FakeAddress());
        UserProfiles profiles = new UserProfiles(actors);
        videos = new Videos(actors, new FakeAddress(), new MemoryFileStore());
        tokens = new VideoFileTokens(test.database, false);
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

    Videos.CreatedVideo video(Map<String, ?> fields) {
        return videos.createLocal(ALICE.id(), new Videos.NewLocalVideo(aliceChannel, VideoFields.forCreation(fields),
                60, 1.7778, new Videos.WebVideoFile(720, 1280, 720, 3, 30, "mp4", UUID.randomUUID() + ".mp4"),
                false));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Backend.class)
    void tokensOpenTheFilesOfTheirVideoUntilTheyExpire(TestDatabase.Backend backend) throws Exception {
        open(backend);
        Videos.CreatedVideo secret = video(Map.of("name", "Secret", "privacy", 3));
        Videos.CreatedVideo other = video(Map.of("name", "Other", "privacy", 3));
        Videos.CreatedVideo protectedVideo = video(Map.of("name", "Protected", "privacy", 5,
                "videoPasswords", List.of("open sesame")));

        assertThat(status(() -> tokens.create(FakeRequest.post(Map.of()).path("id", secret.shortUuid()))))
                .isEqualTo(401);
        assertThat(status(() -> tokens.create(FakeRequest.post(Map.of()).path("id", secret.shortUuid()).as(BOB))))
                .isEqualTo(403);
        Map<String, Object> answer = tokens.create(FakeRequest.post(Map.of()).path("id", secret.shortUuid())
                .as(ALICE));
        String token = CatalogTest.at(answer, "files", "token");
        Instant expires = Instant.parse(CatalogTest.at(answer, "files", "expires"));
        assertThat(token).hasSize(64);
        assertThat(Duration.between(Instant.now(), expires)).isBetween(Duration.ofHours(7), Duration.ofHours(8));

        assertThat(tokens.opens(secret.id(), token)).isTrue();
        assertThat(tokens.opens(other.id(), token)).as("another video's files").isFalse();
        String altered = (token.charAt(0) == 'a' ? "b" : "a") + token.substring(1);
        assertThat(tokens.opens(secret.id(), altered)).isFalse();
        assertThat(tokens.opens(secret.id(), null)).isFalse();

        String byPassword = CatalogTest.at(tokens.create(FakeRequest.post(Map.of())
                .path("id", protectedVideo.shortUuid()).header("x-peertube-video-password", "open sesame")),
                "files", "token");
        assertThat(tokens.opens(protectedVideo.id(), byPassword)).isTrue();

        assertThat(tokens.purge(Instant.now())).isZero();
        assertThat(tokens.purge(expires.plusSeconds(1))).isEqualTo(2);
        assertThat(tokens.opens(secret.id(), token)).isFalse();
    }
}
