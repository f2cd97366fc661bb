package org.bobine.catalog.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bobine.catalog.internal.CatalogTest.ALICE;
import static org.bobine.catalog.internal.CatalogTest.BOB;
import static org.bobine.catalog.internal.CatalogTest.status;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.bobine.storage.testing.MemoryFileStore;
import org.bobine.web.api.ApiUser;
import org.bobine.web.api.Page;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Ratings and views on a real database (H2, and PostgreSQL when one is given): rating transitions and their
 * counters, rights, exact counters under concurrent ratings, views written by several nodes, and the trending order.
 */
class RatingsAndViewsTest {

    @TempDir
    Path dataDir;

    TestDatabase test;
    Actors actors;
    UserProfiles profiles;
    Videos videos;
    VideoRoutes videoRoutes;
    RatingRoutes ratings;
    MemoryFileStore store;
    long aliceChannel;

    void open(TestDatabase.Backend backend) throws Exception {
        test = TestDatabase.open(backend, dataDir);
        actors = new Actors(test.database, new FakeAddress());
        profiles = new UserProfiles(actors);
        store = new MemoryFileStore();
        videos = new Videos(actors, new FakeAddress(), store);
        videoRoutes = new VideoRoutes(videos);
        ratings = new RatingRoutes(videos);
        aliceChannel = createUser(1, "alice");
        createUser(2, "bob");
    }

    @AfterEach
    void close() {
        if (test != null) {
            test.close();
        }
    }

    long createUser(long id, String name) {
        test.database.run(em -> profiles.created(em, CatalogTest.user(id, name)));
        return test.database.read(em -> Actors.channelsOf(em, Actors.accountOfUser(em, id).orElseThrow().id())
                .get(0).id());
    }

    Videos.CreatedVideo video(String name, int privacy, int duration) throws Exception {
        String key = UUID.randomUUID() + ".mp4";
        store.put(Videos.WEB_VIDEOS, key, new ByteArrayInputStream(new byte[] {1}));
        return videos.createLocal(ALICE.id(), new Videos.NewLocalVideo(aliceChannel, VideoFields.forCreation(
                Map.of("name", name, "privacy", privacy)), duration, null,
                new Videos.WebVideoFile(720, 1280, 720, 1, 30, "mp4", key), false));
    }

    Object rate(ApiUser user, Videos.CreatedVideo video, String rating) {
        return ratings.rate(FakeRequest.put(Map.of("rating", rating)).path("id", video.shortUuid()).as(user));
    }

    Map<String, Object> videoJson(Videos.CreatedVideo video) {
        return videoRoutes.get(FakeRequest.get().path("id", video.uuid().toString()).as(ALICE));
    }

