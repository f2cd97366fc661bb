package org.bobine.catalog.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The answers of the catalog's hottest requests, kept for a moment: the detail of a public, published video
 * (the same for every caller) and the pages of the public video list asked for anonymously. A page viewed by
 * many people at once is then built once per {@link #TTL_MILLIS} instead of once per request.
 *
 * <p>The changes made on this node through the catalog (an update, a removal, a rating, a new file, counted
 * views) {@linkplain #forget forget} their video and the lists at once. An entry lives at most
 * {@link #TTL_MILLIS}, which bounds how long a change made on another node of the instance, or one that does not
 * forget (an avatar, a channel's display name, a new torrent), takes to show. Each kind holds at most
 * {@link #MAX_ENTRIES} entries; when full, it starts again empty.
 *
 * <p>When a busy entry expires, one request builds the new answer while the others are served the previous one,
 * so that the requests of that moment do not all build it at once.
 *
 * <p>Values are shared between requests and must not be modified by callers (plugins' filters get copies).
 */
final class VideoResponseCache {

    static final long TTL_MILLIS = 2_000;
    static final int MAX_ENTRIES = 10_000;

    /** What was built, and whether it may be shared with other callers. */
    record Built<T>(T value, long videoId, boolean shareable) {
    }

    private record Entry(Object value, long videoId, long expiresAt, AtomicBoolean refreshing) {
    }

    private final Map<String, Entry> details = new ConcurrentHashMap<>();
    private final Map<String, Entry> lists = new ConcurrentHashMap<>();

    /** The detail of a video by the reference it was asked with, from the cache or built now. */
    <T> T detail(String reference, Supplier<Built<T>> build) {
        return cached(details, reference, build);
    }

    /** A page of the public list for an anonymous caller, by its query, from the cache or built now. */
    <T> T list(String query, Supplier<Built<T>> build) {
        return cached(lists, query, build);
    }

    /** Forgets a video that changed, and the lists it may appear in. */
    void forget(long videoId) {
        details.values().removeIf(entry -> entry.videoId() == videoId);
        lists.clear();
    }

    /** Forgets everything: after a change that shows in many videos (an account's or a channel's). */
    void forgetAll() {
        details.clear();
        lists.clear();
    }

    @SuppressWarnings("unchecked")
    private static <T> T cached(Map<String, Entry> entries, String key, Supplier<Built<T>> build) {
        long now = System.currentTimeMillis();
        Entry entry = entries.get(key);
        if (entry != null) {
            if (entry.expiresAt() > now) {
                return (T) entry.value();
            }
            if (!entry.refreshing().compareAndSet(false, true)) {
                // Another request is building the new answer: the previous one serves meanwhile, rather than
                // every request building it at once when a busy entry expires.
                return (T) entry.value();
            }
        }
        Built<T> built;
        try {
            built = build.get();
        } catch (RuntimeException | Error e) {
            if (entry != null) {
                entries.remove(key, entry);
            }
            throw e;
        }
        if (built.shareable()) {
            if (entries.size() >= MAX_ENTRIES) {
                entries.clear();
            }
            entries.put(key, new Entry(built.value(), built.videoId(), System.currentTimeMillis() + TTL_MILLIS,
                    new AtomicBoolean()));
        } else if (entry != null) {
            entries.remove(key, entry);
        }
        return built.value();
    }
}
