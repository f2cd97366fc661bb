package org.bobine.catalog.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.bobine.web.api.ApiException;

/**
 * Comments in PeerTube's shapes: {@code VideoComment}, the tree of a thread ({@code VideoCommentThreadTree}) and
 * {@code VideoCommentForAdminOrUser}; and the check of a comment's text. The author's account and its actor must
 * be loaded. The text stays raw markdown, as PeerTube sends it; clients render it ({@link CommentMarkdown}).
 */
final class CommentJson {

    /** PeerTube's limits of a comment's text. */
    static final int MIN_TEXT = 1;
    static final int MAX_TEXT = 10000;

    /** The reply counts of a comment: only threads carry them, replies show zeros as in PeerTube. */
    record Counts(long totalReplies, long totalRepliesFromVideoAuthor) {
        static final Counts NONE = new Counts(0, 0);
    }

    private CommentJson() {
    }

    /** @return the text of a new comment, checked against PeerTube's limits */
    static String text(Object value) {
        if (!(value instanceof String text) || text.length() < MIN_TEXT || text.length() > MAX_TEXT) {
            throw ApiException.invalidParam("text", "Should have a valid comment text");
        }
        return text;
    }

    /** PeerTube's {@code VideoComment}. */
    static Map<String, Object> comment(VideoComment comment, Counts counts, String localHost) {
        Map<String, Object> json = new LinkedHashMap<>(16);
        json.put("id", comment.id());
        json.put("url", comment.url());
        json.put("text", comment.text());
        json.put("threadId", comment.threadId());
        json.put("inReplyToCommentId", comment.inReplyToCommentId());
        json.put("videoId", comment.video().id());
        json.put("createdAt", CatalogJson.date(comment.createdAt()));
        json.put("updatedAt", CatalogJson.date(comment.updatedAt()));
        json.put("deletedAt", CatalogJson.date(comment.deletedAt()));
        json.put("isDeleted", comment.isDeleted());
        json.put("heldForReview", comment.heldForReview());
        json.put("totalRepliesFromVideoAuthor", counts.totalRepliesFromVideoAuthor());
        json.put("totalReplies", counts.totalReplies());
        json.put("account", comment.account() == null ? null : CatalogJson.account(comment.account(), localHost));
        return json;
    }

    /** PeerTube's {@code VideoCommentForAdminOrUser}: the comment with its video, for moderation lists. */
    static Map<String, Object> forAdminOrUser(VideoComment comment, String localHost) {
        Map<String, Object> json = new LinkedHashMap<>(16);
        json.put("id", comment.id());
        json.put("url", comment.url());
        json.put("text", comment.text());
        json.put("threadId", comment.threadId());
        json.put("inReplyToCommentId", comment.inReplyToCommentId());
        json.put("createdAt", CatalogJson.date(comment.createdAt()));
        json.put("updatedAt", CatalogJson.date(comment.updatedAt()));
        json.put("heldForReview", comment.heldForReview());
        json.put("automaticTags", List.of());
        json.put("account", comment.account() == null ? null : CatalogJson.account(comment.account(), localHost));
        Map<String, Object> video = new LinkedHashMap<>(4);
        video.put("id", comment.video().id());
        video.put("uuid", comment.video().uuid().toString());
        video.put("name", comment.video().name());
        json.put("video", video);
        return json;
    }

    /**
     * The tree of a thread, {@code {comment, children: [{comment, children}]}}, children oldest first.
     *
     * @param root the thread's root
     * @param replies the replies of the thread that the caller may see, oldest first; a reply whose parent is not
     *        among them (nor the root) is left out with its own replies, as it cannot be placed
     * @param json how one comment is shown
     */
    static Map<String, Object> tree(VideoComment root, List<VideoComment> replies,
            Function<VideoComment, Map<String, Object>> json) {
        Map<Long, List<VideoComment>> byParent = new HashMap<>();
        for (VideoComment reply : replies) {
            byParent.computeIfAbsent(reply.inReplyToCommentId(), k -> new ArrayList<>()).add(reply);
        }
        return node(root, byParent, json);
    }

    private static Map<String, Object> node(VideoComment comment, Map<Long, List<VideoComment>> byParent,
            Function<VideoComment, Map<String, Object>> json) {
        List<Map<String, Object>> children = new ArrayList<>();
        for (VideoComment child : byParent.getOrDefault(comment.id(), List.of())) {
            children.add(node(child, byParent, json));
        }
        Map<String, Object> node = new LinkedHashMap<>(2);
        node.put("comment", json.apply(comment));
        node.put("children", children);
        return node;
    }
}
