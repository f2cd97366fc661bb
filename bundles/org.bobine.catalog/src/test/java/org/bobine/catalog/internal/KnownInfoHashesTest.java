package org.bobine.catalog.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bobine.catalog.internal.CatalogTest.ALICE;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.bobine.storage.testing.MemoryFileStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The trackers' question: is this info hash one of the instance's files' torrents or HLS swarms? */
class KnownInfoHashesTest {

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
    void torrentsOfFilesAndSwarmsOfPlaylistsAreKnown(TestDatabase.Backend backend) throws Exception {
        test = TestDatabase.open(backend, dataDir);
        Actors actors = new Actors(test.database, new FakeAddress());
        Videos videos = new Videos(actors, new FakeAddress(), new MemoryFileStore());
        test.database.run(em -> new UserProfiles(actors).created(em, CatalogTest.user(1, "alice")));
        long channel = test.database.read(em -> Actors.channelsOf(em, Actors.accountOfUser(em, 1).orElseThrow()
                .id()).get(0).id());
        long video = videos.createLocal(ALICE.id(), new Videos.NewLocalVideo(channel, VideoFields.forCreation(
                Map.of("name", "Owls", "privacy", 1)), 60, 1.7778, new Videos.WebVideoFile(720, 1280, 720, 3, 30,
                        "mp4", UUID.randomUUID() + ".mp4"), false)).id();
        CatalogTorrentFiles files = new CatalogTorrentFiles(videos);
        long fileId = files.withoutTorrent(1).get(0);
        String torrent = "a".repeat(40);
        assertThat(files.recordTorrent(fileId, null, torrent, "t.torrent")).isTrue();
        String swarm0 = "0123456789abcdef0123456789abcdef01234567";
        String swarm1 = "fedcba9876543210fedcba9876543210fedcba98";
        test.database.run(em -> em.persist(new VideoStreamingPlaylist(video, "master.m3u8", "segments.json",
                List.of(swarm0, swarm1), Actors.now())));

        assertThat(files.isKnownInfoHash(torrent)).isTrue();
        assertThat(files.isKnownInfoHash(swarm0)).isTrue();
        assertThat(files.isKnownInfoHash(swarm1)).isTrue();
        assertThat(files.isKnownInfoHash("b".repeat(40))).isFalse();
        assertThat(files.isKnownInfoHash("%")).as("no pattern from outside").isFalse();
        assertThat(files.isKnownInfoHash(swarm0.substring(0, 20))).isFalse();
    }
}
