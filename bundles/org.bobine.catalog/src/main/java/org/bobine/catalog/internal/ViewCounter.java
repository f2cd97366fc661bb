package org.bobine.catalog.internal;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * PeerTube's rule of views, in memory: a viewer (an address and a session) counts one view of a video once it has
 * watched enough of it, and at most one per {@code expirationMillis}. Counted views wait here, per video, until
 * {@link #drain()} hands them to whoever writes them to the database.
 *
 * <p>Watch time adds up the sections a viewer watched: each event moves the end of the current section to the
 * player's position; a {@code seek} event, or a position before the section's start, begins a new section. Enough is
 * {@code countAfterSeconds} of watch time, or more than half of a video shorter than that.
 *
 * <p>Memory is bounded: at most {@code maxViewers} viewers are kept, in segments that each forget their least
 * recently seen viewer when full, and a viewer unseen for {@code expirationMillis} is forgotten (a forgotten viewer
 * who had counted a view could count another: the bound wins over exactness under a flood of viewers).
 */
final class ViewCounter {

    /** A viewer of a video. */
    private record Key(long videoId, String viewer) {
    }

    /** What is known of one viewer of one video: watched sections, and when a view was counted. */
    private static final class Viewer {
        private double closedSeconds;
        private double start;
        private double end;
        private boolean started;
        private long countedAt = -1;
        private long lastSeen;

        void watch(double position, boolean seek) {
            if (!started || seek || position < start) {
                if (started) {
                    closedSeconds += end - start;
                }
                start = position;
                end = position;
                started = true;
            } else {
                end = position;
            }
        }

        double watchedSeconds() {
            return closedSeconds + (started ? end - start : 0);
        }
    }

    private static final int SEGMENTS = 16;

    private final int countAfterSeconds;
    private final long expirationMillis;
    private final Map<Key, Viewer>[] segments;
    private final ConcurrentHashMap<Long, Long> pending = new ConcurrentHashMap<>();

    /**
     * @param countAfterSeconds the watch time after which a view counts (PeerTube: 10)
     * @param expirationMillis how long a viewer's counted view keeps another from counting (PeerTube: one hour)
     * @param maxViewers how many viewers are remembered at most
     */
    @SuppressWarnings("unchecked")
    ViewCounter(int countAfterSeconds, long expirationMillis, int maxViewers) {
        this.countAfterSeconds = countAfterSeconds;
        this.expirationMillis = expirationMillis;
        int perSegment = Math.max(1, maxViewers / SEGMENTS);
        segments = new Map[SEGMENTS];
        for (int i = 0; i < SEGMENTS; i++) {
            segments[i] = new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Key, Viewer> eldest) {
                    return size() > perSegment;
                }
            };
        }
    }

    /**
     * Records where a viewer is in a video.
     *
     * @param duration the video's duration in seconds; 0 when unknown (a live), which needs the full watch time
     * @param viewer who watches: the address and the session
     * @param position the player's position, in seconds
     * @param seek whether the viewer jumped to that position
     * @param now the time, in milliseconds
     * @return whether this event counted a view
     */
    boolean watched(long videoId, int duration, String viewer, double position, boolean seek, long now) {
        Key key = new Key(videoId, viewer);
        Map<Key, Viewer> segment = segments[Math.floorMod(key.hashCode(), SEGMENTS)];
        boolean counted = false;
        synchronized (segment) {
            Viewer state = segment.get(key);
            if (state == null || now - state.lastSeen >= expirationMillis) {
                state = new Viewer();
                segment.put(key, state);
            } else if (state.countedAt >= 0 && now - state.countedAt >= expirationMillis) {
                // The hour is over: the viewer may count another view, after watching enough again.
                state = new Viewer();
                segment.put(key, state);
            }
            state.lastSeen = now;
            state.watch(position, seek);
            if (state.countedAt < 0 && enough(duration, state.watchedSeconds())) {
                state.countedAt = now;
                counted = true;
            }
        }
        if (counted) {
            pending.merge(videoId, 1L, Long::sum);
        }
        return counted;
    }

    private boolean enough(int duration, double watched) {
        if (duration <= 0 || duration >= countAfterSeconds) {
            return watched >= countAfterSeconds;
        }
        return watched * 2 > duration;
    }

    /** Forgets the viewers unseen for {@code expirationMillis}. */
    void expire(long now) {
        for (Map<Key, Viewer> segment : segments) {
            synchronized (segment) {
                segment.values().removeIf(v -> now - v.lastSeen >= expirationMillis);
            }
        }
    }

    /** @return how many viewers are remembered */
    int viewers() {
        int count = 0;
        for (Map<Key, Viewer> segment : segments) {
            synchronized (segment) {
                count += segment.size();
            }
        }
        return count;
    }

    /** @return the views counted since the last drain, per video, which this counter no longer holds */
    Map<Long, Long> drain() {
        Map<Long, Long> drained = new HashMap<>();
        for (Long videoId : pending.keySet()) {
            Long count = pending.remove(videoId);
            if (count != null) {
                drained.put(videoId, count);
            }
        }
        return drained;
    }

    /** Takes back views that could not be written, to write them with the next drain. */
    void restore(Map<Long, Long> counts) {
        counts.forEach((videoId, count) -> pending.merge(videoId, count, Long::sum));
    }
}
