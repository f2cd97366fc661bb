package org.bobine.p2p.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Counts events per key (an address, or an address and an info hash) in fixed windows. Its memory is bounded: it
 * forgets the least recently counted keys beyond {@code maxKeys}.
 */
final class AnnounceLimiter {

    private final int limit;
    private final long windowMs;
    private final LongSupplier clock;
    private final Map<String, long[]> windows;

    AnnounceLimiter(int limit, long windowMs, int maxKeys, LongSupplier clock) {
        this.limit = limit;
        this.windowMs = windowMs;
        this.clock = clock;
        this.windows = new LinkedHashMap<>(1024, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, long[]> eldest) {
                return size() > maxKeys;
            }
        };
    }

    /** Counts one event; @return whether it is within the limit */
    synchronized boolean tryAcquire(String key) {
        long now = clock.getAsLong();
        long[] window = windows.get(key);
        if (window == null || now - window[0] >= windowMs) {
            windows.put(key, new long[] {now, 1});
            return true;
        }
        return ++window[1] <= limit;
    }
}
