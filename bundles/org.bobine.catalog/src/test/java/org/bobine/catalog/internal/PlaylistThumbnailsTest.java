package org.bobine.catalog.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bobine.catalog.internal.CatalogTest.ALICE;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import org.bobine.storage.testing.MemoryFileStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A playlist without a thumbnail of its own shows the thumbnail of its first video that anyone may see. */
class PlaylistThumbnailsTest {

    @TempDir
    Path dataDir;

    TestDatabase test;
    Videos videos;
    PlaylistRoutes playlists;
    long aliceChannel;

    void open(TestDatabase.Backend backend) throws Exception {
        test = TestDatabase.open(backend, dataDir);
        Actors actors = new Actors(test.database, new FakeAddress());
        UserProfiles profiles = new UserProfiles(actors);
        videos = new Videos(actors, new FakeAddress(), new MemoryFileStore());
        playlists = new PlaylistRoutes(videos);
        test.database.run(em -> profiles.created(em, CatalogTest.user(1, "alice")));
        aliceChannel = test.database.read(em -> Actors.channelsOf(em, Actors.accountOfUser(em, 1).orElseThrow()
                .id()).get(0).id());
    }

    @AfterEach
    void close() {
        if (test != null) {
            test.close();
        }
    }

    long video(String name, int privacy, String thumbnail) {
        long id = videos.createLocal(ALICE.id(), new Videos.NewLocalVideo(aliceChannel, VideoFields.forCreation(
                Map.of("name", name, "privacy", privacy)), 60, 1.7778, new Videos.WebVideoFile(720, 1280, 720, 3,
                        30, "mp4", UUID.randomUUID() + ".mp4"), false)).id();
        if (thumbnail != null) {
            test.database.run(em -> em.createNativeQuery("update catalog_video set thumbnail_name = ? where id = ?")
                    .setParameter(1, thumbnail).setParameter(2, id).executeUpdate());
        }
        return id;
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Backend.class)
    void theFirstVisibleVideoLendsItsThumbnail(TestDatabase.Backend backend) throws Exception {
        open(backend);
        Map<String, Object> created = playlists.create(FakeRequest.post(Map.of("displayName", "Birds",
                "privacy", 1, "videoChannelId", aliceChannel)).as(ALICE));
        String id = String.valueOf(CatalogTest.<Object>at(created, "videoPlaylist", "uuid"));
        assertThat(playlists.get(FakeRequest.get().path("id", id))).containsEntry("thumbnailPath", null);

        long hidden = video("Private owl", 3, "owl.jpg");
        long noPicture = video("Gull", 1, null);
        long tern = video("Tern", 2, "tern.jpg");
        long puffin = video("Puffin", 1, "puffin.jpg");
        for (long video : new long[] {hidden, noPicture, tern, puffin}) {
            playlists.addElement(FakeRequest.post(Map.of("videoId", String.valueOf(video))).path("id", id)
                    .as(ALICE));
        }
        assertThat(playlists.get(FakeRequest.get().path("id", id)))
                .containsEntry("thumbnailPath", "/lazy-static/thumbnails/tern.jpg");
        assertThat(playlists.list(FakeRequest.get()).data()).singleElement()
                .satisfies(p -> assertThat(p).containsEntry("thumbnailPath", "/lazy-static/thumbnails/tern.jpg"));

        playlists.reorder(FakeRequest.post(Map.of("startPosition", 4, "insertAfterPosition", 0)).path("id", id)
                .as(ALICE));
        assertThat(playlists.get(FakeRequest.get().path("id", id)))
                .containsEntry("thumbnailPath", "/lazy-static/thumbnails/puffin.jpg");
    }
}
