package org.bobine.catalog.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bobine.catalog.internal.CatalogTest.ALICE;
import static org.bobine.catalog.internal.CatalogTest.BOB;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;

import org.bobine.api.hook.AcceptResult;
import org.bobine.api.hook.HookNames;
import org.bobine.api.hook.Hooks;
import org.bobine.storage.testing.MemoryFileStore;
import org.bobine.web.api.Page;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The catalog's other hook points: the lists of an account's, a channel's and a user's own videos, of a playlist's
 * videos, of comment threads and of a thread's comments, and a channel, go through the plugins' filters; creating,
 * changing and removing channels, adding to playlists and a counted view are told to their actions.
 */
class MoreHooksTest {

    @TempDir
    Path dataDir;

    /** Filters and records actions by hook name, as the plugins bundle would run them. */
    static final class RecordingHooks implements Hooks {
        final Map<String, BiFunction<Object, Map<String, ?>, Object>> filters = new HashMap<>();
        final List<String> told = new ArrayList<>();
        final Map<String, Map<String, ?>> lastParams = new LinkedHashMap<>();

        @Override
        public boolean has(String hook) {
            return true;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T filter(String hook, T value, Map<String, ?> params) {
            BiFunction<Object, Map<String, ?>, Object> filter = filters.get(hook);
            return filter == null ? value : (T) filter.apply(value, params);
        }

        @Override
        public AcceptResult accept(String hook, Map<String, ?> params) {
            return AcceptResult.accept();
        }

        @Override
        public void action(String hook, Map<String, ?> params) {
            told.add(hook);
            lastParams.put(hook, params);
        }
    }

    TestDatabase test;
    Videos videos;
    final RecordingHooks hooks = new RecordingHooks();
    long aliceChannel;

    @BeforeEach
    void open() throws Exception {
        test = TestDatabase.open(TestDatabase.Backend.H2, dataDir);
        Actors actors = new Actors(test.database, new FakeAddress());
        UserProfiles profiles = new UserProfiles(actors);
        videos = new Videos(actors, new FakeAddress(), new MemoryFileStore());
        test.database.run(em -> profiles.created(em, CatalogTest.user(1, "alice")));
        test.database.run(em -> profiles.created(em, CatalogTest.user(2, "bob")));
        aliceChannel = test.database.read(em -> Actors.channelsOf(em, Actors.accountOfUser(em, 1).orElseThrow()
                .id()).get(0).id());
    }

    @AfterEach
    void close() {
        test.close();
    }

    Videos.CreatedVideo publicVideo(String name) {
        return videos.createLocal(ALICE.id(), new Videos.NewLocalVideo(aliceChannel, VideoFields.forCreation(
                Map.of("name", name, "privacy", 1)), 60, 1.7778, new Videos.WebVideoFile(720, 1280, 720, 3, 30,
                        "mp4", UUID.randomUUID() + ".mp4"), false));
    }

    /** A filter that keeps the first item of a list's {@code data} and says so in {@code total}. */
    static Object firstOnly(Object value, Map<String, ?> params) {
        @SuppressWarnings("unchecked")
        Map<String, Object> list = new LinkedHashMap<>((Map<String, Object>) value);
        List<?> data = (List<?>) list.get("data");
        list.put("data", data.isEmpty() ? data : data.subList(0, 1));
        list.put("total", 1);
        return list;
    }

    @Test
    void videoListsOfAccountsChannelsAndTheUserAreFiltered() {
        publicVideo("Owls");
        publicVideo("Hawks");
        VideoRoutes routes = new VideoRoutes(videos);
        routes.hooks = hooks;
        for (String hook : List.of(HookNames.ACCOUNT_VIDEOS_LIST_RESULT, HookNames.CHANNEL_VIDEOS_LIST_RESULT,
                HookNames.MY_VIDEOS_LIST_RESULT)) {
            hooks.filters.put(hook, MoreHooksTest::firstOnly);
        }
        assertThat(routes.accountVideos(FakeRequest.get().path("name", "alice")).data()).hasSize(1);
        assertThat(routes.channelVideos(FakeRequest.get().path("handle", "alice_channel")).data()).hasSize(1);
        Page<Map<String, Object>> mine = routes.myVideos(FakeRequest.get().as(ALICE));
        assertThat(mine.data()).hasSize(1);
        assertThat(mine.total()).isEqualTo(1);
        hooks.filters.clear();
        assertThat(routes.myVideos(FakeRequest.get().as(ALICE)).data()).hasSize(2);
    }

