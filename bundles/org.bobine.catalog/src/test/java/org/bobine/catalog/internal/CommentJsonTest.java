package org.bobine.catalog.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bobine.catalog.internal.CatalogTest.status;

import java.lang.reflect.Field;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** Comment text checks, the tree of a thread and the JSON shapes, without a database. */
class CommentJsonTest {

    static final Instant T = Instant.parse("2024-05-06T07:08:09.123Z");

    final Video video = video();
    final Account alice = account("alice", 1L);

    static Video video() {
        Instant now = T;
        Actor person = new Actor(Actor.PERSON, "owner", null, "https://videos.example.org/accounts/owner", now);
        Account owner = new Account(person, 9L, "Owner", now);
        Actor group = new Actor(Actor.GROUP, "owner_channel", null,
                "https://videos.example.org/video-channels/owner_channel", now);
        VideoChannel channel = new VideoChannel(group, owner, "Owner's", null, null, now);
        Video video = new Video(UUID.fromString("9c9de5e8-0a1e-484a-b099-e80766180a6d"), channel,
                "https://videos.example.org/videos/watch/9c9de5e8-0a1e-484a-b099-e80766180a6d",
                new VideoFields.Metadata("Birds", null, null, null, null, null, VideoConstants.PUBLIC, false, 1, true,
                        false, null, null, null, List.of(), List.of()), VideoConstants.PUBLISHED, 10, null, now);
        setId(video, 42L);
        return video;
    }

    static Account account(String name, Long id) {
        Actor actor = new Actor(Actor.PERSON, name, null, "https://videos.example.org/accounts/" + name, T);
        Account account = new Account(actor, id, name.toUpperCase(), T);
        setId(account, id);
        return account;
    }

    static void setId(Object entity, Long id) {
        try {
            Field field = entity.getClass().getDeclaredField("id");
            field.setAccessible(true);
            field.set(entity, id);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    VideoComment comment(long id, VideoComment parent, String text) {
        VideoComment comment = new VideoComment(video, alice, parent, text, true, null, false, T);
        setId(comment, id);
        comment.assignLocalUrl("https://videos.example.org");
        return comment;
    }

    @Test
    void textIsOneToTenThousandCharacters() {
        assertThat(CommentJson.text("a")).isEqualTo("a");
        assertThat(CommentJson.text("x".repeat(10000))).hasSize(10000);
        assertThat(status(() -> CommentJson.text(""))).isEqualTo(400);
        assertThat(status(() -> CommentJson.text("x".repeat(10001)))).isEqualTo(400);
        assertThat(status(() -> CommentJson.text(null))).isEqualTo(400);
        assertThat(status(() -> CommentJson.text(12))).isEqualTo(400);
    }

    @Test
    void videoCommentHasPeerTubesFields() {
        VideoComment root = comment(5, null, "Hello *there*");
        VideoComment reply = comment(6, root, "Hi");
        Map<String, Object> json = CommentJson.comment(root, new CommentJson.Counts(3, 1), "videos.example.org");
        assertThat(json.keySet()).containsExactly("id", "url", "text", "threadId", "inReplyToCommentId", "videoId",
                "createdAt", "updatedAt", "deletedAt", "isDeleted", "heldForReview", "totalRepliesFromVideoAuthor",
                "totalReplies", "account");
        assertThat(json).containsEntry("id", 5L)
                .containsEntry("url", "https://videos.example.org/videos/watch/" + video.uuid() + "/comments/5")
                .containsEntry("text", "Hello *there*").containsEntry("threadId", 5L)
                .containsEntry("inReplyToCommentId", null).containsEntry("videoId", 42L)
                .containsEntry("createdAt", "2024-05-06T07:08:09.123Z").containsEntry("deletedAt", null)
                .containsEntry("isDeleted", false).containsEntry("heldForReview", false)
                .containsEntry("totalRepliesFromVideoAuthor", 1L).containsEntry("totalReplies", 3L);
        assertThat(CatalogTest.<String>at(json, "account", "name")).isEqualTo("alice");
        assertThat(CatalogTest.<String>at(json, "account", "host")).isEqualTo("videos.example.org");

        Map<String, Object> replyJson = CommentJson.comment(reply, CommentJson.Counts.NONE, "videos.example.org");
        assertThat(replyJson).containsEntry("threadId", 5L).containsEntry("inReplyToCommentId", 5L)
                .containsEntry("totalReplies", 0L);
    }

    @Test
    void aDeletedCommentIsATombstone() {
        VideoComment root = comment(5, null, "Gone soon");
        root.markDeleted(T.plusSeconds(60));
        Map<String, Object> json = CommentJson.comment(root, CommentJson.Counts.NONE, "videos.example.org");
        assertThat(json).containsEntry("text", "").containsEntry("isDeleted", true)
                .containsEntry("deletedAt", "2024-05-06T07:09:09.123Z").containsEntry("account", null)
                .containsEntry("updatedAt", "2024-05-06T07:09:09.123Z");
    }

    @Test
    void forAdminOrUserNamesTheVideo() {
        Map<String, Object> json = CommentJson.forAdminOrUser(comment(5, null, "x"), "videos.example.org");
        assertThat(json.keySet()).containsExactly("id", "url", "text", "threadId", "inReplyToCommentId",
                "createdAt", "updatedAt", "heldForReview", "automaticTags", "account", "video");
        Map<String, Object> videoJson = CatalogTest.at(json, "video");
        assertThat(videoJson.keySet()).containsExactly("id", "uuid", "name");
        assertThat(videoJson).containsEntry("id", 42L).containsEntry("uuid", video.uuid().toString())
                .containsEntry("name", "Birds");
        assertThat(json).containsEntry("automaticTags", List.of());
    }

    @Test
    void treeNestsRepliesUnderWhatTheyAnswerOldestFirst() {
        VideoComment root = comment(1, null, "root");
        VideoComment a = comment(2, root, "a");
        VideoComment b = comment(3, root, "b");
        VideoComment a1 = comment(4, a, "a1");
        VideoComment a1x = comment(5, a1, "a1x");
        VideoComment orphan = comment(7, comment(6, root, "hidden"), "orphan");
        Map<String, Object> tree = CommentJson.tree(root, List.of(a, b, a1, a1x, orphan),
                c -> Map.of("id", c.id()));
        assertThat(tree).isEqualTo(Map.of("comment", Map.of("id", 1L), "children", List.of(
                Map.of("comment", Map.of("id", 2L), "children", List.of(
                        Map.of("comment", Map.of("id", 4L), "children", List.of(
                                Map.of("comment", Map.of("id", 5L), "children", List.of()))))),
                Map.of("comment", Map.of("id", 3L), "children", List.of()))));
        assertThat(CommentJson.tree(root, List.of(), c -> Map.of("id", c.id())))
                .isEqualTo(Map.of("comment", Map.of("id", 1L), "children", List.of()));
    }
}
