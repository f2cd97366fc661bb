package org.bobine.catalog.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bobine.catalog.internal.CatalogTest.ALICE;
import static org.bobine.catalog.internal.CatalogTest.status;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import org.bobine.api.hook.AcceptResult;
import org.bobine.api.hook.HookNames;
import org.bobine.api.hook.Hooks;
import org.bobine.web.api.ApiException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The catalog's hook points: uploads refused by a plugin keep nothing and answer 403 with its message, and the
 * video list and a video go through the plugins' filters.
 */
class VideoHooksTest {

    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path dataDir;

    /** The uploads' fixture: a database, a store, Alice's channel. */
    final VideoUploadsTest base = new VideoUploadsTest();

    /** Filters by hook name, as the plugins bundle would run them. */
    static final class FakeHooks implements Hooks {
        final Map<String, BiFunction<Object, Map<String, ?>, Object>> filters = new HashMap<>();

        @Override
        public boolean has(String hook) {
            return filters.containsKey(hook);
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T filter(String hook, T value, Map<String, ?> params) {
            BiFunction<Object, Map<String, ?>, Object> filter = filters.get(hook);
            return filter == null ? value : (T) filter.apply(value, params);
        }

        @Override
        public AcceptResult accept(String hook, Map<String, ?> params) {
            return filter(hook, AcceptResult.accept(), params);
        }

        @Override
        public void action(String hook, Map<String, ?> params) {
        }
    }

    final FakeHooks hooks = new FakeHooks();

    @BeforeEach
    void start() throws Exception {
        base.dataDir = dataDir;
        base.open(TestDatabase.Backend.H2);
        base.uploads.hooks = hooks;
        hooks.filters.put(HookNames.VIDEO_UPLOAD_ACCEPT_RESULT, (result, params) -> {
            Map<?, ?> body = (Map<?, ?>) params.get("videoBody");
            Map<?, ?> file = (Map<?, ?>) params.get("videoFile");
            return String.valueOf(body.get("name")).contains("forbidden")
                    ? AcceptResult.reject("No forbidden videos (" + file.get("originalname") + ")") : result;
        });
    }

    @Test
    void aLegacyUploadRefusedByAPluginAnswers403AndKeepsNothing() throws Exception {
        byte[] mp4 = TinyMp4.build(640, 360, 2, 24, 5000, false);
        ApiException refused = refusal(() -> base.uploads.legacy(upload("A forbidden film", mp4)));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.getMessage()).contains("No forbidden videos (f.mp4)");
        assertThat(base.webVideos()).isEmpty();

        assertThat(status(() -> base.uploads.legacy(base.legacy(ALICE, base.aliceChannel, "f.mp4", mp4)))).isEqualTo(200);
        assertThat(base.webVideos()).hasSize(1);
    }

    @Test
    void aResumableUploadRefusedByAPluginAnswers403BeforeASessionOpens() {
        Map<String, Object> metadata = base.metadata(base.aliceChannel);
        metadata.put("name", "forbidden");
        ApiException refused = refusal(() -> base.uploads.open(new UploadRequest("POST", ALICE).json(metadata)
                .header("X-Upload-Content-Length", "1000").header("X-Upload-Content-Type", "video/mp4")));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(base.partials()).isEmpty();
        base.openSession(ALICE, base.aliceChannel, 1000, 201);
    }

    @Test
    void theVideoListAndAVideoGoThroughTheFilters() throws Exception {
        byte[] mp4 = TinyMp4.build(640, 360, 2, 24, 5000, false);
        for (String name : List.of("Cats", "Dogs")) {
            Map<String, Object> created = base.uploads.legacy(upload(name, mp4));
            assertThat(created).containsKey("video");
        }
        VideoRoutes routes = new VideoRoutes(base.videos);
        assertThat(routes.list(FakeRequest.get()).data()).hasSize(2);

        routes.hooks = hooks;
        List<Object> seenParams = new ArrayList<>();
        hooks.filters.put(HookNames.VIDEOS_LIST_RESULT, (result, params) -> {
            seenParams.add(params.get("count"));
            @SuppressWarnings("unchecked")
            Map<String, Object> list = new LinkedHashMap<>((Map<String, Object>) result);
            List<?> kept = ((List<?>) list.get("data")).stream()
                    .filter(video -> !"Dogs".equals(((Map<?, ?>) video).get("name"))).toList();
            list.put("data", kept);
            list.put("total", kept.size());
            return list;
        });
        var page = routes.list(FakeRequest.get().query("count", "10"));
        assertThat(page.total()).isEqualTo(1L);
        assertThat(page.data()).extracting(video -> video.get("name")).containsExactly("Cats");
        assertThat(seenParams).containsExactly("10");

        hooks.filters.put(HookNames.VIDEO_GET_RESULT, (result, params) -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> video = new LinkedHashMap<>((Map<String, Object>) result);
            video.put("pluginData", params.get("id"));
            return video;
        });
        String id = String.valueOf(page.data().get(0).get("id"));
        assertThat(routes.get(FakeRequest.get().path("id", id))).containsEntry("pluginData", id)
                .containsEntry("name", "Cats");
    }

    @org.junit.jupiter.api.AfterEach
    void close() {
        base.close();
    }

    private UploadRequest upload(String name, byte[] file) {
        return new UploadRequest("POST", ALICE).field("name", name).field("channelId", "" + base.aliceChannel)
                .field("privacy", "1").file("videofile", "f.mp4", file);
    }

    private static ApiException refusal(Runnable call) {
        try {
            call.run();
        } catch (ApiException e) {
            return e;
        }
        throw new AssertionError("Not refused");
    }
}
