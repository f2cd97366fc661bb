package org.bobine.catalog.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import java.util.regex.Pattern;

import jakarta.persistence.EntityManager;

import org.bobine.api.hook.HookNames;
import org.bobine.api.hook.Hooks;
import org.bobine.persistence.api.TransactionService;
import org.bobine.web.api.ApiException;
import org.bobine.web.api.ApiRequest;
import org.bobine.web.api.ApiRoutes;
import org.bobine.web.api.Router;
import org.bobine.web.api.ServerConfigContributor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Views of videos, as PeerTube counts them: {@code POST /videos/{id}/views} (and the older
 * {@code PUT /videos/{id}/watching}) with the player's {@code currentTime}, an optional {@code viewEvent}
 * ({@code seek}) and {@code sessionId}. The rule runs in memory ({@link ViewCounter}); nothing is written per request.
 * Every {@link #FLUSH_SECONDS} seconds, and when the component stops, the views counted since are added to each
 * video's {@code views} and to its row of the day in {@code catalog_video_views_daily}, with relative updates, so
 * that the nodes of one instance add up.
 */
@Component(service = {ApiRoutes.class, ServerConfigContributor.class, VideoViews.class})
public class VideoViews implements ApiRoutes, ServerConfigContributor {

    /** PeerTube's {@code views.videos.count_view_after}, in seconds. */
    static final int COUNT_VIEW_AFTER_SECONDS = 10;
    /** PeerTube's {@code VIEW_LIFETIME.VIEW}: one view per viewer and video per hour. */
    static final long VIEW_EXPIRATION_MILLIS = TimeUnit.HOURS.toMillis(1);
    /** How many viewers a node remembers at most (some 30 MB at most). */
    static final int MAX_VIEWERS = 50_000;
    /** How often counted views are written. */
    static final int FLUSH_SECONDS = 10;
    /** How often PeerTube's player reports, in milliseconds, as {@code /api/v1/config} tells it. */
    static final int WATCHING_INTERVAL_MILLIS = 5000;

    private static final Pattern SESSION_ID = Pattern.compile("[A-Za-z0-9_-]{1,100}");
    private static final Logger LOG = LoggerFactory.getLogger(VideoViews.class);

    /** What the views of a video need to know of it, cached so that a view costs no query. */
    private record VideoInfo(long id, int duration, String uuid, String name, long loadedAt) {
    }

    private static final int MAX_CACHED_VIDEOS = 10_000;
    private static final long VIDEO_CACHE_MILLIS = TimeUnit.MINUTES.toMillis(5);

    private final TransactionService transactions;
    private final ViewCounter counter;
    private final Clock clock;
    private final Map<VideoRoutes.VideoRef, VideoInfo> videos = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<VideoRoutes.VideoRef, VideoInfo> eldest) {
            return size() > MAX_CACHED_VIDEOS;
        }
    };
    private final ScheduledExecutorService flusher;
    private final LongConsumer written;

    /** The plugins' hooks; optional, so that the catalog runs without the plugins bundle. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile Hooks hooks;

    @Activate
    public VideoViews(@Reference Videos videos) {
        this(videos.transactions(), new ViewCounter(COUNT_VIEW_AFTER_SECONDS, VIEW_EXPIRATION_MILLIS, MAX_VIEWERS),
                Clock.systemUTC(), true, videos.responses()::forget);
    }

    /**
     * @param schedule whether to flush on a timer (tests flush by hand)
     * @param written told of each video whose count a flush has written
     */
    VideoViews(TransactionService transactions, ViewCounter counter, Clock clock, boolean schedule,
            LongConsumer written) {
        this.transactions = transactions;
        this.written = written;
        this.counter = counter;
        this.clock = clock;
        if (schedule) {
            flusher = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "bobine-views-flush");
                thread.setDaemon(true);
                return thread;
            });
            flusher.scheduleWithFixedDelay(this::flush, FLUSH_SECONDS, FLUSH_SECONDS, TimeUnit.SECONDS);
        } else {
            flusher = null;
        }
    }

    /** Writes what was counted, so that a clean stop loses no view. */
    @Deactivate
    void deactivate() throws InterruptedException {
        if (flusher != null) {
            flusher.shutdown();
            flusher.awaitTermination(30, TimeUnit.SECONDS);
        }
        flush();
    }

    @Override
    public void register(Router router) {
        router.post("/videos/{id}/views", this::view);
        router.put("/videos/{id}/watching", this::view);
    }

    @Override
    public Map<String, Object> serverConfig(ApiRequest request) {
        return Map.of("views", Map.of("videos", Map.of("watchingInterval", Map.of("anonymous",
                WATCHING_INTERVAL_MILLIS, "users", WATCHING_INTERVAL_MILLIS))));
    }

    Object view(ApiRequest request) {
        VideoRoutes.VideoRef ref = VideoRoutes.ref(request.pathParam("id"));
        Map<?, ?> body = request.body(Map.class);
        double position = position(body.get("currentTime"));
        Object event = body.get("viewEvent");
        if (event != null && !"seek".equals(event)) {
            throw ApiException.invalidParam("viewEvent", "Should have a valid view event");
        }
        Object session = body.get("sessionId");
        if (session != null && !(session instanceof String s && SESSION_ID.matcher(s).matches())) {
            throw ApiException.invalidParam("sessionId", "Should have a valid session id");
        }
        long now = clock.millis();
        VideoInfo video = video(ref, now);
        if (video.duration() > 0 && position > video.duration()) {
            throw ApiException.invalidParam("currentTime", "Current time is invalid");
        }
        String viewer = request.remoteAddress() + (session == null ? "" : " " + session);
        if (counter.watched(video.id(), video.duration(), viewer, position, event != null, now)) {
            CatalogHooks.announce(hooks, HookNames.VIDEO_VIEWED, Map.of("video", Map.of("id", video.id(),
                    "uuid", video.uuid(), "name", video.name())));
        }
        return null;
    }

    private static double position(Object value) {
        double position;
        if (value instanceof Number n) {
            position = n.doubleValue();
        } else if (value instanceof String s) {
            try {
                position = Double.parseDouble(s);
            } catch (NumberFormatException e) {
                position = -1;
            }
        } else {
            position = -1;
        }
        if (!(position >= 0) || Double.isInfinite(position)) {
            throw ApiException.invalidParam("currentTime", "Should have a valid current time");
        }
        return Math.floor(position);
    }

    private VideoInfo video(VideoRoutes.VideoRef ref, long now) {
        VideoInfo cached;
        synchronized (videos) {
            cached = videos.get(ref);
        }
        if (cached != null && now - cached.loadedAt() < VIDEO_CACHE_MILLIS) {
            return cached;
        }
        Object[] row = transactions.read(em -> em.createQuery("select v.id, v.duration, v.uuid, v.name from Video v where "
                + (ref.id() != null ? "v.id = :key" : "v.uuid = :key"), Object[].class)
                .setParameter("key", ref.id() != null ? ref.id() : ref.uuid()).getResultStream().findFirst()
                .orElseThrow(() -> ApiException.notFound("Video not found")));
        VideoInfo loaded = new VideoInfo(((Number) row[0]).longValue(), ((Number) row[1]).intValue(),
                row[2].toString(), (String) row[3], now);
        synchronized (videos) {
            videos.put(ref, loaded);
        }
        return loaded;
    }

    /**
     * Adds the views counted since the last flush to the database, in one transaction, videos in the order of their
     * ids so that nodes flushing at once do not deadlock. Views that could not be written wait for the next flush.
     */
    void flush() {
        counter.expire(clock.millis());
        Map<Long, Long> counts = counter.drain();
        if (counts.isEmpty()) {
            return;
        }
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        try {
            boolean postgres = "PostgreSQL".equals(transactions.databaseProduct());
            transactions.run(em -> new TreeMap<>(counts).forEach((videoId, views) -> add(em, postgres, videoId,
                    views, today)));
            counts.keySet().forEach(written::accept);
        } catch (RuntimeException e) {
            counter.restore(counts);
            LOG.warn("Could not write the views of {} videos; they are tried again later: {}", counts.size(),
                    e.toString());
        }
    }

    private static void add(EntityManager em, boolean postgres, long videoId, long views, LocalDate day) {
        int updated = em.createNativeQuery("update catalog_video set views = views + :views where id = :id")
                .setParameter("views", views).setParameter("id", videoId).executeUpdate();
        if (updated == 0) {
            return; // removed since
        }
        if (postgres) {
            em.createNativeQuery("insert into catalog_video_views_daily (video_id, view_date, views) "
                    + "values (:id, :day, :views) on conflict (video_id, view_date) "
                    + "do update set views = catalog_video_views_daily.views + excluded.views")
                    .setParameter("id", videoId).setParameter("day", day).setParameter("views", views)
                    .executeUpdate();
            return;
        }
        // Elsewhere (H2, one node) an update, or an insert when the day has no row yet; should another writer
        // insert the row first, the transaction fails and the views are written with the next flush.
        int days = em.createNativeQuery("update catalog_video_views_daily set views = views + :views "
                + "where video_id = :id and view_date = :day").setParameter("views", views)
                .setParameter("id", videoId).setParameter("day", day).executeUpdate();
        if (days == 0) {
            em.createNativeQuery("insert into catalog_video_views_daily (video_id, view_date, views) "
                    + "values (:id, :day, :views)").setParameter("id", videoId).setParameter("day", day)
                    .setParameter("views", views).executeUpdate();
        }
    }
}
