package org.bobine.catalog.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bobine.catalog.internal.CatalogTest.ALICE;

import java.util.Map;

import org.bobine.api.hook.HookNames;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plugins are told of videos uploaded, updated and deleted, once the change is kept, as {@code {id, uuid, name}};
 * a refused operation tells them nothing.
 */
class VideoActionsTest {

    @TempDir
    java.nio.file.Path dataDir;

    /** The uploads' fixture: a database, a store, Alice's channel. */
    final VideoUploadsTest base = new VideoUploadsTest();
    final RecordingHooks hooks = new RecordingHooks();

    @BeforeEach
    void start() throws Exception {
        base.dataDir = dataDir;
        base.open(TestDatabase.Backend.H2);
        base.uploads.hooks = hooks;
    }

    @AfterEach
    void close() {
        base.close();
    }

    @Test
    void pluginsAreToldOfAVideoUploadedUpdatedAndDeleted() throws Exception {
        byte[] mp4 = TinyMp4.build(640, 360, 2, 24, 5000, false);
        Map<String, Object> video = CatalogTest.at(base.uploads.legacy(base.legacy(ALICE, base.aliceChannel, "f.mp4",
                mp4)), "video");
        assertThat(hooks.actions(HookNames.VIDEO_UPLOADED)).containsExactly(Map.of("video",
                Map.of("id", video.get("id"), "uuid", video.get("uuid"), "name", "My first video")));

        VideoRoutes routes = new VideoRoutes(base.videos);
        routes.hooks = hooks;
        String id = String.valueOf(video.get("id"));
        assertThat(CatalogTest.status(() -> routes.update(FakeRequest.put(Map.of("name", "Renamed"))
                .path("id", id).as(CatalogTest.BOB)))).isEqualTo(403);
        assertThat(hooks.actions(HookNames.VIDEO_UPDATED)).isEmpty();
        routes.update(FakeRequest.put(Map.of("name", "Renamed")).path("id", id).as(ALICE));
        assertThat(hooks.actions(HookNames.VIDEO_UPDATED)).containsExactly(Map.of("video",
                Map.of("id", video.get("id"), "uuid", video.get("uuid"), "name", "Renamed")));

        routes.remove(FakeRequest.delete().path("id", id).as(ALICE));
        assertThat(hooks.actions(HookNames.VIDEO_DELETED)).containsExactly(Map.of("video",
                Map.of("id", video.get("id"), "uuid", video.get("uuid"), "name", "Renamed")));
        assertThat(hooks.actions).hasSize(3);
    }
}
