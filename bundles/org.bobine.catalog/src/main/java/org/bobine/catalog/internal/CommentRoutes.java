package org.bobine.catalog.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.persistence.TypedQuery;

import org.bobine.api.hook.AcceptResult;
import org.bobine.api.hook.HookNames;
import org.bobine.api.hook.Hooks;
import org.bobine.persistence.api.TransactionService;
import org.bobine.web.api.ApiException;
import org.bobine.web.api.ApiRequest;
import org.bobine.web.api.ApiRoutes;
import org.bobine.web.api.ApiUser;
import org.bobine.web.api.Page;
import org.bobine.web.api.Pagination;
import org.bobine.web.api.Router;
import org.bobine.web.api.UserRight;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * Comments on videos, as PeerTube serves them: the threads of a video and the tree of one thread, new threads and
 * replies, deletion (a tombstone keeps the thread), approval of comments held for review, and the lists of
 * moderators ({@code /videos/comments}) and of video owners ({@code /users/me/videos/comments}).
 *
 * <p>A video's comments policy decides: disabled, nothing is listed and posting is refused (409); requiring
 * approval, the comments of anyone but the video's owner are held for review, seen only by their author, the
 * video's owner and holders of {@link UserRight#MANAGE_ANY_VIDEO_COMMENT} until approved.
 */
@Component(service = ApiRoutes.class)
public class CommentRoutes implements ApiRoutes {

    private static final Set<String> THREAD_SORTS = Set.of("createdAt", "totalReplies");
    private static final Set<String> LIST_SORTS = Set.of("createdAt");

    private final Videos videos;
    private final Actors actors;
    private final TransactionService transactions;

    /** The plugins' hooks; optional, so that the catalog runs without the plugins bundle. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile Hooks hooks;

    @Activate
    public CommentRoutes(@Reference Videos videos) {
        this.videos = videos;
        this.actors = videos.actors();
        this.transactions = videos.transactions();
    }

    @Override
    public void register(Router router) {
        router.get("/videos/{id}/comment-threads", this::threads);
        router.get("/videos/{id}/comment-threads/{threadId}", this::thread);
        router.post("/videos/{id}/comment-threads", this::createThread);
        router.post("/videos/{id}/comments/{commentId}", this::reply);
        router.delete("/videos/{id}/comments/{commentId}", this::remove);
        router.post("/videos/{id}/comments/{commentId}/approve", this::approve);
        router.get("/videos/comments", this::listForModerators);
        router.get("/users/me/videos/comments", this::listOnMyVideos);
    }

    /**
     * Who reads: held comments are shown to all of them when {@code seesHeld}, else only to their author.
     *
     * @param accountId the reader's account, {@code null} when anonymous
     */
    record Reader(Long accountId, boolean seesHeld) {

        /** The condition on the comment {@code alias} that hides what this reader may not see. */
        String visible(String alias) {
            if (seesHeld) {
                return "";
            }
            return accountId == null ? " and " + alias + ".heldForReview = false"
                    : " and (" + alias + ".heldForReview = false or " + alias + ".account.id = :reader)";
        }

        <Q extends Query> Q bind(Q query) {
            if (!seesHeld && accountId != null) {
                query.setParameter("reader", accountId);
            }
            return query;
        }
    }

    private static Reader reader(EntityManager em, Video video, ApiUser user) {
        if (user == null) {
            return new Reader(null, false);
        }
        Long account = Actors.accountOfUser(em, user.id()).map(Account::id).orElse(null);
        return new Reader(account, canManageComments(video, user));
    }

    static boolean canManageComments(Video video, ApiUser user) {
        return VideoRoutes.isOwner(video, user) || UserRight.MANAGE_ANY_VIDEO_COMMENT.grantedTo(user.role());
    }