    @Test
    void commentListsAreFilteredWithTheVideoInTheirParameters() {
        Videos.CreatedVideo video = publicVideo("Owls");
        CommentRoutes comments = new CommentRoutes(videos);
        comments.createThread(FakeRequest.post(Map.of("text", "First")).path("id", video.shortUuid()).as(BOB));
        Object thread = comments.createThread(FakeRequest.post(Map.of("text", "Second")).path("id",
                video.shortUuid()).as(BOB));
        comments.hooks = hooks;
        hooks.filters.put(HookNames.VIDEO_THREADS_LIST_RESULT, (value, params) -> {
            assertThat(CatalogTest.<String>at(params, "video", "uuid")).isEqualTo(video.uuid().toString());
            return firstOnly(value, params);
        });
        assertThat((List<?>) comments.threads(FakeRequest.get().path("id", video.shortUuid())).get("data"))
                .hasSize(1);
        hooks.filters.put(HookNames.VIDEO_THREAD_COMMENTS_LIST_RESULT, (value, params) -> {
            Map<String, Object> changed = new LinkedHashMap<>(CatalogTest.<Map<String, Object>>at(value));
            changed.put("children", List.of());
            changed.put("threadId", params.get("threadId"));
            return changed;
        });
        Object threadId = CatalogTest.at(thread, "comment", "id");
        Map<String, Object> filtered = comments.thread(FakeRequest.get().path("id", video.shortUuid())
                .path("threadId", String.valueOf(threadId)));
        assertThat(filtered).containsEntry("threadId", ((Number) threadId).longValue());
    }

    @Test
    void channelsAreFilteredAndTheirChangesTold() {
        ChannelRoutes channels = new ChannelRoutes(new Actors(test.database, new FakeAddress()),
                new ChannelSettings(CatalogTest.maxPerUser(20)));
        channels.hooks = hooks;
        hooks.filters.put(HookNames.VIDEO_CHANNEL_GET_RESULT, (value, params) -> {
            Map<String, Object> changed = new LinkedHashMap<>(CatalogTest.<Map<String, Object>>at(value));
            changed.put("displayName", "Filtered " + params.get("handle"));
            return changed;
        });
        hooks.filters.put(HookNames.VIDEO_CHANNELS_LIST_RESULT, MoreHooksTest::firstOnly);
        assertThat(channels.get(FakeRequest.get().path("handle", "alice_channel")))
                .containsEntry("displayName", "Filtered alice_channel");
        assertThat(channels.list(FakeRequest.get()).data()).hasSize(1);

        channels.create(FakeRequest.post(Map.of("name", "birds_channel", "displayName", "Birds")).as(ALICE));
        channels.update(FakeRequest.put(Map.of("displayName", "Birds of prey")).path("handle", "birds_channel")
                .as(ALICE));
        channels.remove(FakeRequest.delete().path("handle", "birds_channel").as(ALICE));
        assertThat(hooks.told).containsExactly(HookNames.VIDEO_CHANNEL_CREATED, HookNames.VIDEO_CHANNEL_UPDATED,
                HookNames.VIDEO_CHANNEL_DELETED);
        assertThat(CatalogTest.<String>at(hooks.lastParams.get(HookNames.VIDEO_CHANNEL_UPDATED), "videoChannel",
                "displayName")).isEqualTo("Birds of prey");
        assertThat(CatalogTest.<String>at(hooks.lastParams.get(HookNames.VIDEO_CHANNEL_DELETED), "videoChannel",
                "name")).isEqualTo("birds_channel");
    }

    @Test
    void playlistsAreFilteredAndTheirAdditionsTold() {
        Videos.CreatedVideo video = publicVideo("Owls");
        PlaylistRoutes playlists = new PlaylistRoutes(videos);
        playlists.hooks = hooks;
        Map<String, Object> created = playlists.create(FakeRequest.post(Map.of("displayName", "Birds",
                "privacy", 1, "videoChannelId", aliceChannel)).as(ALICE));
        String id = String.valueOf(CatalogTest.<Object>at(created, "videoPlaylist", "uuid"));
        playlists.addElement(FakeRequest.post(Map.of("videoId", video.uuid().toString())).path("id", id).as(ALICE));
        assertThat(hooks.told).containsExactly(HookNames.VIDEO_PLAYLIST_ELEMENT_CREATED);
        assertThat(CatalogTest.<String>at(hooks.lastParams.get(HookNames.VIDEO_PLAYLIST_ELEMENT_CREATED), "video",
                "name")).isEqualTo("Owls");
        hooks.filters.put(HookNames.PLAYLIST_VIDEOS_LIST_RESULT, (value, params) -> {
            Map<String, Object> changed = new LinkedHashMap<>(CatalogTest.<Map<String, Object>>at(value));
            changed.put("total", 42);
            return changed;
        });
        assertThat(playlists.elements(FakeRequest.get().path("id", id)).total()).isEqualTo(42);
    }
}
