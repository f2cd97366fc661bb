package org.bobine.p2p.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

import org.bobine.p2p.api.TorrentFiles;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Whether an info hash is one of the instance's, for the private trackers: the one check that the HTTP and the
 * WebSocket tracker share. The instance's info hashes are those of its files' torrents and the swarm ids of its
 * HLS playlists, as {@link TorrentFiles#isKnownInfoHash} answers. A cache stands in front of the database: known
 * hashes are remembered (a file's info hash does not change, a new torrent is a new hash) and unknown ones for a
 * short while, so that a client announcing an unknown torrent costs one query per few seconds.
 */
@Component(service = KnownInfoHashes.class)
public final class KnownInfoHashes {

    private static final int MAX_ENTRIES = 100_000;
    private static final long UNKNOWN_FOR_MS = 10_000;
    private static final long KNOWN_FOR_MS = 3_600_000;

    private final Predicate<String> lookup;
    private final LongSupplier clock;
    private final Map<String, long[]> cache = new LinkedHashMap<>(1024, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, long[]> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    @Activate
    public KnownInfoHashes(@Reference TorrentFiles files) {
        this(files::isKnownInfoHash, System::currentTimeMillis);
    }

    KnownInfoHashes(Predicate<String> lookup, LongSupplier clock) {
        this.lookup = lookup;
        this.clock = clock;
    }

    /** @param infoHash 40 lower-case hexadecimal digits */
    boolean isKnown(String infoHash) {
        long now = clock.getAsLong();
        synchronized (cache) {
            long[] entry = cache.get(infoHash);
            if (entry != null && now < entry[0]) {
                return entry[1] == 1;
            }
        }
        boolean known = lookup.test(infoHash);
        synchronized (cache) {
            cache.put(infoHash, new long[] {now + (known ? KNOWN_FOR_MS : UNKNOWN_FOR_MS), known ? 1 : 0});
        }
        return known;
    }
}