    Map<String, Object> threads(ApiRequest request) {
        VideoRoutes.VideoRef ref = VideoRoutes.ref(request.pathParam("id"));
        Pagination page = request.pagination(THREAD_SORTS, "-createdAt");
        ApiUser user = request.user().orElse(null);
        AtomicReference<Map<String, Object>> seen = new AtomicReference<>();
        Map<String, Object> threads = transactions.read(em -> {
            Video video = VideoRoutes.find(em, ref);
            VideoRoutes.checkCanSee(em, video, ref, request);
            seen.set(hookVideo(video));
            if (video.commentsPolicy() == VideoConstants.COMMENTS_DISABLED) {
                return threadPage(0, 0, List.of());
            }
            Reader reader = reader(em, video, user);
            String replies = "(select count(r) from VideoComment r where r.originCommentId = c.id "
                    + "and r.deletedAt is null" + reader.visible("r") + ")";
            String listed = " where c.video.id = :video and c.originCommentId is null" + reader.visible("c")
                    + " and (c.deletedAt is null or " + replies + " > 0)";
            String order = page.sortColumn().equals("totalReplies")
                    ? " order by replies" + (page.descending() ? " desc" : "") + ", c.createdAt desc, c.id desc"
                    : " order by c.createdAt" + (page.descending() ? " desc, c.id desc" : ", c.id");
            List<Object[]> rows = reader.bind(em.createQuery("select c, " + replies + " as replies "
                    + "from VideoComment c left join fetch c.account a left join fetch a.actor" + listed + order,
                    Object[].class)).setParameter("video", video.id()).setFirstResult(page.start())
                    .setMaxResults(page.count()).getResultList();
            long total = rows.size() < page.count() && (page.start() == 0 || !rows.isEmpty())
                    ? page.start() + rows.size()
                    : reader.bind(em.createQuery("select count(c) from VideoComment c" + listed, Long.class))
                            .setParameter("video", video.id()).getSingleResult();
            long notDeleted = reader.bind(em.createQuery("select count(c) from VideoComment c "
                    + "where c.video.id = :video and c.deletedAt is null" + reader.visible("c"), Long.class))
                    .setParameter("video", video.id()).getSingleResult();
            List<Long> ids = rows.stream().map(row -> ((VideoComment) row[0]).id()).toList();
            Map<Long, Long> fromAuthor = repliesFromAuthor(em, video, reader, ids);
            List<Map<String, Object>> data = new ArrayList<>(rows.size());
            for (Object[] row : rows) {
                VideoComment comment = (VideoComment) row[0];
                data.add(CommentJson.comment(comment, new CommentJson.Counts(((Number) row[1]).longValue(),
                        fromAuthor.getOrDefault(comment.id(), 0L)), actors.localHost()));
            }
            return threadPage(total, notDeleted, data);
        });
        return CatalogHooks.filterDocument(hooks, HookNames.VIDEO_THREADS_LIST_RESULT, threads, request,
                Map.of("video", seen.get()));
    }

    private static Map<String, Object> threadPage(long total, long notDeleted, List<Map<String, Object>> data) {
        Map<String, Object> json = new LinkedHashMap<>(4);
        json.put("total", total);
        json.put("totalNotDeletedComments", notDeleted);
        json.put("data", data);
        return json;
    }

    /** How many of the replies of each thread the video's author wrote. */
    private static Map<Long, Long> repliesFromAuthor(EntityManager em, Video video, Reader reader,
            List<Long> threadIds) {
        Map<Long, Long> counts = new HashMap<>();
        if (threadIds.isEmpty()) {
            return counts;
        }
        List<Object[]> rows = reader.bind(em.createQuery("select r.originCommentId, count(r) from VideoComment r "
                + "where r.originCommentId in :ids and r.deletedAt is null and r.account.id = :author"
                + reader.visible("r") + " group by r.originCommentId", Object[].class))
                .setParameter("ids", threadIds).setParameter("author", video.channel().account().id())
                .getResultList();
        for (Object[] row : rows) {
            counts.put((Long) row[0], ((Number) row[1]).longValue());
        }
        return counts;
    }

