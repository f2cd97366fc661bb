package org.bobine.auth.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.bobine.web.api.ApiException;

/**
 * PeerTube's limits on logins, sign-ups and e-mail requests: at most {@code max} attempts per address in a
 * sliding window. Kept in the memory of
 * this node (see docs/architecture.md on what several nodes share).
 */
final class RateLimit {

    private final int max;
    private final Duration window;
    private final Map<String, Deque<Instant>> attempts = new ConcurrentHashMap<>();

    RateLimit(int max, Duration window) {
        this.max = max;
        this.window = window;
    }

    /**
     * Records an attempt from {@code address}.
     *
     * @return {@link Duration#ZERO} when the attempt is allowed, otherwise how long until the next one is
     */
    Duration attempt(String address, Instant now) {
        return admit(address, now, true);
    }

    /**
     * Whether an attempt from {@code address} would be allowed now, without recording it: for limits that count
     * only the attempts that succeed ({@link #record} them).
     *
     * @return {@link Duration#ZERO} when it would, otherwise how long until it would
     */
    Duration check(String address, Instant now) {
        return admit(address, now, false);
    }

    /** Records an attempt from {@code address}; a 429 with {@code Retry-After} when it is one too many. */
    void enforce(String address, Instant now, String message) {
        throwIfWaiting(attempt(address, now), message);
    }

    /** {@link #check}s an attempt; a 429 with {@code Retry-After} when it would be one too many. */
    void enforceWithoutRecording(String address, Instant now, String message) {
        throwIfWaiting(check(address, now), message);
    }

    private static void throwIfWaiting(Duration wait, String message) {
        if (!wait.isZero()) {
            throw new ApiException(429, null, message).withHeader("Retry-After", Long.toString(wait.toSeconds()));
        }
    }

    /** Records a successful attempt, after {@link #check}. */
    void record(String address, Instant now) {
        Deque<Instant> recent = attempts.computeIfAbsent(address, a -> new ArrayDeque<>());
        synchronized (recent) {
            recent.addLast(now);
        }
    }

    private Duration admit(String address, Instant now, boolean record) {
        Deque<Instant> recent = attempts.computeIfAbsent(address, a -> new ArrayDeque<>());
        synchronized (recent) {
            Instant horizon = now.minus(window);
            while (!recent.isEmpty() && !recent.peekFirst().isAfter(horizon)) {
                recent.pollFirst();
            }
            if (recent.size() >= max) {
                return Duration.between(horizon, recent.peekFirst()).plusSeconds(1);
            }
            if (record) {
                recent.addLast(now);
            }
        }
        if (attempts.size() > 100_000) {
            // Bounded memory under a flood of addresses: forget the idle ones.
            attempts.entrySet().removeIf(entry -> {
                synchronized (entry.getValue()) {
                    return entry.getValue().isEmpty()
                            || !entry.getValue().peekLast().isAfter(now.minus(window));
                }
            });
        }
        return Duration.ZERO;
    }
}
