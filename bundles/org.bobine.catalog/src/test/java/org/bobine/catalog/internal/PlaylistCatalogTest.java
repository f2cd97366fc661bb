package org.bobine.catalog.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bobine.catalog.internal.CatalogTest.ALICE;
import static org.bobine.catalog.internal.CatalogTest.BOB;
import static org.bobine.catalog.internal.CatalogTest.MODERATOR;
import static org.bobine.catalog.internal.CatalogTest.at;
import static org.bobine.catalog.internal.CatalogTest.status;

import java.io.ByteArrayInputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.bobine.auth.api.CreatedUser;
import org.bobine.storage.testing.MemoryFileStore;
import org.bobine.web.api.ApiRequest;
import org.bobine.web.api.ApiUser;
import org.bobine.web.api.Page;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Playlists on a real database (H2, and PostgreSQL when one is given): the watch-later playlist of each user,
 * who sees and changes which playlist, elements with timestamps, reorders, removals, hidden and removed videos,
 * {@code videos-exist}, and positions under concurrent changes.
 */
class PlaylistCatalogTest {

    static final ApiUser ADMIN = new ApiUser(4, "root", ApiUser.ADMINISTRATOR);

    @TempDir
    Path dataDir;

    TestDatabase test;
    Actors actors;
    UserProfiles profiles;
    Videos videos;
    VideoRoutes videoRoutes;
    PlaylistRoutes routes;
    MemoryFileStore store;
    long aliceChannel;
    long bobChannel;

    void open(TestDatabase.Backend backend) throws Exception {
        test = TestDatabase.open(backend, dataDir);
        actors = new Actors(test.database, new FakeAddress());
        profiles = new UserProfiles(actors);
        store = new MemoryFileStore();
        videos = new Videos(actors, new FakeAddress(), store);
        videoRoutes = new VideoRoutes(videos);
        routes = new PlaylistRoutes(videos);
        aliceChannel = createUser(CatalogTest.user(1, "alice"));
        bobChannel = createUser(CatalogTest.user(2, "bob"));
        createUser(CatalogTest.user(3, "mod"));
        createUser(CatalogTest.user(4, "root"));
    }

    @AfterEach
    void close() {
        if (test != null) {
            test.close();
        }
    }

    long createUser(CreatedUser user) {
        test.database.run(em -> profiles.created(em, user));
        return test.database.read(em -> Actors.channelsOf(em, Actors.accountOfUser(em, user.id()).orElseThrow().id())
                .get(0).id());
    }

    /** A public video named "{@code name} video". */
    long video(ApiUser user, long channel, String name) throws Exception {
        String key = UUID.randomUUID() + ".mp4";
        store.put(Videos.WEB_VIDEOS, key, new ByteArrayInputStream(new byte[] {1, 2, 3}));
        return videos.createLocal(user.id(), new Videos.NewLocalVideo(channel, VideoFields.forCreation(
                Map.of("name", name + " video", "privacy", 1)), 60, 1.7778, new Videos.WebVideoFile(720, 1280, 720, 1000, 30,
                        "mp4", key), false)).id();
    }

    Map<String, Object> create(ApiUser user, Map<String, Object> body) {
        return at(routes.create(FakeRequest.post(body).as(user)), "videoPlaylist");
    }

    long createId(ApiUser user, Map<String, Object> body) {
        return ((Number) create(user, body).get("id")).longValue();
    }

    long add(ApiUser user, long playlist, Map<String, Object> body) {
        Map<String, Object> added = routes.addElement(FakeRequest.post(body).as(user)
                .path("id", String.valueOf(playlist)));
        return ((Number) CatalogTest.<Object>at(added, "videoPlaylistElement", "id")).longValue();
    }

    Page<Map<String, Object>> elements(ApiUser user, long playlist) {
        return routes.elements(FakeRequest.get().as(user).path("id", String.valueOf(playlist)));
    }

    List<String> names(Page<Map<String, Object>> elements) {
        return elements.data().stream().map(e -> e.get("video") == null ? "-"
                : ((String) at(e, "video", "name")).replace(" video", "")).toList();
    }