    Map<String, Object> thread(ApiRequest request) {
        VideoRoutes.VideoRef ref = VideoRoutes.ref(request.pathParam("id"));
        long threadId = commentId(request, "threadId");
        ApiUser user = request.user().orElse(null);
        AtomicReference<Map<String, Object>> seen = new AtomicReference<>();
        Map<String, Object> thread = transactions.read(em -> {
            Video video = VideoRoutes.find(em, ref);
            VideoComment root = withAuthor(em, threadId).filter(c -> c.video().id().equals(video.id()))
                    .orElseThrow(() -> ApiException.notFound("Video comment thread not found"));
            if (root.originCommentId() != null) {
                throw ApiException.badRequest("Video comment is not a thread.");
            }
            VideoRoutes.checkCanSee(em, video, ref, request);
            seen.set(hookVideo(video));
            Reader reader = reader(em, video, user);
            if (video.commentsPolicy() == VideoConstants.COMMENTS_DISABLED
                    || root.heldForReview() && !reader.seesHeld() && !isAuthor(root, reader.accountId())) {
                throw ApiException.notFound("No comments were found");
            }
            List<VideoComment> replies = reader.bind(em.createQuery("select c from VideoComment c "
                    + "left join fetch c.account a left join fetch a.actor where c.originCommentId = :root"
                    + reader.visible("c") + " order by c.createdAt, c.id", VideoComment.class))
                    .setParameter("root", root.id()).getResultList();
            Long author = video.channel().account().id();
            long notDeleted = replies.stream().filter(c -> !c.isDeleted()).count();
            long fromAuthor = replies.stream().filter(c -> !c.isDeleted() && isAuthor(c, author)).count();
            CommentJson.Counts rootCounts = new CommentJson.Counts(notDeleted, fromAuthor);
            return CommentJson.tree(root, replies, c -> CommentJson.comment(c,
                    c == root ? rootCounts : CommentJson.Counts.NONE, actors.localHost()));
        });
        return CatalogHooks.filterDocument(hooks, HookNames.VIDEO_THREAD_COMMENTS_LIST_RESULT, thread, request,
                Map.of("video", seen.get(), "threadId", threadId));
    }

    Map<String, Object> createThread(ApiRequest request) {
        return create(request, null);
    }

    Map<String, Object> reply(ApiRequest request) {
        return create(request, commentId(request, "commentId"));
    }

    private Map<String, Object> create(ApiRequest request, Long parentId) {
        ApiUser user = request.requireUser();
        VideoRoutes.VideoRef ref = VideoRoutes.ref(request.pathParam("id"));
        String text = CommentJson.text(request.body(Map.class).get("text"));
        Map<String, Object> created = transactions.call(em -> {
            Video video = VideoRoutes.find(em, ref);
            VideoRoutes.checkCanSee(em, video, ref, request);
            if (video.commentsPolicy() == VideoConstants.COMMENTS_DISABLED) {
                throw new ApiException(409, null, "Video comments are disabled for this video.");
            }
            Account account = Actors.accountOfUser(em, user.id())
                    .orElseThrow(() -> ApiException.forbidden("The user has no account"));
            VideoComment parent = null;
            if (parentId != null) {
                parent = onVideo(em, parentId, video);
                if (parent.heldForReview() && !canManageComments(video, user) && !isAuthor(parent, account.id())) {
                    throw ApiException.notFound("Video comment thread not found");
                }
            }
            boolean held = video.commentsPolicy() == VideoConstants.COMMENTS_REQUIRE_APPROVAL
                    && !VideoRoutes.isOwner(video, user);
            checkAccepted(user, video, parent, text);
            VideoComment comment = new VideoComment(video, account, parent, text, true, null, held, Actors.now());
            em.persist(comment);
            em.flush();
            comment.assignLocalUrl(videos.baseUrl());
            Map<String, Object> json = new LinkedHashMap<>(2);
            json.put("comment", CommentJson.comment(comment, CommentJson.Counts.NONE, actors.localHost()));
            return json;
        });
        announce(parentId == null ? HookNames.VIDEO_THREAD_CREATED : HookNames.VIDEO_COMMENT_REPLY_CREATED,
                created.get("comment"));
        return created;
    }

    /** Queues the plugins' action hook on a comment, as its JSON, once its transaction has committed. */
    private void announce(String hook, Object comment) {
        CatalogHooks.announce(hooks, hook, Map.of("comment", comment));
    }

