package org.bobine.catalog.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bobine.catalog.internal.CatalogTest.ALICE;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.bobine.storage.api.FileStore;
import org.bobine.storage.testing.MemoryFileStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The files of a removed user (their videos, their account's and channels' avatars) leave the file store once the
 * removal has committed, and only then.
 */
class StoredFileSweeperTest {

    @TempDir
    Path dataDir;

    TestDatabase test;

    @AfterEach
    void close() {
        if (test != null) {
            test.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Backend.class)
    void theFilesOfARemovedUserAreDeletedAfterTheCommit(TestDatabase.Backend backend) throws Exception {
        test = TestDatabase.open(backend, dataDir);
        Actors actors = new Actors(test.database, new FakeAddress());
        UserProfiles profiles = new UserProfiles(actors);
        MemoryFileStore store = new MemoryFileStore();
        Videos videos = new Videos(actors, new FakeAddress(), store);
        StoredFileSweeper sweeper = new StoredFileSweeper(test.database, store, false);
        try {
            test.database.run(em -> profiles.created(em, CatalogTest.user(1, "alice")));
            long channel = test.database.read(em -> Actors.channelsOf(em, Actors.accountOfUser(em, 1).orElseThrow()
                    .id()).get(0).id());
            store.put(Videos.WEB_VIDEOS, "video.mp4", new ByteArrayInputStream(new byte[] {1}));
            videos.createLocal(ALICE.id(), new Videos.NewLocalVideo(channel, VideoFields.forCreation(Map.of("name",
                    "Birds", "privacy", 1)), 60, null, new Videos.WebVideoFile(720, 1280, 720, 1, 30, "mp4",
                    "video.mp4"), false));
            store.put(FileStore.AVATARS, "avatar-48.jpg", new ByteArrayInputStream(new byte[] {2}));
            test.database.run(em -> em.persist(new ActorImage(Actors.accountOfUser(em, 1).orElseThrow().actor(),
                    ActorImage.AVATAR, "avatar-48.jpg", 48, 48, Instant.now())));

            try {
                test.database.run(em -> {
                    profiles.deleting(em, 1);
                    throw new IllegalStateException("the removal is rolled back");
                });
            } catch (IllegalStateException expected) {
                // Nothing was removed, so nothing may be deleted.
            }
            assertThat(sweeper.sweep()).isZero();
            assertThat(store.files).hasSize(2);

            test.database.run(em -> profiles.deleting(em, 1));
            assertThat(store.files).as("not before the sweep").hasSize(2);
            assertThat(sweeper.sweep()).isEqualTo(2);
            assertThat(store.files).isEmpty();
            long recorded = test.database.read(em -> em.createQuery("select count(d) from StoredFileDeletion d",
                    Long.class).getSingleResult());
            assertThat(recorded).isZero();
            long videosLeft = test.database.read(em -> em.createQuery("select count(v) from Video v", Long.class)
                    .getSingleResult());
            assertThat(videosLeft).isZero();
            assertThat(List.copyOf(store.files.keySet())).isEmpty();
        } finally {
            sweeper.deactivate();
        }
    }
}
