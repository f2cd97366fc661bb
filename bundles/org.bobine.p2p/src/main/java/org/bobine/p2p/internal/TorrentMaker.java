package org.bobine.p2p.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.bobine.jobs.api.JobContext;
import org.bobine.jobs.api.JobHandler;
import org.bobine.jobs.api.JobHandlerType;
import org.bobine.jobs.api.JobQueue;
import org.bobine.jobs.api.JobRequest;
import org.bobine.p2p.api.P2pLinks;
import org.bobine.p2p.api.TorrentFiles;
import org.bobine.storage.api.FileStore;
import org.bobine.storage.api.StoredFile;
import org.bobine.web.api.InstanceAddress;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the torrents of local video files, off the request path. Every {@link #POLL_SECONDS} seconds it asks
 * {@link TorrentFiles} for files without a torrent and enqueues one job per file; the job reads the file from the
 * file store, writes {@code <uuid4>-<resolution>.torrent} into the {@code torrents} area and records it with its
 * info hash. Polling keeps the catalog free of any call into this bundle: an upload only has to commit its file.
 * Every few polls it also reads the torrents of videos changed since the previous check and makes a new torrent
 * where the name or the web seed no longer match the video (a rename, a change of privacy).
 * Immediate, so that polling starts with the bundle rather than when the queue first asks for the handler.
 */
@Component(service = JobHandler.class, immediate = true)
@JobHandlerType(type = TorrentMaker.JOB_TYPE, concurrency = 1)
public class TorrentMaker implements JobHandler {

    static final String JOB_TYPE = "create-torrent";
    static final int POLL_SECONDS = 2;
    private static final int BATCH = 50;
    /** Every this many polls, torrents of videos changed since the last check are checked against their video. */
    private static final int POLLS_PER_CHECK = 5;
    private static final int CHECK_BATCH = 1000;
    /** A job not finished after this long is forgotten, so that the next poll enqueues the file again. */
    private static final long FORGET_AFTER_MS = TimeUnit.MINUTES.toMillis(30);

    private static final Logger LOG = LoggerFactory.getLogger(TorrentMaker.class);

    private final TorrentFiles files;
    private final FileStore store;
    private final JobQueue queue;
    private final InstanceAddress address;
    private final Map<Long, Long> enqueued = new ConcurrentHashMap<>();
    private final ScheduledExecutorService poller;
    /** The first check after a start looks at the most recently changed videos, whenever they changed. */
    private Instant checkedSince = Instant.EPOCH;
    private int polls;

    @Activate
    public TorrentMaker(@Reference TorrentFiles files, @Reference FileStore store, @Reference JobQueue queue,
            @Reference InstanceAddress address) {
        this.files = files;
        this.store = store;
        this.queue = queue;
        this.address = address;
        this.poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "bobine-torrent-poller");
            thread.setDaemon(true);
            return thread;
        });
        poller.scheduleWithFixedDelay(this::poll, POLL_SECONDS, POLL_SECONDS, TimeUnit.SECONDS);
    }

    @Deactivate
    void deactivate() {
        poller.shutdownNow();
    }

    void poll() {
        try {
            long now = System.currentTimeMillis();
            enqueued.values().removeIf(at -> now - at > FORGET_AFTER_MS);
            for (Long fileId : files.withoutTorrent(BATCH)) {
                enqueue(fileId, now);
            }
            if (polls++ % POLLS_PER_CHECK == 0) {
                // A margin for the clocks of other nodes, which may have stamped the change.
                Instant checkStart = Instant.now().minusSeconds(30);
                for (TorrentFiles.Source source : files.withTorrentChangedSince(checkedSince, CHECK_BATCH)) {
                    if (isStale(source)) {
                        enqueue(source.fileId(), now);
                    }
                }
                checkedSince = checkStart;
            }
        } catch (RuntimeException | IOException e) {
            LOG.warn("Could not look for files that need a torrent: {}", e.toString());
        }
    }

    private void enqueue(long fileId, long now) {
        if (enqueued.putIfAbsent(fileId, now) == null) {
            queue.enqueue(JobRequest.of(JOB_TYPE, Map.of("fileId", fileId)).withMaxAttempts(3));
        }
    }

    /**
     * Whether a file's torrent no longer says what its video says: PeerTube rewrites a torrent when the video's
     * name changes ({@code info.name}) or its privacy does (the web seed is there only for public videos).
     */
    boolean isStale(TorrentFiles.Source source) throws IOException {
        Optional<StoredFile> stored = store.find(P2pLinks.TORRENTS, source.torrentFilename());
        if (stored.isEmpty()) {
            return true;
        }
        byte[] bytes;
        try (InputStream in = stored.get().open()) {
            bytes = in.readNBytes(Bencode.MAX_INPUT + 1);
        }
        try {
            Map<?, ?> torrent = (Map<?, ?>) Bencode.decode(bytes);
            Map<?, ?> info = (Map<?, ?>) torrent.get("info");
            String name = new String((byte[]) info.get("name"), StandardCharsets.UTF_8);
            List<?> urls = (List<?>) torrent.get("url-list");
            String webseed = urls == null || urls.isEmpty() ? null
                    : new String((byte[]) urls.get(0), StandardCharsets.UTF_8);
            return !name.equals(TorrentCreator.infoName(source.videoName(), source.resolution(), source.extension()))
                    || !Objects.equals(webseed, source.webseedUrl());
        } catch (IllegalArgumentException | ClassCastException | NullPointerException e) {
            return true;
        }
    }

    @Override
    public void process(JobContext context) throws Exception {
        long fileId = ((Number) context.payload(Map.class).get("fileId")).longValue();
        make(fileId);
        // Only a job that succeeded lets the next poll enqueue the file again at once: a failed one is retried by
        // the queue, and the file stays remembered until FORGET_AFTER_MS so that polls do not pile up jobs.
        enqueued.remove(fileId);
    }

    /** Makes and records the torrent of a file; nothing when the file is gone. */
    void make(long fileId) throws IOException {
        Optional<TorrentFiles.Source> found = files.source(fileId);
        if (found.isEmpty()) {
            return;
        }
        TorrentFiles.Source source = found.get();
        StoredFile stored = store.find(source.area(), source.key())
                .orElseThrow(() -> new IOException("The file " + source.key() + " is not in the file store"));
        String baseUrl = address.baseUrl();
        var spec = new TorrentCreator.Spec(TorrentCreator.infoName(source.videoName(), source.resolution(),
                source.extension()), P2pLinks.trackerUrls(baseUrl),
                source.webseedUrl() == null ? List.of() : List.of(source.webseedUrl()),
                Instant.now().getEpochSecond());
        TorrentCreator.Torrent torrent;
        try (InputStream in = stored.open()) {
            torrent = TorrentCreator.create(in, stored.size(), spec);
        }
        String name = UUID.randomUUID() + "-" + source.resolution() + ".torrent";
        store.put(P2pLinks.TORRENTS, name, new ByteArrayInputStream(torrent.bytes()));
        if (!files.recordTorrent(fileId, source.torrentFilename(), torrent.infoHash(), name)) {
            store.delete(P2pLinks.TORRENTS, name);
            return;
        }
        if (source.torrentFilename() != null) {
            store.delete(P2pLinks.TORRENTS, source.torrentFilename());
        }
        LOG.debug("Torrent {} of file {}: {} pieces of {} bytes", name, fileId, torrent.pieces(),
                torrent.pieceLength());
    }
}