    /**
     * Asks the plugins' {@code filter:api.video-thread.create.accept.result} or, for a reply,
     * {@code filter:api.video-comment-reply.create.accept.result}; a refusal is PeerTube's 403. The filters run in
     * the transaction, after the checks and before the write, each bounded by the plugins bundle.
     */
    private void checkAccepted(ApiUser user, Video video, VideoComment parent, String text) {
        Hooks current = hooks;
        String hook = parent == null ? HookNames.VIDEO_THREAD_CREATE_ACCEPT_RESULT
                : HookNames.VIDEO_COMMENT_REPLY_CREATE_ACCEPT_RESULT;
        if (current == null || !current.has(hook)) {
            return;
        }
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("commentBody", Map.of("text", text));
        params.put("video", hookVideo(video));
        if (parent != null) {
            Map<String, Object> parentComment = new LinkedHashMap<>();
            parentComment.put("id", parent.id());
            parentComment.put("text", parent.text());
            parentComment.put("accountId", parent.account() == null ? null : parent.account().id());
            params.put("parentComment", parentComment);
        }
        params.put("user", CatalogHooks.user(user));
        AcceptResult result = current.accept(hook, params);
        if (!result.accepted()) {
            throw ApiException.forbidden(result.errorMessage() != null ? result.errorMessage()
                    : "Refused to create the comment");
        }
    }

    /** A video as hooks are told of it: {@code {id, uuid, name}}. */
    static Map<String, Object> hookVideo(Video video) {
        return Map.of("id", video.id(), "uuid", video.uuid().toString(), "name", video.name());
    }

    Object remove(ApiRequest request) {
        ApiUser user = request.requireUser();
        VideoRoutes.VideoRef ref = VideoRoutes.ref(request.pathParam("id"));
        long id = commentId(request, "commentId");
        Map<String, Object> deleted = transactions.call(em -> {
            Video video = VideoRoutes.find(em, ref);
            VideoComment comment = onVideo(em, id, video);
            if (comment.isDeleted()) {
                throw new ApiException(409, null, "This comment is already deleted");
            }
            Long account = Actors.accountOfUser(em, user.id()).map(Account::id).orElse(null);
            if (!isAuthor(comment, account) && !canManageComments(video, user)) {
                throw ApiException.forbidden("User does not have the permission to delete this comment");
            }
            Map<String, Object> before = CommentJson.comment(comment, CommentJson.Counts.NONE, actors.localHost());
            comment.markDeleted(Actors.now());
            return before;
        });
        announce(HookNames.VIDEO_COMMENT_DELETED, deleted);
        return null;
    }

    Object approve(ApiRequest request) {
        ApiUser user = request.requireUser();
        VideoRoutes.VideoRef ref = VideoRoutes.ref(request.pathParam("id"));
        long id = commentId(request, "commentId");
        transactions.run(em -> {
            Video video = VideoRoutes.find(em, ref);
            VideoComment comment = onVideo(em, id, video);
            if (comment.isDeleted()) {
                throw new ApiException(409, null, "This comment is deleted");
            }
            if (!comment.heldForReview()) {
                throw ApiException.badRequest("This comment is not held for review");
            }
            if (!canManageComments(video, user)) {
                throw ApiException.forbidden("User does not have the permission to delete this comment");
            }
            comment.approve(Actors.now());
        });
        return null;
    }

    Page<Map<String, Object>> listForModerators(ApiRequest request) {
        request.requireRight(UserRight.SEE_ALL_COMMENTS);
        return list(request, false, null);
    }

    Page<Map<String, Object>> listOnMyVideos(ApiRequest request) {
        ApiUser user = request.requireUser();
        return list(request, true, user.id());
    }

