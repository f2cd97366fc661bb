package org.bobine.catalog.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bobine.catalog.internal.CatalogTest.ALICE;
import static org.bobine.catalog.internal.CatalogTest.BOB;
import static org.bobine.catalog.internal.CatalogTest.MODERATOR;
import static org.bobine.catalog.internal.CatalogTest.at;
import static org.bobine.catalog.internal.CatalogTest.status;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.bobine.storage.testing.MemoryFileStore;
import org.bobine.web.api.ApiException;
import org.bobine.web.api.ApiUser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Comments on a real database (H2, and PostgreSQL when one is given): threads, replies and their tree, counts,
 * sorts and pages, tombstones, the comments policies and who may do what (anonymous, author, video owner, another
 * user, moderator, administrator).
 */
class VideoCommentTest {

    static final ApiUser CAROL = new ApiUser(4, "carol", ApiUser.USER);
    static final ApiUser ADMIN = new ApiUser(5, "root", ApiUser.ADMINISTRATOR);

    @TempDir
    Path dataDir;

    TestDatabase test;
    Videos videos;
    VideoRoutes videoRoutes;
    CommentRoutes routes;

    /** Alice's public video. */
    String video;

    void open(TestDatabase.Backend backend) throws Exception {
        test = TestDatabase.open(backend, dataDir);
        Actors actors = new Actors(test.database, new FakeAddress());
        UserProfiles profiles = new UserProfiles(actors);
        MemoryFileStore store = new MemoryFileStore();
        videos = new Videos(actors, new FakeAddress(), store);
        videoRoutes = new VideoRoutes(videos);
        routes = new CommentRoutes(videos);
        for (ApiUser user : List.of(ALICE, BOB, MODERATOR, CAROL, ADMIN)) {
            test.database.run(em -> profiles.created(em, CatalogTest.user(user.id(), user.username())));
        }
        video = upload(ALICE, Map.of("name", "Birds", "privacy", 1));
    }

    @AfterEach
    void close() {
        if (test != null) {
            test.close();
        }
    }

    String upload(ApiUser user, Map<String, ?> fields) throws Exception {
        long channel = test.database.read(em -> Actors.channelsOf(em,
                Actors.accountOfUser(em, user.id()).orElseThrow().id()).get(0).id());
        String key = UUID.randomUUID() + ".mp4";
        new MemoryFileStore().put(Videos.WEB_VIDEOS, key, new ByteArrayInputStream(new byte[] {1}));
        return videos.createLocal(user.id(), new Videos.NewLocalVideo(channel, VideoFields.forCreation(fields), 60,
                null, new Videos.WebVideoFile(720, 1280, 720, 100, 30, "mp4", key), false)).uuid().toString();
    }

    Map<String, Object> thread(ApiUser user, String videoId, String text) {
        return at(routes.createThread(FakeRequest.post(Map.of("text", text)).path("id", videoId).as(user)),
                "comment");
    }

    Map<String, Object> reply(ApiUser user, Object commentId, String text) {
        return at(routes.reply(FakeRequest.post(Map.of("text", text)).path("id", video)
                .path("commentId", String.valueOf(commentId)).as(user)), "comment");
    }

    Map<String, Object> threads(ApiUser user, String... query) {
        FakeRequest request = FakeRequest.get().path("id", video);
        for (int i = 0; i < query.length; i += 2) {
            request.query(query[i], query[i + 1]);
        }
        return routes.threads(user == null ? request : request.as(user));
    }

    List<Object> texts(Map<String, Object> page) {
        return CatalogTest.<List<Map<String, Object>>>at(page, "data").stream().map(c -> c.get("text")).toList();
    }

    Map<String, Object> tree(ApiUser user, Object threadId) {
        FakeRequest request = FakeRequest.get().path("id", video).path("threadId", String.valueOf(threadId));
        return routes.thread(user == null ? request : request.as(user));
    }