    String myRating(ApiUser user, Videos.CreatedVideo video) {
        Map<String, Object> json = ratings.myRating(FakeRequest.get().path("videoId", String.valueOf(video.id()))
                .as(user));
        assertThat(json).containsEntry("videoId", video.id());
        return (String) json.get("rating");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Backend.class)
    void ratingsMoveTheCounters(TestDatabase.Backend backend) throws Exception {
        open(backend);
        Videos.CreatedVideo birds = video("Birds", VideoConstants.PUBLIC, 60);
        Videos.CreatedVideo fish = video("Fish", VideoConstants.PUBLIC, 60);

        assertThat(myRating(BOB, birds)).isEqualTo("none");
        rate(BOB, birds, "like");
        assertThat(videoJson(birds)).containsEntry("likes", 1).containsEntry("dislikes", 0);
        assertThat(myRating(BOB, birds)).isEqualTo("like");
        rate(BOB, birds, "like");
        assertThat(videoJson(birds)).as("the same rating again").containsEntry("likes", 1);
        rate(ALICE, birds, "like");
        rate(BOB, birds, "dislike");
        assertThat(videoJson(birds)).containsEntry("likes", 1).containsEntry("dislikes", 1);
        assertThat(myRating(BOB, birds)).isEqualTo("dislike");
        rate(BOB, fish, "like");

        Page<Map<String, Object>> all = ratings.accountRatings(FakeRequest.get().path("name", "bob").as(BOB));
        assertThat(all.total()).isEqualTo(2);
        assertThat(all.data()).extracting(r -> r.get("rating")).containsExactlyInAnyOrder("like", "dislike");
        Page<Map<String, Object>> likes = ratings.accountRatings(FakeRequest.get().path("name", "bob")
                .query("rating", "like").as(BOB));
        assertThat(likes.total()).isEqualTo(1);
        assertThat(CatalogTest.<String>at(likes.data().get(0), "video", "name")).isEqualTo("Fish");

        rate(BOB, birds, "none");
        assertThat(videoJson(birds)).containsEntry("likes", 1).containsEntry("dislikes", 0);
        assertThat(myRating(BOB, birds)).isEqualTo("none");
        rate(BOB, birds, "none");
        assertThat(videoJson(birds)).containsEntry("likes", 1).containsEntry("dislikes", 0);

        // Removing a video removes its ratings.
        videoRoutes.remove(FakeRequest.delete().path("id", String.valueOf(fish.id())).as(ALICE));
        assertThat(ratings.accountRatings(FakeRequest.get().path("name", "bob").as(BOB)).total()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Backend.class)
    void removingAUserWithdrawsTheirRatings(TestDatabase.Backend backend) throws Exception {
        open(backend);
        Videos.CreatedVideo birds = video("Birds", VideoConstants.PUBLIC, 60);
        Videos.CreatedVideo fish = video("Fish", VideoConstants.PUBLIC, 60);
        createUser(3, "carol");
        ApiUser carol = new ApiUser(3, "carol", ApiUser.USER);
        rate(BOB, birds, "like");
        rate(carol, birds, "like");
        rate(BOB, fish, "dislike");
        rate(carol, fish, "dislike");
        rate(ALICE, fish, "like");

        test.database.run(em -> profiles.deleting(em, BOB.id()));
        videos.responses().forget(birds.id());
        videos.responses().forget(fish.id());

        assertThat(videoJson(birds)).containsEntry("likes", 1).containsEntry("dislikes", 0);
        assertThat(videoJson(fish)).containsEntry("likes", 1).containsEntry("dislikes", 1);
        assertThat(myRating(carol, birds)).isEqualTo("like");
        long left = test.database.read(em -> em.createQuery("select count(r) from VideoRating r", Long.class)
                .getSingleResult());
        assertThat(left).isEqualTo(3);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Backend.class)
    void onlyUsersRateTheVideosTheySee(TestDatabase.Backend backend) throws Exception {
        open(backend);
        Videos.CreatedVideo birds = video("Birds", VideoConstants.PUBLIC, 60);
        Videos.CreatedVideo secret = video("Secret", VideoConstants.PRIVATE, 60);

        assertThat(status(() -> ratings.rate(FakeRequest.put(Map.of("rating", "like"))
                .path("id", birds.shortUuid())))).as("anonymous").isEqualTo(401);
        assertThat(status(() -> rate(BOB, birds, "love"))).isEqualTo(400);
        assertThat(status(() -> ratings.rate(FakeRequest.put(Map.of()).path("id", birds.shortUuid()).as(BOB))))
                .isEqualTo(400);
        assertThat(status(() -> rate(BOB, secret, "like"))).as("another's private video").isEqualTo(403);
        assertThat(status(() -> rate(ALICE, secret, "like"))).as("one's own").isEqualTo(200);
        assertThat(status(() -> ratings.rate(FakeRequest.put(Map.of("rating", "like")).path("id", "999999")
                .as(BOB)))).isEqualTo(404);

        assertThat(status(() -> ratings.myRating(FakeRequest.get().path("videoId", "1")))).isEqualTo(401);
        assertThat(status(() -> ratings.accountRatings(FakeRequest.get().path("name", "alice").as(BOB))))
                .as("another's ratings").isEqualTo(403);
        assertThat(status(() -> ratings.accountRatings(FakeRequest.get().path("name", "alice")))).isEqualTo(401);
        assertThat(status(() -> ratings.accountRatings(FakeRequest.get().path("name", "nobody").as(BOB))))
                .isEqualTo(404);
        assertThat(status(() -> ratings.accountRatings(FakeRequest.get().path("name", "bob").query("rating", "none")
                .as(BOB)))).isEqualTo(400);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Backend.class)
    void concurrentRatingsKeepExactCounters(TestDatabase.Backend backend) throws Exception {
        open(backend);
        Videos.CreatedVideo birds = video("Birds", VideoConstants.PUBLIC, 60);
        List<ApiUser> users = new ArrayList<>();
        for (int i = 10; i < 18; i++) {
            createUser(i, "user" + i);
            users.add(new ApiUser(i, "user" + i, ApiUser.USER));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                ApiUser user = users.get(t % users.size()); // two threads per account
                Random random = new Random(t);
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 20; i++) {
                        rate(user, birds, List.of("like", "dislike", "none").get(random.nextInt(3)));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        long likes = users.stream().filter(u -> myRating(u, birds).equals("like")).count();
        long dislikes = users.stream().filter(u -> myRating(u, birds).equals("dislike")).count();
        assertThat(videoJson(birds)).containsEntry("likes", (int) likes).containsEntry("dislikes", (int) dislikes);
    }

    /** A clock that tests move. */
    static final class TestClock extends Clock {
        volatile Instant now = Instant.parse("2026-03-01T12:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    static void watch(VideoViews node, Videos.CreatedVideo video, Map<String, Object> body) {
        node.view(FakeRequest.post(body).path("id", video.uuid().toString()));
    }

    long dailyViews(long videoId, LocalDate day) {
        return test.database.read(em -> ((Number) em.createNativeQuery("select coalesce(sum(views), 0) from "
                + "catalog_video_views_daily where video_id = :id and view_date = :day").setParameter("id", videoId)
                .setParameter("day", day).getSingleResult()).longValue());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Backend.class)
    void viewsOfSeveralNodesAddUp(TestDatabase.Backend backend) throws Exception {
        open(backend);
        Videos.CreatedVideo birds = video("Birds", VideoConstants.PUBLIC, 60);
        Videos.CreatedVideo clip = video("Clip", VideoConstants.PUBLIC, 4);
        TestClock clock = new TestClock();
        VideoViews first = new VideoViews(test.database, new ViewCounter(10, 3_600_000, 1000), clock, false,
                videos.responses()::forget);
        VideoViews second = new VideoViews(test.database, new ViewCounter(10, 3_600_000, 1000), clock, false,
                videos.responses()::forget);

        assertThat(status(() -> watch(first, birds, Map.of()))).isEqualTo(400);
        assertThat(status(() -> watch(first, birds, Map.of("currentTime", -1)))).isEqualTo(400);
        assertThat(status(() -> watch(first, birds, Map.of("currentTime", 61)))).as("past the end").isEqualTo(400);
        assertThat(status(() -> watch(first, birds, Map.of("currentTime", 1, "viewEvent", "play")))).isEqualTo(400);
        assertThat(status(() -> watch(first, birds, Map.of("currentTime", 1, "sessionId", "a b")))).isEqualTo(400);
        assertThat(status(() -> first.view(FakeRequest.post(Map.of("currentTime", 1)).path("id", "999999"))))
                .isEqualTo(404);

        // FakeRequest comes from one address: sessions tell viewers apart.
        for (String session : List.of("s1", "s2", "s3")) {
            watch(first, birds, Map.of("currentTime", 0, "sessionId", session));
            watch(first, birds, Map.of("currentTime", 12, "sessionId", session));
        }
        watch(second, birds, Map.of("currentTime", 0, "sessionId", "s1"));
        watch(second, birds, Map.of("currentTime", 12, "sessionId", "s1"));
        watch(second, clip, Map.of("currentTime", 0));
        watch(second, clip, Map.of("currentTime", 3));
        watch(first, birds, Map.of("currentTime", 40, "sessionId", "s1")); // counted already this hour

        assertThat(videoJson(birds)).as("nothing is written before a flush").containsEntry("views", 0L);
        first.flush();
        second.flush();
        LocalDate today = LocalDate.of(2026, 3, 1);
        assertThat(videoJson(birds)).containsEntry("views", 4L);
        assertThat(videoJson(clip)).containsEntry("views", 1L);
        assertThat(dailyViews(birds.id(), today)).isEqualTo(4);

        clock.now = clock.now.plusSeconds(86_400);
        watch(first, birds, Map.of("currentTime", 0, "sessionId", "s9"));
        watch(first, birds, Map.of("currentTime", 10, "sessionId", "s9"));
        first.deactivate();
        assertThat(videoJson(birds)).as("written at a clean stop").containsEntry("views", 5L);
        assertThat(dailyViews(birds.id(), today.plusDays(1))).isEqualTo(1);
        assertThat(dailyViews(birds.id(), today)).isEqualTo(4);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Backend.class)
    void trendingCountsTheViewsOfTheLastDays(TestDatabase.Backend backend) throws Exception {
        open(backend);
        Videos.CreatedVideo old = video("Old", VideoConstants.PUBLIC, 60);
        Videos.CreatedVideo fresh = video("Fresh", VideoConstants.PUBLIC, 60);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        test.database.run(em -> {
            for (Object[] row : List.of(new Object[] {old.id(), today.minusDays(10), 100},
                    new Object[] {fresh.id(), today, 3}, new Object[] {fresh.id(), today.minusDays(6), 2},
                    new Object[] {old.id(), today.minusDays(7), 4})) {
                em.createNativeQuery("insert into catalog_video_views_daily (video_id, view_date, views) "
                        + "values (:id, :day, :views)").setParameter("id", row[0]).setParameter("day", row[1])
                        .setParameter("views", row[2]).executeUpdate();
            }
        });
        assertThat(trending(7)).containsExactly("Fresh", "Old");
        assertThat(trending(8)).containsExactly("Fresh", "Old");
        assertThat(trending(11)).containsExactly("Old", "Fresh");
        assertThat(videoRoutes.list(FakeRequest.get().query("sort", "-trending")).data())
                .extracting(v -> v.get("name")).containsExactly("Fresh", "Old");
    }

    List<Object> trending(int days) {
        VideoList list = VideoList.of(FakeRequest.get().query("sort", "-trending"), VideoList.Scope.ALL)
                .trendingDays(days);
        return test.database.read(em -> list.page(em, null, videos.baseUrl(), actors.localHost())).data().stream()
                .map(v -> v.get("name")).toList();
    }
}