    /** The comments (not deleted) that moderators or a video owner review, newest first. */
    private Page<Map<String, Object>> list(ApiRequest request, boolean ownVideos, Long owner) {
        Pagination page = request.pagination(LIST_SORTS, "-createdAt");
        StringBuilder where = new StringBuilder(" where c.deletedAt is null");
        Map<String, Object> params = new HashMap<>();
        request.query("search").ifPresent(s -> like(where, params, "search", s, "lower(c.text) like :search"));
        request.query("searchAccount").ifPresent(s -> like(where, params, "account", s,
                "(lower(actor.name) like :account or lower(a.displayName) like :account)"));
        request.query("searchVideo").ifPresent(s -> like(where, params, "video", s, "lower(v.name) like :video"));
        request.query("videoId").ifPresent(id -> {
            VideoRoutes.VideoRef ref = VideoRoutes.ref(id);
            where.append(ref.id() != null ? " and v.id = :videoKey" : " and v.uuid = :videoKey");
            params.put("videoKey", ref.id() != null ? ref.id() : ref.uuid());
        });
        request.query("videoChannelId").ifPresent(id -> {
            where.append(" and v.channel.id = :channel");
            params.put("channel", parseId(id, "videoChannelId"));
        });
        if (ownVideos) {
            where.append(" and v.channel.account.userId = :owner");
            params.put("owner", owner);
            request.queryBoolean("isHeldForReview").ifPresent(held -> {
                where.append(" and c.heldForReview = :held");
                params.put("held", held);
            });
        } else {
            request.queryBoolean("isLocal").ifPresent(local -> {
                where.append(" and c.local = :local");
                params.put("local", local);
            });
            request.queryBoolean("onLocalVideo").ifPresent(local -> {
                where.append(" and v.local = :onLocal");
                params.put("onLocal", local);
            });
        }
        String joins = " join c.video v join c.account a join a.actor actor";
        return transactions.read(em -> {
            TypedQuery<VideoComment> query = em.createQuery("select c from VideoComment c join fetch c.video v "
                    + "join fetch c.account a join fetch a.actor actor" + where + " order by c.createdAt"
                    + (page.descending() ? " desc, c.id desc" : ", c.id"), VideoComment.class);
            params.forEach(query::setParameter);
            List<VideoComment> comments = query.setFirstResult(page.start()).setMaxResults(page.count())
                    .getResultList();
            TypedQuery<Long> count = em.createQuery("select count(c) from VideoComment c" + joins + where,
                    Long.class);
            params.forEach(count::setParameter);
            long total = comments.size() < page.count() && (page.start() == 0 || !comments.isEmpty())
                    ? page.start() + comments.size() : count.getSingleResult();
            return Page.of(total, comments.stream().map(c -> CommentJson.forAdminOrUser(c, actors.localHost()))
                    .toList());
        });
    }

    private static void like(StringBuilder where, Map<String, Object> params, String name, String value,
            String condition) {
        where.append(" and ").append(condition);
        params.put(name, "%" + value.toLowerCase(java.util.Locale.ROOT) + "%");
    }

    /** The comment, which must be on the video (PeerTube's 404 and 400). */
    private static VideoComment onVideo(EntityManager em, long id, Video video) {
        VideoComment comment = withAuthor(em, id)
                .orElseThrow(() -> ApiException.notFound("Video comment thread not found"));
        if (!comment.video().id().equals(video.id())) {
            throw new ApiException(400, "comment_not_associated_to_video",
                    "Video comment is not associated to this video.");
        }
        return comment;
    }

    private static Optional<VideoComment> withAuthor(EntityManager em, long id) {
        return em.createQuery("select c from VideoComment c left join fetch c.account a left join fetch a.actor "
                + "where c.id = :id", VideoComment.class).setParameter("id", id).getResultStream().findFirst();
    }

    private static boolean isAuthor(VideoComment comment, Long accountId) {
        return accountId != null && comment.account() != null && accountId.equals(comment.account().id());
    }

    private static long commentId(ApiRequest request, String name) {
        return parseId(request.pathParam(name), name);
    }

    /** A numeric id from the request's path; 400 naming it when it is not one. */
    static long parseId(String text, String name) {
        if (text.isEmpty() || text.length() > 18 || !text.chars().allMatch(Character::isDigit)) {
            throw ApiException.invalidParam(name, "Should have a valid " + name);
        }
        return Long.parseLong(text);
    }
}
