package org.bobine.catalog.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bobine.catalog.internal.CatalogTest.ALICE;
import static org.bobine.catalog.internal.CatalogTest.BOB;
import static org.bobine.catalog.internal.CatalogTest.MODERATOR;
import static org.bobine.catalog.internal.CatalogTest.at;
import static org.bobine.catalog.internal.CatalogTest.status;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.bobine.auth.api.CreatedUser;
import org.bobine.storage.testing.MemoryFileStore;
import org.bobine.web.api.ApiUser;
import org.bobine.web.api.Page;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Videos on a real database (H2, and PostgreSQL when one is given): creation through the internal service, the
 * lists with each filter and sort, what each role sees, and who may change or remove a video.
 */
class VideoCatalogTest {

    @TempDir
    Path dataDir;

    TestDatabase test;
    Actors actors;
    UserProfiles profiles;
    Videos videos;
    VideoRoutes routes;
    MemoryFileStore store;
    long aliceChannel;
    long bobChannel;

    void open(TestDatabase.Backend backend) throws Exception {
        test = TestDatabase.open(backend, dataDir);
        actors = new Actors(test.database, new FakeAddress());
        profiles = new UserProfiles(actors);
        store = new MemoryFileStore();
        videos = new Videos(actors, new FakeAddress(), store);
        routes = new VideoRoutes(videos);
        aliceChannel = createUser(CatalogTest.user(1, "alice"));
        bobChannel = createUser(CatalogTest.user(2, "bob"));
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

    Videos.CreatedVideo upload(ApiUser user, long channel, Map<String, ?> fields, boolean toTranscode, long size)
            throws Exception {
        String key = UUID.randomUUID() + ".mp4";
        store.put(Videos.WEB_VIDEOS, key, new ByteArrayInputStream(new byte[] {1, 2, 3}));
        return videos.createLocal(user.id(), new Videos.NewLocalVideo(channel, VideoFields.forCreation(fields), 60,
                1.7778, new Videos.WebVideoFile(720, 1280, 720, size, 30, "mp4", key), toTranscode));
    }

    Videos.CreatedVideo publicVideo(ApiUser user, long channel, String name) throws Exception {
        return upload(user, channel, Map.of("name", name, "privacy", 1), false, 1000);
    }

    /** A remote channel and one public video in it, as federation will bring them. */
    void remoteVideo(String name) {
        test.database.run(em -> {
            Instant now = Actors.now();
            Actor person = new Actor(Actor.PERSON, "carol", "peertube.example", "https://peertube.example/a/carol", now);
            em.persist(person);
            Account account = new Account(person, null, "Carol", now);
            em.persist(account);
            Actor group = new Actor(Actor.GROUP, "carol_channel", "peertube.example",
                    "https://peertube.example/c/carol_channel", now);
            em.persist(group);
            VideoChannel channel = new VideoChannel(group, account, "Carol's", null, null, now);
            em.persist(channel);
            UUID uuid = UUID.randomUUID();
            em.persist(new Video(uuid, channel, "https://peertube.example/w/" + uuid, new VideoFields.Metadata(name,
                    null, null, null, null, null, VideoConstants.PUBLIC, false, 1, true, false, null, null, null,
                    List.of(), List.of()), VideoConstants.PUBLISHED, 10, null, now));
        });
    }

    List<String> names(FakeRequest request) {
        return routes.list(request).data().stream().map(v -> (String) v.get("name")).toList();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Backend.class)
    void aCreatedVideoIsFoundByNumberUuidOrShortUuid(TestDatabase.Backend backend) throws Exception {
        open(backend);
        Videos.CreatedVideo created = upload(ALICE, aliceChannel, Map.of("name", "Birds", "privacy", 1,
                "description", "Hawks", "tags", List.of("owl", "hawk"), "category", 16), false, 1234);
        assertThat(created.shortUuid()).isEqualTo(ShortUuid.encode(created.uuid()));
        assertThat(created.filename()).endsWith("-720.mp4");

        Map<String, Object> byId = routes.get(FakeRequest.get().path("id", String.valueOf(created.id())));
        assertThat(routes.get(FakeRequest.get().path("id", created.uuid().toString()))).isEqualTo(byId);
        assertThat(routes.get(FakeRequest.get().path("id", created.shortUuid()))).isEqualTo(byId);
        assertThat(byId).containsEntry("name", "Birds").containsEntry("description", "Hawks")
                .containsEntry("tags", List.of("hawk", "owl")).containsEntry("isLocal", true)
                .containsEntry("url", "https://videos.example.org/videos/watch/" + created.uuid())
                .containsEntry("state", Map.of("id", 1, "label", "Published"));
        assertThat(at(byId, "channel", "name").equals("alice_channel")).isTrue();
        assertThat(at(byId, "account", "name").equals("alice")).isTrue();
        List<Map<String, Object>> files = at(byId, "files");
        assertThat(files).singleElement().satisfies(f -> assertThat(f).containsEntry("size", 1234L)
                .containsEntry("fileUrl", "https://videos.example.org/static/web-videos/" + created.filename()));

        test.database.run(em -> {
            Actor alice = Actors.accountOfUser(em, 1).orElseThrow().actor();
            em.persist(new ActorImage(alice, ActorImage.AVATAR, "alice-48.png", 48, 48, Actors.now()));
        });
        // Written around the routes: the answers they shared for a moment do not know of it yet.
        videos.responses().forgetAll();
        Map<String, Object> withAvatar = routes.get(FakeRequest.get().path("id", created.shortUuid()));
        assertThat((List<?>) at(withAvatar, "account", "avatars")).hasSize(1);
        assertThat((List<?>) at(withAvatar, "channel", "avatars")).isEmpty();
        Map<String, Object> item = routes.list(FakeRequest.get()).data().get(0);
        assertThat(CatalogTest.<List<Map<String, Object>>>at(item, "account", "avatars")).singleElement()
                .satisfies(a -> assertThat(a).containsEntry("width", 48).containsEntry("path",
                        "/lazy-static/avatars/alice-48.png"));

        assertThat(status(() -> routes.get(FakeRequest.get().path("id", "999999")))).isEqualTo(404);
        assertThat(status(() -> routes.get(FakeRequest.get().path("id", UUID.randomUUID().toString()))))
                .isEqualTo(404);
        assertThat(status(() -> routes.get(FakeRequest.get().path("id", "not-an-id!")))).isEqualTo(400);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Backend.class)
    void everyoneSeesPublicPublishedVideosAndRightsShowTheRest(TestDatabase.Backend backend) throws Exception {
        open(backend);
        publicVideo(ALICE, aliceChannel, "public");
        upload(ALICE, aliceChannel, Map.of("name", "unlisted", "privacy", 2), false, 1);
        Videos.CreatedVideo hidden = upload(ALICE, aliceChannel, Map.of("name", "private"), false, 1);
        Videos.CreatedVideo internal = upload(ALICE, aliceChannel, Map.of("name", "internal", "privacy", 4), false,
                1);
        Videos.CreatedVideo waiting = upload(ALICE, aliceChannel, Map.of("name", "waiting", "privacy", 1,
                "waitTranscoding", true), true, 1);
        upload(ALICE, aliceChannel, Map.of("name", "transcoding", "privacy", 1), true, 1);

        assertThat(names(FakeRequest.get().query("sort", "name"))).containsExactly("public", "transcoding");
        assertThat(names(FakeRequest.get().query("sort", "name").as(BOB))).as("internal for users")
                .containsExactly("internal", "public", "transcoding");
        assertThat(names(FakeRequest.get().query("sort", "name").as(MODERATOR).query("privacyOneOf", "3")))
                .containsExactly("private");
        assertThat(names(FakeRequest.get().query("sort", "name").as(MODERATOR).query("include", "1")))
                .containsExactly("internal", "public", "transcoding", "waiting");
        assertThat(status(() -> routes.list(FakeRequest.get().query("include", "1").as(BOB)))).isEqualTo(401);
        assertThat(status(() -> routes.list(FakeRequest.get().query("privacyOneOf", "3")))).isEqualTo(401);

        Page<Map<String, Object>> mine = routes.myVideos(FakeRequest.get().query("sort", "name").as(ALICE));
        assertThat(mine.total()).isEqualTo(6);
        assertThat(mine.data().get(0)).containsKeys("state", "waitTranscoding", "scheduledUpdate");
        assertThat(routes.myVideos(FakeRequest.get().as(BOB)).total()).isZero();
        assertThat(status(() -> routes.myVideos(FakeRequest.get()))).isEqualTo(401);

        videos.markPublished(waiting.id());
        assertThat(names(FakeRequest.get())).as("newly published first").startsWith("waiting");

        String privateId = hidden.uuid().toString();
        assertThat(status(() -> routes.get(FakeRequest.get().path("id", privateId)))).isEqualTo(401);
        assertThat(status(() -> routes.get(FakeRequest.get().path("id", privateId).as(BOB)))).isEqualTo(403);
        assertThat(status(() -> routes.get(FakeRequest.get().path("id", privateId).as(ALICE)))).isEqualTo(200);
        assertThat(status(() -> routes.get(FakeRequest.get().path("id", privateId).as(MODERATOR)))).isEqualTo(200);
        String internalId = internal.shortUuid();
        assertThat(status(() -> routes.get(FakeRequest.get().path("id", internalId)))).isEqualTo(401);
        assertThat(status(() -> routes.get(FakeRequest.get().path("id", internalId).as(BOB)))).isEqualTo(200);
        Map<String, Object> unlisted = routes.myVideos(FakeRequest.get().query("search", "unlisted").as(ALICE))
                .data().get(0);
        String unlistedNumber = String.valueOf(unlisted.get("id"));
        assertThat(status(() -> routes.get(FakeRequest.get().path("id", (String) unlisted.get("uuid")))))
                .isEqualTo(200);
        assertThat(status(() -> routes.get(FakeRequest.get().path("id", unlistedNumber)))).as("by number")
                .isEqualTo(401);
        assertThat(status(() -> routes.get(FakeRequest.get().path("id", unlistedNumber).as(BOB)))).isEqualTo(403);
        assertThat(status(() -> routes.get(FakeRequest.get().path("id", unlistedNumber).as(ALICE)))).isEqualTo(200);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Backend.class)
    void scheduledUpdatesAreAppliedWhenDue(TestDatabase.Backend backend) throws Exception {
        open(backend);
        ScheduledVideoUpdates scheduler = new ScheduledVideoUpdates(videos, false);
        Instant soon = Instant.parse("2031-05-01T10:00:00Z");
        Videos.CreatedVideo premiere = upload(ALICE, aliceChannel, Map.of("name", "Premiere", "privacy", 3,
                "scheduleUpdate", Map.of("updateAt", soon.toString())), false, 10);
        Videos.CreatedVideo later = upload(ALICE, aliceChannel, Map.of("name", "Later", "privacy", 3,
                "scheduleUpdate", Map.of("updateAt", soon.plusSeconds(3600).toString(), "privacy", 2)), false, 10);
        assertThat(names(FakeRequest.get())).isEmpty();

        assertThat(scheduler.applyDue(soon.minusSeconds(1))).isEmpty();
        assertThat(scheduler.applyDue(soon)).containsExactly(premiere.id());
        Map<String, Object> shown = routes.get(FakeRequest.get().path("id", premiere.uuid().toString()));
        assertThat(shown).containsEntry("privacy", Map.of("id", 1, "label", "Public"))
                .containsEntry("scheduledUpdate", null);
        assertThat(names(FakeRequest.get().query("sort", "-publishedAt"))).containsExactly("Premiere");
        assertThat(scheduler.applyDue(soon.plusSeconds(60))).as("applied once").isEmpty();

        assertThat(scheduler.applyDue(soon.plusSeconds(7200))).containsExactly(later.id());
        assertThat(routes.get(FakeRequest.get().path("id", later.uuid().toString()).as(ALICE)))
                .containsEntry("privacy", Map.of("id", 2, "label", "Unlisted"));
        assertThat(names(FakeRequest.get().query("sort", "-publishedAt"))).as("unlisted stays out of lists")
                .containsExactly("Premiere");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Backend.class)
    void listsFilterAsPeerTubes(TestDatabase.Backend backend) throws Exception {
        open(backend);
        upload(ALICE, aliceChannel, Map.of("name", "Owls at night", "privacy", 1, "nsfw", true, "category", 16,
                "licence", 1, "language", "fr", "tags", List.of("Owl", "night")), false, 100);
        upload(ALICE, aliceChannel, Map.of("name", "Hawks", "privacy", 1, "category", 16, "licence", 2,
                "tags", List.of("hawk", "day")), false, 100);
        upload(BOB, bobChannel, Map.of("name", "Cooking 100%", "privacy", 1, "category", 18, "language", "en",
                "tags", List.of("food")), false, 100);
        remoteVideo("Remote birds");

        // PeerTube's default policy leaves NSFW videos out of visitors' lists unless asked for.
        assertThat(names(FakeRequest.get().query("sort", "name"))).containsExactly("Cooking 100%", "Hawks",
                "Remote birds");
        // A user's own policy decides for them; "blur" lists them (the client blurs them).
        assertThat(names(FakeRequest.get().query("sort", "name")
                .as(new ApiUser(BOB.id(), BOB.username(), BOB.role(), ApiUser.NSFW_BLUR))))
                .containsExactly("Cooking 100%", "Hawks", "Owls at night", "Remote birds");
        assertThat(names(FakeRequest.get().query("sort", "name").as(BOB))).hasSize(3);
        // An instance whose default is to display them lists them to visitors; the rest of this test uses it.
        routes.instanceNsfwPolicy = new InstanceNsfwPolicy(ApiUser.NSFW_DISPLAY);
        assertThat(names(FakeRequest.get().query("sort", "name"))).containsExactly("Cooking 100%", "Hawks",
                "Owls at night", "Remote birds");
        assertThat(names(FakeRequest.get().query("nsfw", "true"))).containsExactly("Owls at night");
        assertThat(names(FakeRequest.get().query("nsfw", "false").query("sort", "name"))).containsExactly(
                "Cooking 100%", "Hawks", "Remote birds");
        assertThat(names(FakeRequest.get().query("nsfw", "both"))).hasSize(4);
        assertThat(status(() -> routes.list(FakeRequest.get().query("nsfw", "maybe")))).isEqualTo(400);
        assertThat(names(FakeRequest.get().query("isLocal", "false"))).containsExactly("Remote birds");
        assertThat(names(FakeRequest.get().query("isLocal", "true"))).hasSize(3);
        assertThat(names(FakeRequest.get().query("categoryOneOf", "16").query("sort", "name")))
                .containsExactly("Hawks", "Owls at night");
        assertThat(status(() -> routes.list(FakeRequest.get().query("categoryOneOf", "99")))).isEqualTo(400);
        assertThat(names(FakeRequest.get().query("licenceOneOf", "2"))).containsExactly("Hawks");
        assertThat(names(FakeRequest.get().query("languageOneOf", "fr"))).containsExactly("Owls at night");
        assertThat(names(FakeRequest.get().query("languageOneOf", "_unknown").query("sort", "name")))
                .containsExactly("Hawks", "Remote birds");
        assertThat(names(FakeRequest.get().query("tagsOneOf", "owl"))).as("tags compare in lower case")
                .containsExactly("Owls at night");
        assertThat(names(FakeRequest.get().query("tagsAllOf", "NIGHT"))).containsExactly("Owls at night");
        assertThat(names(FakeRequest.get().query("tagsAllOf", "rain"))).isEmpty();
        assertThat(names(FakeRequest.get().query("hasWebVideoFiles", "false"))).containsExactly("Remote birds");
        assertThat(names(FakeRequest.get().query("hasWebVideoFiles", "true"))).hasSize(3);
        assertThat(names(FakeRequest.get().query("hasHLSFiles", "true"))).isEmpty();
        assertThat(names(FakeRequest.get().query("hasHLSFiles", "false"))).hasSize(4);
        assertThat(names(FakeRequest.get().query("search", "OWL"))).containsExactly("Owls at night");
        assertThat(names(FakeRequest.get().query("search", "100%"))).containsExactly("Cooking 100%");
        assertThat(names(FakeRequest.get().query("search", "_"))).as("wildcards are literal").isEmpty();

        Page<Map<String, Object>> counted = routes.list(FakeRequest.get().query("count", "2"));
        assertThat(counted.total()).isEqualTo(4);
        assertThat(counted.data()).hasSize(2);
        assertThat(routes.list(FakeRequest.get().query("start", "3")).total()).isEqualTo(4);
        assertThat(routes.list(FakeRequest.get().query("skipCount", "true")).total()).isNull();

        Page<Map<String, Object>> withFiles = routes.list(FakeRequest.get().query("include", "8").as(MODERATOR)
                .query("isLocal", "true"));
        assertThat(withFiles.data()).allSatisfy(v -> assertThat((List<?>) v.get("files")).hasSize(1));

        assertThat(routes.accountVideos(FakeRequest.get().path("name", "alice").query("sort", "name")).data())
                .extracting(v -> v.get("name")).containsExactly("Hawks", "Owls at night");
        assertThat(routes.channelVideos(FakeRequest.get().path("handle", "bob_channel")).data())
                .extracting(v -> v.get("name")).containsExactly("Cooking 100%");
        assertThat(routes.channelVideos(FakeRequest.get().path("handle", "carol_channel@peertube.example")).data())
                .extracting(v -> v.get("name")).containsExactly("Remote birds");
        assertThat(routes.accountVideos(FakeRequest.get().path("name", "alice").query("tagsOneOf", "food"))
                .total()).isZero();
        assertThat(status(() -> routes.accountVideos(FakeRequest.get().path("name", "nobody")))).isEqualTo(404);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Backend.class)
    void everySortRuns(TestDatabase.Backend backend) throws Exception {
        open(backend);
        publicVideo(ALICE, aliceChannel, "bbb");
        publicVideo(ALICE, aliceChannel, "aaa");
        remoteVideo("ccc");
        test.database.run(em -> em.createQuery("update Video v set v.views = 10, v.likes = 2 where v.name = 'aaa'")
                .executeUpdate());
        for (String sort : VideoList.SORTS.keySet()) {
            for (String direction : List.of("", "-")) {
                assertThat(names(FakeRequest.get().query("sort", direction + sort))).as(direction + sort).hasSize(3);
            }
        }
        assertThat(names(FakeRequest.get().query("sort", "name"))).containsExactly("aaa", "bbb", "ccc");
        assertThat(names(FakeRequest.get().query("sort", "-name"))).containsExactly("ccc", "bbb", "aaa");
        assertThat(names(FakeRequest.get())).as("-publishedAt").containsExactly("ccc", "aaa", "bbb");
        assertThat(names(FakeRequest.get().query("sort", "-views"))).startsWith("aaa");
        test.database.run(em -> em.createNativeQuery("insert into catalog_video_views_daily (video_id, view_date, "
                + "views) select id, current_date, 10 from catalog_video where name = 'aaa'").executeUpdate());
        assertThat(names(FakeRequest.get().query("sort", "-trending"))).startsWith("aaa");
        assertThat(names(FakeRequest.get().query("sort", "-localVideoFilesSize"))).endsWith("ccc");
        assertThat(status(() -> routes.list(FakeRequest.get().query("sort", "random")))).isEqualTo(400);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Backend.class)
    void ownersAndHoldersOfRightsUpdateAndRemoveVideos(TestDatabase.Backend backend) throws Exception {
        open(backend);
        Videos.CreatedVideo video = upload(ALICE, aliceChannel, Map.of("name", "Birds", "tags", List.of("owl")),
                false, 10);
        String id = video.uuid().toString();
        Map<String, Object> change = new HashMap<>();
        change.put("name", "Birds of prey");
        change.put("privacy", 1);
        change.put("description", "Hawks");
        change.put("tags", List.of("hawk", "eagle"));
        change.put("commentsEnabled", false);
        change.put("scheduleUpdate", Map.of("updateAt", "2030-01-01T00:00:00Z", "privacy", 2));

        assertThat(status(() -> routes.update(FakeRequest.put(change).path("id", id)))).isEqualTo(401);
        assertThat(status(() -> routes.update(FakeRequest.put(change).path("id", id).as(BOB)))).isEqualTo(403);
        assertThat(status(() -> routes.update(FakeRequest.put(Map.of("name", "x")).path("id", id).as(ALICE))))
                .isEqualTo(400);
        Instant before = Instant.parse((String) routes.get(FakeRequest.get().path("id", id).as(ALICE))
                .get("publishedAt"));
        Thread.sleep(5);
        routes.update(FakeRequest.put(change).path("id", id).as(ALICE));
        Map<String, Object> updated = routes.get(FakeRequest.get().path("id", id));
        assertThat(updated).containsEntry("name", "Birds of prey").containsEntry("description", "Hawks")
                .containsEntry("tags", List.of("eagle", "hawk")).containsEntry("commentsEnabled", false)
                .containsEntry("privacy", Map.of("id", 1, "label", "Public"))
                .containsEntry("scheduledUpdate", Map.of("updateAt", "2030-01-01T00:00:00.000Z", "privacy", 2));
        assertThat(Instant.parse((String) updated.get("publishedAt"))).as("a private video made public is new")
                .isAfter(before);

        Map<String, Object> clear = new HashMap<>();
        clear.put("description", null);
        routes.update(FakeRequest.put(clear).path("id", id).as(MODERATOR));
        assertThat(routes.get(FakeRequest.get().path("id", id))).containsEntry("description", null)
                .containsEntry("name", "Birds of prey");

        assertThat(status(() -> routes.update(FakeRequest.put(Map.of("channelId", bobChannel)).path("id", id)
                .as(ALICE)))).as("another user's channel").isEqualTo(400);
        long birds = test.database.call(em -> actors.createLocalChannel(em, Actors.accountOfUser(em, 1).orElseThrow(),
                "birds", "Birds", null, null).id());
        routes.update(FakeRequest.put(Map.of("channelId", birds)).path("id", id).as(ALICE));
        assertThat(at(routes.get(FakeRequest.get().path("id", id)), "channel", "name").equals("birds")).isTrue();

        assertThat(status(() -> routes.remove(FakeRequest.delete().path("id", id)))).isEqualTo(401);
        assertThat(status(() -> routes.remove(FakeRequest.delete().path("id", id).as(BOB)))).isEqualTo(403);
        assertThat(store.files).hasSize(1);
        routes.remove(FakeRequest.delete().path("id", id).as(ALICE));
        assertThat(status(() -> routes.get(FakeRequest.get().path("id", id)))).isEqualTo(404);
        assertThat(store.files).as("the files leave the store").isEmpty();

        Videos.CreatedVideo other = publicVideo(BOB, bobChannel, "Cooking");
        routes.remove(FakeRequest.delete().path("id", String.valueOf(other.id())).as(MODERATOR));
        assertThat(status(() -> routes.remove(FakeRequest.delete().path("id", String.valueOf(other.id()))
                .as(MODERATOR)))).isEqualTo(404);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Backend.class)
    void usedSpaceCountsTheLargestFileOfEachVideo(TestDatabase.Backend backend) throws Exception {
        open(backend);
        assertThat(videos.bytesUsed(1, null)).isZero();
        Videos.CreatedVideo first = upload(ALICE, aliceChannel, Map.of("name", "first"), true, 1000);
        videos.addWebVideoFile(first.id(), new Videos.WebVideoFile(480, 854, 480, 400, 30, ".mp4", "k480"));
        videos.addWebVideoFile(first.id(), new Videos.WebVideoFile(1080, 1920, 1080, 3000, 30, ".mp4", "k1080"));
        Instant between = Actors.now();
        Thread.sleep(5);
        upload(ALICE, aliceChannel, Map.of("name", "second"), false, 500);
        upload(BOB, bobChannel, Map.of("name", "bob's"), false, 7);
        assertThat(videos.bytesUsed(1, null)).isEqualTo(3500);
        assertThat(videos.bytesUsed(1, between)).isEqualTo(500);
        assertThat(videos.bytesUsed(2, null)).isEqualTo(7);
        assertThat(status(() -> videos.createLocal(BOB.id(), new Videos.NewLocalVideo(aliceChannel,
                VideoFields.Metadata.defaults("x"), 1, null, new Videos.WebVideoFile(1, null, null, 1, 1, "mp4", "k"),
                false)))).as("another user's channel").isEqualTo(400);
        assertThat(routes.get(FakeRequest.get().path("id", String.valueOf(first.id())).as(ALICE)))
                .containsEntry("state", Map.of("id", 2, "label", "To transcode"));
    }
}
