package org.bobine.catalog.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.TypedQuery;

import org.bobine.persistence.api.TransactionService;
import org.bobine.web.api.ApiException;
import org.bobine.web.api.ApiRequest;
import org.bobine.web.api.ApiRoutes;
import org.bobine.web.api.ApiUser;
import org.bobine.web.api.Page;
import org.bobine.web.api.Pagination;
import org.bobine.web.api.Router;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Likes and dislikes, as PeerTube: {@code PUT /videos/{id}/rate}, {@code GET /users/me/videos/{videoId}/rating}
 * and {@code GET /accounts/{name}/ratings} (the caller's own account only).
 *
 * <p>A rating is a row per (account, video); the video's {@code likes} and {@code dislikes} change in the same
 * transaction with relative updates, so that concurrent ratings of a video by different accounts keep exact counters.
 * The rating account's row is locked first, so that two changes by the same account (two tabs, a double click)
 * follow one another instead of racing to insert the same row.
 */
@Component(service = ApiRoutes.class)
public class RatingRoutes implements ApiRoutes {

    private static final Set<String> RATINGS = Set.of(VideoRating.LIKE, VideoRating.DISLIKE, VideoRating.NONE);

    private final Videos videos;
    private final Actors actors;
    private final TransactionService transactions;

    @Activate
    public RatingRoutes(@Reference Videos videos) {
        this.videos = videos;
        this.actors = videos.actors();
        this.transactions = videos.transactions();
    }

    @Override
    public void register(Router router) {
        router.put("/videos/{id}/rate", this::rate);
        router.get("/users/me/videos/{videoId}/rating", this::myRating);
        router.get("/accounts/{name}/ratings", this::accountRatings);
    }

    Object rate(ApiRequest request) {
        ApiUser user = request.requireUser();
        VideoRoutes.VideoRef ref = VideoRoutes.ref(request.pathParam("id"));
        Object value = request.body(Map.class).get("rating");
        if (!(value instanceof String rating) || !RATINGS.contains(rating)) {
            throw ApiException.invalidParam("rating", "Should have a valid rate type");
        }
        long videoId = transactions.call(em -> {
            Video video = VideoRoutes.find(em, ref);
            VideoRoutes.checkCanSee(em, video, ref, request);
            Account account = em.createQuery("select a from Account a where a.userId = :user", Account.class)
                    .setParameter("user", user.id()).setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultStream()
                    .findFirst().orElseThrow(() -> ApiException.forbidden("The user has no account"));
            rate(em, account, video, rating);
            return video.id();
        });
        videos.responses().forget(videoId);
        return null;
    }

    /**
     * Withdraws every rating of an account that is being removed, in the caller's transaction: the counters of the
     * videos it rated go down with its rows, as if it had set each rating to {@code none}.
     */
    static void withdrawAll(EntityManager em, Account account) {
        for (String rating : List.of(VideoRating.LIKE, VideoRating.DISLIKE)) {
            String counter = rating.equals(VideoRating.LIKE) ? "likes" : "dislikes";
            em.createNativeQuery("update catalog_video set " + counter + " = " + counter + " - 1 where id in "
                    + "(select video_id from catalog_video_rating where account_id = :account and rating = :rating)")
                    .setParameter("account", account.id()).setParameter("rating", rating).executeUpdate();
        }
        em.createQuery("delete from VideoRating r where r.account = :account").setParameter("account", account)
                .executeUpdate();
    }

    /**
     * Sets the rating of a video by an account, and the video's counters with it, in the caller's transaction. The
     * caller holds a lock on the account's row.
     *
     * @param rating {@code like}, {@code dislike} or {@code none}
     */
    static void rate(EntityManager em, Account account, Video video, String rating) {
        Optional<VideoRating> current = em.createQuery("select r from VideoRating r where r.account = :account "
                + "and r.video = :video", VideoRating.class).setParameter("account", account)
                .setParameter("video", video).getResultStream().findFirst();
        String before = current.map(VideoRating::rating).orElse(VideoRating.NONE);
        if (before.equals(rating)) {
            return;
        }
        if (rating.equals(VideoRating.NONE)) {
            em.remove(current.get());
        } else if (current.isPresent()) {
            current.get().change(rating, Actors.now());
        } else {
            em.persist(new VideoRating(account, video, rating, Actors.now()));
        }
        int likes = (rating.equals(VideoRating.LIKE) ? 1 : 0) - (before.equals(VideoRating.LIKE) ? 1 : 0);
        int dislikes = (rating.equals(VideoRating.DISLIKE) ? 1 : 0) - (before.equals(VideoRating.DISLIKE) ? 1 : 0);
        em.createNativeQuery("update catalog_video set likes = likes + :likes, dislikes = dislikes + :dislikes "
                + "where id = :id").setParameter("likes", likes).setParameter("dislikes", dislikes)
                .setParameter("id", video.id()).executeUpdate();
    }

    Map<String, Object> myRating(ApiRequest request) {
        ApiUser user = request.requireUser();
        VideoRoutes.VideoRef ref = VideoRoutes.ref(request.pathParam("videoId"));
        return transactions.read(em -> {
            Video video = VideoRoutes.find(em, ref);
            String rating = em.createQuery("select r.rating from VideoRating r join r.account a "
                    + "where a.userId = :user and r.video = :video", String.class).setParameter("user", user.id())
                    .setParameter("video", video).getResultStream().findFirst().orElse(VideoRating.NONE);
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("videoId", video.id());
            json.put("rating", rating);
            return json;
        });
    }

    Page<Map<String, Object>> accountRatings(ApiRequest request) {
        ApiUser user = request.requireUser();
        Optional<String> rating = request.query("rating");
        if (rating.isPresent() && !rating.get().equals(VideoRating.LIKE) && !rating.get().equals(VideoRating.DISLIKE)) {
            throw ApiException.invalidParam("rating", "Should have a valid rating type");
        }
        Pagination page = request.pagination(Set.of("createdAt"), "-createdAt");
        return transactions.read(em -> {
            Account account = actors.findAccount(em, request.pathParam("name"))
                    .orElseThrow(() -> ApiException.notFound("Account not found"));
            if (!Objects.equals(account.userId(), user.id())) {
                throw ApiException.forbidden("Only owner of this account can access this resource.");
            }
            // Videos that became private or password-protected since they were rated stay listed for their owner only.
            String where = " where r.account.id = :account and (v.privacy in (" + VideoConstants.PUBLIC + ", "
                    + VideoConstants.UNLISTED + ", " + VideoConstants.INTERNAL + ") or va.userId = :user)"
                    + (rating.isPresent() ? " and r.rating = :rating" : "");
            TypedQuery<VideoRating> query = em.createQuery("select r from VideoRating r join fetch r.video v "
                    + "join fetch v.channel c join fetch c.actor join fetch c.account va join fetch va.actor" + where
                    + " order by r.createdAt" + (page.descending() ? " desc" : " asc") + ", r.id asc",
                    VideoRating.class);
            TypedQuery<Long> count = em.createQuery("select count(r) from VideoRating r join r.video v "
                    + "join v.channel c join c.account va" + where, Long.class);
            for (TypedQuery<?> q : List.of(query, count)) {
                q.setParameter("account", account.id()).setParameter("user", user.id());
                rating.ifPresent(r -> q.setParameter("rating", r));
            }
            List<VideoRating> found = query.setFirstResult(page.start()).setMaxResults(page.count()).getResultList();
            Videos.loadImages(em, found.stream().map(VideoRating::video).toList());
            List<Map<String, Object>> data = new ArrayList<>(found.size());
            for (VideoRating r : found) {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("video", VideoJson.video(r.video(), videos.baseUrl(), actors.localHost(),
                        VideoJson.Extras.NONE, List.of()));
                json.put("rating", r.rating());
                data.add(json);
            }
            return Page.of(count.getSingleResult(), data);
        });
    }
}
