package org.bobine.auth.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * PeerTube's limit on login attempts: at most {@code max} per address in a sliding window. Kept in the memory of
 * this node (see docs/architecture.md on what several nodes share).
 */
final class LoginRateLimit {

    private final int max;
    private final Duration window;
    private final Map<String, Deque<Instant>> attempts = new ConcurrentHashMap<>();

    LoginRateLimit(int max, Duration window) {
        this.max = max;
        this.window = window;
    }

    /**
     * Records an attempt from {@code address}.
     *
     * @return {@link Duration#ZERO} when the attempt is allowed, otherwise how long until the next one is
     */
    Duration attempt(String address, Instant now) {
        Deque<Instant> recent = attempts.computeIfAbsent(address, a -> new ArrayDeque<>());
        synchronized (recent) {
            Instant horizon = now.minus(window);
            while (!recent.isEmpty() && !recent.peekFirst().isAfter(horizon)) {
                recent.pollFirst();
            }
            if (recent.size() >= max) {
                return Duration.between(horizon, recent.peekFirst()).plusSeconds(1);
            }
            recent.addLast(now);
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