    List<Integer> positions(Page<Map<String, Object>> elements) {
        return elements.data().stream().map(e -> (Integer) e.get("position")).toList();
    }

    List<String> displayNames(Page<Map<String, Object>> playlists) {
        return playlists.data().stream().map(p -> (String) p.get("displayName")).toList();
    }

    /** A request whose query has several values for one name, as {@code ?videoIds=1&videoIds=2}. */
    static ApiRequest withQueryValues(FakeRequest request, String name, List<String> values) {
        return (ApiRequest) Proxy.newProxyInstance(ApiRequest.class.getClassLoader(), new Class<?>[] {ApiRequest.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("queryAll") && name.equals(args[0])) {
                        return values;
                    }
                    try {
                        return method.invoke(request, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Backend.class)
    void eachUserHasAWatchLaterPlaylistThatStaysUntilTheAccountGoes(TestDatabase.Backend backend) throws Exception {
        open(backend);
        Page<Map<String, Object>> mine = routes.accountPlaylists(FakeRequest.get().as(ALICE).path("name", "alice"));
        assertThat(mine.total()).isEqualTo(1);
        Map<String, Object> watchLater = mine.data().get(0);
        assertThat(watchLater).containsEntry("displayName", "Watch later").containsEntry("videoChannel", null)
                .containsEntry("privacy", Map.of("id", 3, "label", "Private"))
                .containsEntry("type", Map.of("id", 2, "label", "Watch later")).containsEntry("videosLength", 0L);
        assertThat(routes.accountPlaylists(FakeRequest.get().path("name", "alice")).total()).isZero();
        assertThat(routes.accountPlaylists(FakeRequest.get().as(BOB).path("name", "alice")).total()).isZero();
        String id = String.valueOf(watchLater.get("id"));

        assertThat(status(() -> routes.remove(FakeRequest.delete().as(ALICE).path("id", id)))).isEqualTo(400);
        assertThat(status(() -> routes.remove(FakeRequest.delete().as(ADMIN).path("id", id)))).isEqualTo(400);
        assertThat(status(() -> routes.update(FakeRequest.put(Map.of("displayName", "Later")).as(ALICE)
                .path("id", id)))).isEqualTo(400);
        assertThat(routes.get(FakeRequest.get().as(ALICE).path("id", id))).containsEntry("displayName",
                "Watch later");

        // An account from before playlists gets one at the next catch-up, once.
        test.database.run(em -> em.createQuery("delete from VideoPlaylist p where p.ownerAccount.userId = 2")
                .executeUpdate());
        assertThat(Playlists.catchUpWatchLater(test.database, "https://videos.example.org")).isEqualTo(1);
        assertThat(Playlists.catchUpWatchLater(test.database, "https://videos.example.org")).isZero();
        assertThat(routes.accountPlaylists(FakeRequest.get().as(BOB).path("name", "bob")
                .query("playlistType", "2")).total()).isEqualTo(1);

        // A channel's playlists go with the channel, an account's with the account.
        long second = test.database.call(em -> actors.createLocalChannel(em, Actors.accountOfUser(em, 1)
                .orElseThrow(), "alice_second", "Second", null, null).id());
        long inSecond = createId(ALICE, Map.of("displayName", "Second", "privacy", 1, "videoChannelId", second));
        test.database.run(em -> Actors.removeChannel(em, em.find(VideoChannel.class, second)));
        assertThat(status(() -> routes.get(FakeRequest.get().path("id", String.valueOf(inSecond))))).isEqualTo(404);
        createId(ALICE, Map.of("displayName", "Birds", "privacy", 1, "videoChannelId", aliceChannel));
        test.database.run(em -> Actors.removeAccount(em, Actors.accountOfUser(em, 1).orElseThrow()));
        long left = test.database.read(em -> em.createQuery("select count(p) from VideoPlaylist p", Long.class)
                .getSingleResult());
        assertThat(left).isEqualTo(3);
        assertThat(status(() -> routes.get(FakeRequest.get().as(ALICE).path("id", id)))).isEqualTo(404);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Backend.class)
    void privacyDecidesWhoSeesAPlaylistAndRightsWhoChangesIt(TestDatabase.Backend backend) throws Exception {
        open(backend);
        Map<String, Object> created = create(ALICE, Map.of("displayName", "Birds", "privacy", "1",
                "videoChannelId", String.valueOf(aliceChannel), "description", "Hawks and owls"));
        assertThat(created).containsOnlyKeys("id", "uuid", "shortUUID");
        String id = String.valueOf(created.get("id"));
        Map<String, Object> birds = routes.get(FakeRequest.get().path("id", id));
        assertThat(routes.get(FakeRequest.get().path("id", (String) created.get("uuid")))).isEqualTo(birds);
        assertThat(routes.get(FakeRequest.get().path("id", (String) created.get("shortUUID")))).isEqualTo(birds);
        assertThat(birds).containsEntry("displayName", "Birds").containsEntry("description", "Hawks and owls")
                .containsEntry("isLocal", true).containsEntry("url", "https://videos.example.org/video-playlists/"
                        + created.get("uuid"))
                .containsEntry("privacy", Map.of("id", 1, "label", "Public"))
                .containsEntry("type", Map.of("id", 1, "label", "Regular"));
        assertThat((String) at(birds, "videoChannel", "name")).isEqualTo("alice_channel");
        assertThat((String) at(birds, "ownerAccount", "name")).isEqualTo("alice");

        assertThat(status(() -> create(ALICE, Map.of("displayName", "x", "privacy", 1)))).isEqualTo(400);
        assertThat(status(() -> create(BOB, Map.of("displayName", "x", "privacy", 1, "videoChannelId",
                aliceChannel)))).isEqualTo(403);
        assertThat(status(() -> create(ALICE, Map.of("displayName", "x", "privacy", 1, "videoChannelId",
                999999)))).isEqualTo(404);
        assertThat(status(() -> routes.create(FakeRequest.post(Map.of("displayName", "x"))))).isEqualTo(401);

        Map<String, Object> unlisted = create(ALICE, Map.of("displayName", "Unlisted", "privacy", 2,
                "videoChannelId", aliceChannel));
        String unlistedId = String.valueOf(unlisted.get("id"));
        assertThat(status(() -> routes.get(FakeRequest.get().path("id", unlistedId)))).isEqualTo(404);
        assertThat(status(() -> routes.get(FakeRequest.get().as(BOB).path("id", unlistedId)))).isEqualTo(404);
        assertThat(status(() -> routes.get(FakeRequest.get().path("id", (String) unlisted.get("uuid")))))
                .isEqualTo(200);
        assertThat(status(() -> routes.elements(FakeRequest.get().path("id", (String) unlisted.get("shortUUID")))))
                .isEqualTo(200);

        String privateId = String.valueOf(createId(ALICE, Map.of("displayName", "Secret")));
        assertThat(status(() -> routes.get(FakeRequest.get().path("id", privateId)))).isEqualTo(401);
        assertThat(status(() -> routes.get(FakeRequest.get().as(BOB).path("id", privateId)))).isEqualTo(403);
        assertThat(status(() -> routes.get(FakeRequest.get().as(MODERATOR).path("id", privateId)))).isEqualTo(403);
        assertThat(status(() -> routes.elements(FakeRequest.get().as(BOB).path("id", privateId)))).isEqualTo(403);
        assertThat(status(() -> routes.get(FakeRequest.get().as(ADMIN).path("id", privateId)))).isEqualTo(200);
        assertThat(status(() -> routes.get(FakeRequest.get().as(ALICE).path("id", privateId)))).isEqualTo(200);

        assertThat(displayNames(routes.list(FakeRequest.get()))).containsExactly("Birds");
        assertThat(routes.list(FakeRequest.get().query("playlistType", "2")).total()).isZero();
        assertThat(displayNames(routes.channelPlaylists(FakeRequest.get().as(ALICE)
                .path("handle", "alice_channel")))).containsExactly("Birds");
        assertThat(displayNames(routes.accountPlaylists(FakeRequest.get().path("name", "alice"))))
                .containsExactly("Birds");
        assertThat(displayNames(routes.accountPlaylists(FakeRequest.get().as(ALICE).path("name", "alice")
                .query("sort", "displayName")))).containsExactly("Birds", "Secret", "Unlisted", "Watch later");
        assertThat(displayNames(routes.accountPlaylists(FakeRequest.get().as(ALICE).path("name", "alice")
                .query("search", "CRE")))).containsExactly("Secret");
        assertThat(status(() -> routes.list(FakeRequest.get().query("sort", "views")))).isEqualTo(400);

        // Updates: the owner and UPDATE_ANY_VIDEO_PLAYLIST; removal: the owner and REMOVE_ANY_VIDEO_PLAYLIST.
        assertThat(status(() -> routes.update(FakeRequest.put(Map.of("displayName", "Mine")).as(BOB)
                .path("id", id)))).isEqualTo(403);
        assertThat(status(() -> routes.update(FakeRequest.put(Map.of("displayName", "Mine")).as(MODERATOR)
                .path("id", id)))).isEqualTo(403);
        assertThat(status(() -> routes.update(FakeRequest.put(Map.of("videoChannelId", bobChannel)).as(ALICE)
                .path("id", id)))).isEqualTo(403);
        assertThat(status(() -> routes.update(FakeRequest.put(Map.of("privacy", 1)).as(ALICE)
                .path("id", privateId)))).isEqualTo(400);
        Map<String, Object> change = new HashMap<>();
        change.put("displayName", "Raptors");
        change.put("description", null);
        routes.update(FakeRequest.put(change).as(ADMIN).path("id", id));
        assertThat(routes.get(FakeRequest.get().path("id", id))).containsEntry("displayName", "Raptors")
                .containsEntry("description", null);
        routes.update(FakeRequest.put(Map.of("privacy", 3, "videoChannelId", "")).as(ALICE).path("id", id));
        assertThat(routes.get(FakeRequest.get().as(ALICE).path("id", id))).containsEntry("videoChannel", null);
        assertThat(routes.list(FakeRequest.get()).total()).isZero();

        assertThat(status(() -> routes.remove(FakeRequest.delete().as(BOB).path("id", id)))).isEqualTo(403);
        assertThat(status(() -> routes.remove(FakeRequest.delete().as(MODERATOR).path("id", id)))).isEqualTo(200);
        assertThat(status(() -> routes.get(FakeRequest.get().as(ALICE).path("id", id)))).isEqualTo(404);
        routes.remove(FakeRequest.delete().as(ALICE).path("id", privateId));
        assertThat(status(() -> routes.get(FakeRequest.get().as(ALICE).path("id", privateId)))).isEqualTo(404);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Backend.class)
    void elementsKeepTheirTimestampsAndContiguousPositions(TestDatabase.Backend backend) throws Exception {
        open(backend);
        long playlist = createId(ALICE, Map.of("displayName", "Birds", "privacy", 1, "videoChannelId",
                aliceChannel));
        List<Long> videoIds = new ArrayList<>();
        List<Long> elementIds = new ArrayList<>();
        for (String name : List.of("a", "b", "c", "d", "e")) {
            long video = video(ALICE, aliceChannel, name);
            videoIds.add(video);
            elementIds.add(add(ALICE, playlist, name.equals("b")
                    ? Map.of("videoId", String.valueOf(video), "startTimestamp", 10, "stopTimestamp", 40)
                    : Map.of("videoId", video)));
        }
        Page<Map<String, Object>> all = elements(null, playlist);
        assertThat(all.total()).isEqualTo(5);
        assertThat(names(all)).containsExactly("a", "b", "c", "d", "e");
        assertThat(positions(all)).containsExactly(1, 2, 3, 4, 5);
        assertThat(all.data().get(1)).containsEntry("id", elementIds.get(1)).containsEntry("startTimestamp", 10)
                .containsEntry("stopTimestamp", 40).containsEntry("type", 0);
        assertThat(all.data().get(0).keySet()).containsExactly("id", "position", "startTimestamp", "stopTimestamp",
                "type", "video");
        assertThat((String) at(all.data().get(0), "video", "channel", "name")).isEqualTo("alice_channel");
        assertThat(routes.get(FakeRequest.get().path("id", String.valueOf(playlist))))
                .containsEntry("videosLength", 5L);
        assertThat(names(routes.elements(FakeRequest.get().path("id", String.valueOf(playlist))
                .query("start", "3").query("count", "2")))).containsExactly("d", "e");

        assertThat(status(() -> add(BOB, playlist, Map.of("videoId", videoIds.get(0))))).isEqualTo(403);
        assertThat(status(() -> add(MODERATOR, playlist, Map.of("videoId", videoIds.get(0))))).isEqualTo(403);
        assertThat(status(() -> add(ALICE, playlist, Map.of("videoId", 999999)))).isEqualTo(404);
        assertThat(status(() -> add(ALICE, playlist, Map.of("videoId", "not-a-video!")))).isEqualTo(400);
        assertThat(status(() -> add(ALICE, playlist, Map.of("videoId", videoIds.get(0), "startTimestamp", -1))))
                .isEqualTo(400);

        String id = String.valueOf(playlist);
        routes.reorder(FakeRequest.post(Map.of("startPosition", 1, "insertAfterPosition", 5, "reorderLength", 2))
                .as(ALICE).path("id", id));
        assertThat(names(elements(ALICE, playlist))).containsExactly("c", "d", "e", "a", "b");
        routes.reorder(FakeRequest.post(Map.of("startPosition", 5, "insertAfterPosition", 0)).as(ALICE)
                .path("id", id));
        assertThat(names(elements(ALICE, playlist))).containsExactly("b", "c", "d", "e", "a");
        routes.reorder(FakeRequest.post(Map.of("startPosition", 2, "insertAfterPosition", 3, "reorderLength", 1))
                .as(ALICE).path("id", id));
        assertThat(names(elements(ALICE, playlist))).containsExactly("b", "d", "c", "e", "a");
        assertThat(status(() -> routes.reorder(FakeRequest.post(Map.of("startPosition", 6,
                "insertAfterPosition", 0)).as(ALICE).path("id", id)))).isEqualTo(400);
        assertThat(status(() -> routes.reorder(FakeRequest.post(Map.of("startPosition", 4,
                "insertAfterPosition", 0, "reorderLength", 3)).as(ALICE).path("id", id)))).isEqualTo(400);
        assertThat(status(() -> routes.reorder(FakeRequest.post(Map.of("startPosition", 1,
                "insertAfterPosition", 2)).as(BOB).path("id", id)))).isEqualTo(403);

        // b is first: change its timestamps, then remove the element of c (third).
        routes.updateElement(FakeRequest.put(Map.of("startTimestamp", 5)).as(ALICE).path("id", id)
                .path("elementId", String.valueOf(elementIds.get(1))));
        assertThat(elements(ALICE, playlist).data().get(0)).containsEntry("startTimestamp", 5)
                .containsEntry("stopTimestamp", 40);
        routes.removeElement(FakeRequest.delete().as(ALICE).path("id", id)
                .path("elementId", String.valueOf(elementIds.get(2))));
        Page<Map<String, Object>> after = elements(ALICE, playlist);
        assertThat(names(after)).containsExactly("b", "d", "e", "a");
        assertThat(positions(after)).containsExactly(1, 2, 3, 4);
        assertThat(status(() -> routes.removeElement(FakeRequest.delete().as(ALICE).path("id", id)
                .path("elementId", String.valueOf(elementIds.get(2)))))).isEqualTo(404);
        long other = createId(BOB, Map.of("displayName", "Other"));
        assertThat(status(() -> routes.removeElement(FakeRequest.delete().as(BOB)
                .path("id", String.valueOf(other)).path("elementId", String.valueOf(elementIds.get(0))))))
                .isEqualTo(404);

        // videos-exist: the user's own playlists only, an empty list for a video in none.
        long watchLater = ((Number) routes.accountPlaylists(FakeRequest.get().as(ALICE).path("name", "alice")
                .query("playlistType", "2")).data().get(0).get("id")).longValue();
        long later = add(ALICE, watchLater, Map.of("videoId", videoIds.get(1), "stopTimestamp", 30));
        add(BOB, other, Map.of("videoId", videoIds.get(1)));
        Map<String, Object> exist = routes.videosExist(withQueryValues(FakeRequest.get().as(ALICE), "videoIds",
                List.of(String.valueOf(videoIds.get(1)), String.valueOf(videoIds.get(2)))));
        assertThat(exist).containsOnlyKeys(String.valueOf(videoIds.get(1)), String.valueOf(videoIds.get(2)));
        List<Map<String, Object>> inPlaylists = at(exist, String.valueOf(videoIds.get(1)));
        Map<String, Object> first = new HashMap<>();
        first.put("playlistElementId", elementIds.get(1));
        first.put("playlistId", playlist);
        first.put("startTimestamp", 5);
        first.put("stopTimestamp", 40);
        Map<String, Object> second = new HashMap<>();
        second.put("playlistElementId", later);
        second.put("playlistId", watchLater);
        second.put("startTimestamp", null);
        second.put("stopTimestamp", 30);
        assertThat(inPlaylists).containsExactlyInAnyOrder(first, second);
        assertThat((List<?>) at(exist, String.valueOf(videoIds.get(2)))).isEmpty();
        assertThat(status(() -> routes.videosExist(FakeRequest.get().as(ALICE).query("videoIds", "x"))))
                .isEqualTo(400);
        assertThat(status(() -> routes.videosExist(FakeRequest.get().query("videoIds", "1")))).isEqualTo(401);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Backend.class)
    void hiddenVideosShowAsPrivateAndRemovedOnesAsDeleted(TestDatabase.Backend backend) throws Exception {
        open(backend);
        long playlist = createId(ALICE, Map.of("displayName", "Mixed", "privacy", 1, "videoChannelId",
                aliceChannel));
        long bobs = video(BOB, bobChannel, "bob's");
        long alices = video(ALICE, aliceChannel, "alice's");
        add(ALICE, playlist, Map.of("videoId", bobs));
        add(ALICE, playlist, Map.of("videoId", alices));
        videoRoutes.update(FakeRequest.put(Map.of("privacy", 3)).as(BOB).path("id", String.valueOf(bobs)));
        assertThat(status(() -> add(ALICE, playlist, Map.of("videoId", bobs)))).isEqualTo(403);

        Page<Map<String, Object>> forAlice = elements(ALICE, playlist);
        assertThat(forAlice.data().get(0)).containsEntry("type", 2).containsEntry("video", null);
        assertThat(names(elements(BOB, playlist))).containsExactly("bob's", "alice's");
        assertThat(elements(null, playlist).data().get(0)).containsEntry("type", 2);

        videoRoutes.remove(FakeRequest.delete().as(BOB).path("id", String.valueOf(bobs)));
        Page<Map<String, Object>> after = elements(BOB, playlist);
        assertThat(after.total()).isEqualTo(2);
        assertThat(after.data().get(0)).containsEntry("type", 1).containsEntry("video", null)
                .containsEntry("position", 1);
        assertThat(names(after)).containsExactly("-", "alice's");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Backend.class)
    void concurrentChangesKeepPositionsContiguous(TestDatabase.Backend backend) throws Exception {
        open(backend);
        long playlist = createId(ALICE, Map.of("displayName", "Busy"));
        long video = video(ALICE, aliceChannel, "v");
        List<Long> first = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            first.add(add(ALICE, playlist, Map.of("videoId", video)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                work.add(pool.submit(() -> add(ALICE, playlist, Map.of("videoId", video))));
            }
            for (int i = 0; i < 3; i++) {
                long element = first.get(i);
                work.add(pool.submit(() -> routes.removeElement(FakeRequest.delete().as(ALICE)
                        .path("id", String.valueOf(playlist)).path("elementId", String.valueOf(element)))));
                work.add(pool.submit(() -> routes.reorder(FakeRequest.post(Map.of("startPosition", 1,
                        "insertAfterPosition", 2, "reorderLength", 2)).as(ALICE)
                        .path("id", String.valueOf(playlist)))));
            }
            for (Future<?> future : work) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }
        Page<Map<String, Object>> all = routes.elements(FakeRequest.get().as(ALICE)
                .path("id", String.valueOf(playlist)).query("count", "100"));
        assertThat(all.total()).isEqualTo(15);
        assertThat(positions(all)).isEqualTo(IntStream.rangeClosed(1, 15).boxed().toList());
    }
}
