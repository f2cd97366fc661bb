package org.bobine.catalog.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.persistence.LockModeType;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the scheduled updates of local videos ({@code scheduleUpdate} of uploads and {@code PUT /videos/{id}}):
 * every minute, as PeerTube, each video whose update is due takes its scheduled privacy. The rows are locked and
 * the schedule cleared in one transaction, so that with several nodes an update is applied once.
 */
@Component(service = ScheduledVideoUpdates.class, immediate = true)
public class ScheduledVideoUpdates {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduledVideoUpdates.class);

    /** How often due updates are looked for, in seconds. */
    static final long PERIOD_SECONDS = 60;
    static final int BATCH = 100;

    private final Videos videos;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "bobine-scheduled-video-updates");
        thread.setDaemon(true);
        return thread;
    });

    @Activate
    public ScheduledVideoUpdates(@Reference Videos videos) {
        this(videos, true);
    }

    /** @param periodic whether to look every {@value #PERIOD_SECONDS} seconds (tests apply by hand) */
    ScheduledVideoUpdates(Videos videos, boolean periodic) {
        this.videos = videos;
        if (periodic) {
            executor.scheduleWithFixedDelay(this::applyLogged, 10, PERIOD_SECONDS, TimeUnit.SECONDS);
        }
    }

    @Deactivate
    void deactivate() {
        executor.shutdownNow();
    }

    private void applyLogged() {
        try {
            List<Long> applied = applyDue(Instant.now());
            if (!applied.isEmpty()) {
                LOG.info("Applied the scheduled update of {} video(s)", applied.size());
            }
        } catch (RuntimeException e) {
            LOG.warn("Scheduled video updates could not be applied; next try in {} s", PERIOD_SECONDS, e);
        }
    }

    /**
     * Applies every update due at {@code now}, in batches.
     *
     * @return the ids of the videos updated
     */
    List<Long> applyDue(Instant now) {
        List<Long> applied = new ArrayList<>();
        while (true) {
            List<Long> batch = videos.transactions().call(em -> {
                List<Video> due = em.createQuery("select v from Video v where v.local = true "
                        + "and v.scheduleUpdateAt <= :now order by v.scheduleUpdateAt, v.id", Video.class)
                        .setParameter("now", now).setMaxResults(BATCH)
                        .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
                due.forEach(video -> video.applyScheduledUpdate(now));
                return due.stream().map(Video::id).toList();
            });
            batch.forEach(videos.responses()::forget);
            applied.addAll(batch);
            if (batch.size() < BATCH) {
                return applied;
            }
        }
    }
}
