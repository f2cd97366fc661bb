package org.bobine.p2p.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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
 * Immediate, so that polling starts with the bundle rather than when the queue first asks for the handler.
 */
@Component(service = JobHandler.class, immediate = true)
@JobHandlerType(type = TorrentMaker.JOB_TYPE, concurrency = 1)
public class TorrentMaker implements JobHandler {

    static final String JOB_TYPE = "create-torrent";
    static final int POLL_SECONDS = 2;
    private static final int BATCH = 50;
    /** A job not finished after this long is forgotten, so that the next poll enqueues the file again. */
    private static final long FORGET_AFTER_MS = TimeUnit.MINUTES.toMillis(30);

    private static final Logger LOG = LoggerFactory.getLogger(TorrentMaker.class);

    private final TorrentFiles files;
    private final FileStore store;
    private final JobQueue queue;
    private final InstanceAddress address;
    private final Map<Long, Long> enqueued = new ConcurrentHashMap<>();
    private final ScheduledExecutorService poller;

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
                if (enqueued.putIfAbsent(fileId, now) == null) {
                    queue.enqueue(JobRequest.of(JOB_TYPE, Map.of("fileId", fileId)).withMaxAttempts(3));
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not look for files without a torrent: {}", e.toString());
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