    /** The status of a deletion: 204 when the handler returns nothing. */
    int remove(ApiUser user, Object commentId) {
        return noContent(() -> routes.remove(FakeRequest.delete().path("id", video)
                .path("commentId", String.valueOf(commentId)).as(user)));
    }

    int approve(ApiUser user, Object commentId) {
        return noContent(() -> routes.approve(FakeRequest.post(Map.of()).path("id", video)
                .path("commentId", String.valueOf(commentId)).as(user)));
    }

    static int noContent(Runnable call) {
        int status = status(call);
        return status == 200 ? 204 : status;
    }

    void setPolicy(int policy) {
        videoRoutes.update(FakeRequest.put(Map.of("commentsPolicy", policy)).path("id", video).as(ALICE));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Backend.class)
    void threadsRepliesTreeAndCounts(TestDatabase.Backend backend) throws Exception {
        open(backend);
        Map<String, Object> first = thread(BOB, video, "First!");
        assertThat(first).containsEntry("text", "First!").containsEntry("inReplyToCommentId", null)
                .containsEntry("threadId", first.get("id")).containsEntry("heldForReview", false)
                .containsEntry("isDeleted", false);
        assertThat((String) first.get("url")).isEqualTo("https://videos.example.org/videos/watch/" + video
                + "/comments/" + first.get("id"));
        assertThat(CatalogTest.<String>at(first, "account", "name")).isEqualTo("bob");
        Map<String, Object> second = thread(CAROL, video, "Second");
        Map<String, Object> r1 = reply(ALICE, first.get("id"), "Thanks (author)");
        Map<String, Object> r2 = reply(CAROL, r1.get("id"), "Nested");
        reply(ALICE, r2.get("id"), "Deeper, by the author");
        assertThat(r2).containsEntry("threadId", first.get("id")).containsEntry("inReplyToCommentId", r1.get("id"));

        Map<String, Object> page = threads(null);
        assertThat(page.keySet()).containsExactly("total", "totalNotDeletedComments", "data");
        assertThat(page).containsEntry("total", 2L).containsEntry("totalNotDeletedComments", 5L);
        assertThat(texts(page)).containsExactly("Second", "First!");
        Map<String, Object> firstListed = CatalogTest.<List<Map<String, Object>>>at(page, "data").get(1);
        assertThat(firstListed).containsEntry("totalReplies", 3L).containsEntry("totalRepliesFromVideoAuthor", 2L);
        assertThat(texts(threads(null, "sort", "-totalReplies"))).containsExactly("First!", "Second");
        assertThat(texts(threads(null, "sort", "createdAt"))).containsExactly("First!", "Second");
        assertThat(texts(threads(null, "count", "1", "start", "1"))).containsExactly("First!");
        assertThat(threads(null, "count", "1")).containsEntry("total", 2L);
        assertThat(status(() -> threads(null, "sort", "name"))).isEqualTo(400);

        Map<String, Object> tree = tree(null, first.get("id"));
        assertThat(CatalogTest.<Object>at(tree, "comment", "text")).isEqualTo("First!");
        assertThat(CatalogTest.<Object>at(tree, "comment", "totalReplies")).isEqualTo(3L);
        List<Map<String, Object>> children = at(tree, "children");
        assertThat(children).singleElement().satisfies(c -> {
            assertThat(CatalogTest.<Object>at(c, "comment", "text")).isEqualTo("Thanks (author)");
            List<Map<String, Object>> nested = at(c, "children");
            assertThat(CatalogTest.<Object>at(nested.get(0), "comment", "text")).isEqualTo("Nested");
            assertThat(CatalogTest.<List<?>>at(nested.get(0), "children")).hasSize(1);
        });
        assertThat(status(() -> tree(null, r1.get("id")))).isEqualTo(400);
        assertThat(status(() -> tree(null, 999999))).isEqualTo(404);
        assertThat(CatalogTest.<List<?>>at(tree(null, second.get("id")), "children")).isEmpty();

        // The short UUID and the number name the same video.
        String shortUuid = ShortUuid.encode(UUID.fromString(video));
        assertThat(routes.threads(FakeRequest.get().path("id", shortUuid))).containsEntry("total", 2L);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Backend.class)
    void validationAndVisibility(TestDatabase.Backend backend) throws Exception {
        open(backend);
        assertThat(status(() -> thread(BOB, video, ""))).isEqualTo(400);
        assertThat(status(() -> thread(BOB, video, "x".repeat(10001)))).isEqualTo(400);
        assertThat(thread(BOB, video, "x".repeat(10000))).containsKey("id");
        assertThat(status(() -> routes.createThread(FakeRequest.post(Map.of("text", "hi")).path("id", video))))
                .isEqualTo(401);
        assertThat(status(() -> thread(BOB, "999999", "hi"))).isEqualTo(404);

        String privateVideo = upload(ALICE, Map.of("name", "Secret", "privacy", 3));
        assertThat(status(() -> thread(BOB, privateVideo, "hi"))).isEqualTo(403);
        assertThat(status(() -> routes.threads(FakeRequest.get().path("id", privateVideo)))).isEqualTo(401);
        assertThat(thread(ALICE, privateVideo, "note to self")).containsKey("id");
        assertThat(thread(MODERATOR, privateVideo, "seen")).containsKey("id");

        String other = upload(BOB, Map.of("name", "Other", "privacy", 1));
        Object onOther = thread(ALICE, other, "elsewhere").get("id");
        int replyElsewhere = status(() -> reply(BOB, onOther, "wrong video"));
        assertThat(replyElsewhere).isEqualTo(400);
        try {
            reply(BOB, onOther, "wrong video");
        } catch (ApiException e) {
            assertThat(e.code()).isEqualTo("comment_not_associated_to_video");
        }
        assertThat(status(() -> reply(BOB, 999999, "nothing"))).isEqualTo(404);
        assertThat(status(() -> reply(BOB, "abc", "nothing"))).isEqualTo(400);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Backend.class)
    void deletionRightsAndTombstones(TestDatabase.Backend backend) throws Exception {
        open(backend);
        Object root = thread(BOB, video, "Root by Bob").get("id");
        Object carolReply = reply(CAROL, root, "Carol answers").get("id");
        Object bobReply = reply(BOB, carolReply, "Bob again").get("id");
        Object lonely = thread(CAROL, video, "Lonely").get("id");

        assertThat(status(() -> routes.remove(FakeRequest.delete().path("id", video)
                .path("commentId", String.valueOf(root))))).isEqualTo(401);
        assertThat(remove(CAROL, root)).as("another user").isEqualTo(403);
        assertThat(remove(BOB, root)).as("the author").isEqualTo(204);
        assertThat(remove(BOB, root)).as("already deleted").isEqualTo(409);
        assertThat(remove(ALICE, carolReply)).as("the video's owner").isEqualTo(204);
        assertThat(remove(MODERATOR, bobReply)).as("a moderator").isEqualTo(204);
        assertThat(remove(ADMIN, lonely)).as("an administrator").isEqualTo(204);

        // The deleted root stays as a tombstone while it has replies... which are deleted too now: only threads
        // with replies left are listed.
        Map<String, Object> page = threads(null);
        assertThat(page).containsEntry("total", 0L).containsEntry("totalNotDeletedComments", 0L);

        Object root2 = thread(BOB, video, "Root 2").get("id");
        reply(CAROL, root2, "Still here");
        assertThat(remove(BOB, root2)).isEqualTo(204);
        page = threads(null);
        assertThat(page).containsEntry("total", 1L).containsEntry("totalNotDeletedComments", 1L);
        Map<String, Object> tombstone = CatalogTest.<List<Map<String, Object>>>at(page, "data").get(0);
        assertThat(tombstone).containsEntry("isDeleted", true).containsEntry("text", "")
                .containsEntry("account", null).containsEntry("totalReplies", 1L);
        assertThat(tombstone.get("deletedAt")).isNotNull();
        Map<String, Object> tree = tree(null, root2);
        assertThat(CatalogTest.<Object>at(tree, "comment", "isDeleted")).isEqualTo(true);
        assertThat(CatalogTest.<List<?>>at(tree, "children")).hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Backend.class)
    void policies(TestDatabase.Backend backend) throws Exception {
        open(backend);
        thread(BOB, video, "Before");
        setPolicy(VideoConstants.COMMENTS_DISABLED);
        assertThat(status(() -> thread(BOB, video, "Now?"))).isEqualTo(409);
        assertThat(status(() -> thread(ALICE, video, "Even the owner?"))).isEqualTo(409);
        assertThat(threads(null)).containsEntry("total", 0L).containsEntry("totalNotDeletedComments", 0L)
                .containsEntry("data", List.of());

        setPolicy(VideoConstants.COMMENTS_REQUIRE_APPROVAL);
        Map<String, Object> held = thread(BOB, video, "Please approve");
        assertThat(held).containsEntry("heldForReview", true);
        Map<String, Object> owners = thread(ALICE, video, "Owner's own");
        assertThat(owners).containsEntry("heldForReview", false);
        Object heldReply = reply(CAROL, owners.get("id"), "Held reply").get("id");

        assertThat(texts(threads(null))).containsExactly("Owner's own", "Before");
        assertThat(texts(threads(CAROL))).containsExactly("Owner's own", "Before");
        assertThat(texts(threads(BOB))).containsExactly("Owner's own", "Please approve", "Before");
        assertThat(texts(threads(ALICE))).containsExactly("Owner's own", "Please approve", "Before");
        assertThat(texts(threads(MODERATOR))).containsExactly("Owner's own", "Please approve", "Before");
        assertThat(CatalogTest.<List<Map<String, Object>>>at(threads(null), "data").get(0))
                .containsEntry("totalReplies", 0L);
        assertThat(CatalogTest.<List<Map<String, Object>>>at(threads(CAROL), "data").get(0))
                .containsEntry("totalReplies", 1L);
        assertThat(status(() -> tree(null, held.get("id")))).isEqualTo(404);
        assertThat(status(() -> tree(CAROL, held.get("id")))).isEqualTo(404);
        assertThat(CatalogTest.<Object>at(tree(BOB, held.get("id")), "comment", "text")).isEqualTo("Please approve");
        assertThat(CatalogTest.<List<?>>at(tree(null, owners.get("id")), "children")).isEmpty();
        assertThat(CatalogTest.<List<?>>at(tree(ALICE, owners.get("id")), "children")).hasSize(1);

        assertThat(approve(BOB, held.get("id"))).as("the author").isEqualTo(403);
        assertThat(approve(CAROL, held.get("id"))).as("another user").isEqualTo(403);
        assertThat(approve(ALICE, held.get("id"))).as("the video's owner").isEqualTo(204);
        assertThat(approve(ALICE, held.get("id"))).as("not held any more").isEqualTo(400);
        assertThat(approve(MODERATOR, heldReply)).as("a moderator").isEqualTo(204);
        assertThat(texts(threads(null))).containsExactly("Owner's own", "Please approve", "Before");
        assertThat(CatalogTest.<List<?>>at(tree(null, owners.get("id")), "children")).hasSize(1);
        Object deleted = thread(BOB, video, "Held then deleted").get("id");
        assertThat(remove(BOB, deleted)).isEqualTo(204);
        assertThat(approve(ALICE, deleted)).isEqualTo(409);

        setPolicy(VideoConstants.COMMENTS_ENABLED);
        assertThat(thread(CAROL, video, "Open again")).containsEntry("heldForReview", false);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Backend.class)
    void moderationLists(TestDatabase.Backend backend) throws Exception {
        open(backend);
        String bobsVideo = upload(BOB, Map.of("name", "Bob's cats", "privacy", 1));
        Object a = thread(CAROL, video, "Nice birds").get("id");
        thread(ALICE, bobsVideo, "Nice cats");
        Object gone = thread(CAROL, bobsVideo, "Deleted later").get("id");
        routes.remove(FakeRequest.delete().path("id", bobsVideo).path("commentId", String.valueOf(gone)).as(CAROL));
        setPolicy(VideoConstants.COMMENTS_REQUIRE_APPROVAL);
        thread(BOB, video, "Held on birds");

        assertThat(status(() -> routes.listForModerators(FakeRequest.get()))).isEqualTo(401);
        assertThat(status(() -> routes.listForModerators(FakeRequest.get().as(BOB)))).isEqualTo(403);
        var all = routes.listForModerators(FakeRequest.get().as(MODERATOR));
        assertThat(all.total()).isEqualTo(3L);
        assertThat(all.data()).extracting(c -> c.get("text")).containsExactly("Held on birds", "Nice cats",
                "Nice birds");
        assertThat(all.data().get(2)).containsEntry("id", a);
        assertThat(CatalogTest.<Object>at(all.data().get(2), "video", "name")).isEqualTo("Birds");
        assertThat(routes.listForModerators(FakeRequest.get().as(ADMIN).query("search", "CATS")).data())
                .extracting(c -> c.get("text")).containsExactly("Nice cats");
        assertThat(routes.listForModerators(FakeRequest.get().as(ADMIN).query("searchAccount", "caro")).data())
                .extracting(c -> c.get("text")).containsExactly("Nice birds");
        assertThat(routes.listForModerators(FakeRequest.get().as(ADMIN).query("searchVideo", "bird")).total())
                .isEqualTo(2L);
        assertThat(routes.listForModerators(FakeRequest.get().as(ADMIN).query("videoId", bobsVideo)).total())
                .isEqualTo(1L);
        assertThat(routes.listForModerators(FakeRequest.get().as(ADMIN).query("isLocal", "true")).total())
                .isEqualTo(3L);
        assertThat(routes.listForModerators(FakeRequest.get().as(ADMIN).query("onLocalVideo", "false")).total())
                .isEqualTo(0L);
        assertThat(routes.listForModerators(FakeRequest.get().as(ADMIN).query("sort", "createdAt")
                .query("count", "1").query("start", "1")).data()).extracting(c -> c.get("text"))
                .containsExactly("Nice cats");
        assertThat(routes.listForModerators(FakeRequest.get().as(ADMIN).query("count", "1")).total())
                .isEqualTo(3L);

        var mine = routes.listOnMyVideos(FakeRequest.get().as(ALICE));
        assertThat(mine.data()).extracting(c -> c.get("text")).containsExactly("Held on birds", "Nice birds");
        assertThat(routes.listOnMyVideos(FakeRequest.get().as(ALICE).query("isHeldForReview", "true")).data())
                .extracting(c -> c.get("heldForReview")).containsExactly(true);
        assertThat(routes.listOnMyVideos(FakeRequest.get().as(BOB)).data()).extracting(c -> c.get("text"))
                .containsExactly("Nice cats");
        assertThat(status(() -> routes.listOnMyVideos(FakeRequest.get()))).isEqualTo(401);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Backend.class)
    void removingAVideoRemovesItsComments(TestDatabase.Backend backend) throws Exception {
        open(backend);
        Object root = thread(BOB, video, "Soon gone").get("id");
        reply(CAROL, root, "Me too");
        videoRoutes.remove(FakeRequest.delete().path("id", video).as(ALICE));
        long left = test.database.read(em -> em.createQuery("select count(c) from VideoComment c", Long.class)
                .getSingleResult());
        assertThat(left).isZero();
    }
}
