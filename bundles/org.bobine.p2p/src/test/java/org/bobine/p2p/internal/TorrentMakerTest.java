package org.bobine.p2p.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.bobine.jobs.api.JobContext;
import org.bobine.jobs.api.JobQueue;
import org.bobine.jobs.api.JobRequest;
import org.bobine.jobs.api.JobView;
import org.bobine.p2p.api.P2pLinks;
import org.bobine.p2p.api.TorrentFiles;
import org.bobine.storage.testing.MemoryFileStore;
import org.bobine.web.api.InstanceAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The torrent maker as a component, with the services it needs replaced by plain objects. */
class TorrentMakerTest {

    private final MemoryFileStore store = new MemoryFileStore();
    private final List<JobRequest> enqueued = new ArrayList<>();
    private final Map<Long, TorrentFiles.Source> sources = new ConcurrentHashMap<>();
    private final Map<Long, String[]> recorded = new ConcurrentHashMap<>();
    private TorrentMaker maker;

    @AfterEach
    void stop() {
        maker.deactivate();
    }

    @Test
    void pollsEnqueuesOnceAndRecordsTheTorrent() throws Exception {
        store.files.put("web-videos/a.mp4", new byte[40_000]);
        sources.put(7L, new TorrentFiles.Source(7, "A: b", 720, ".mp4", "web-videos", "a.mp4", 40_000,
                "http://h/static/web-videos/a.mp4", null));
        maker = new TorrentMaker(files(), store, queue(), address());
        maker.poll();
        maker.poll();
        assertEquals(1, enqueued.size());
        assertEquals(TorrentMaker.JOB_TYPE, enqueued.get(0).type());

        maker.process(context(7));
        String[] torrent = recorded.get(7L);
        assertNotNull(torrent);
        assertTrue(torrent[1].matches("[0-9a-f-]{36}-720\\.torrent"));
        byte[] bytes = store.files.get(P2pLinks.TORRENTS + "/" + torrent[1]);
        assertEquals(torrent[0], TorrentCreator.infoHash(bytes));
        @SuppressWarnings("unchecked")
        Map<String, Object> info = (Map<String, Object>) ((Map<String, Object>) Bencode.decode(bytes)).get("info");
        assertEquals("A- b 720p.mp4", new String((byte[]) info.get("name"), java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void aRenamedOrHiddenVideoGetsANewTorrent() throws Exception {
        store.files.put("web-videos/c.mp4", new byte[1000]);
        TorrentFiles.Source source = new TorrentFiles.Source(5, "Before", 480, ".mp4", "web-videos", "c.mp4", 1000,
                "http://h/static/web-videos/c.mp4", null);
        sources.put(5L, source);
        maker = new TorrentMaker(files(), store, queue(), address());
        maker.make(5);
        TorrentFiles.Source made = new TorrentFiles.Source(5, "Before", 480, ".mp4", "web-videos", "c.mp4", 1000,
                "http://h/static/web-videos/c.mp4", recorded.get(5L)[1]);
        assertFalse(maker.isStale(made));
        assertTrue(maker.isStale(new TorrentFiles.Source(5, "After", 480, ".mp4", "web-videos", "c.mp4", 1000,
                "http://h/static/web-videos/c.mp4", made.torrentFilename())));
        assertTrue(maker.isStale(new TorrentFiles.Source(5, "Before", 480, ".mp4", "web-videos", "c.mp4", 1000,
                null, made.torrentFilename())));
        sources.put(5L, new TorrentFiles.Source(5, "After", 480, ".mp4", "web-videos", "c.mp4", 1000, null, null));
        maker.poll();
        assertEquals(1, enqueued.size());
    }

    @Test
    void aFailedJobIsNotEnqueuedAgainByTheNextPoll() {
        sources.put(8L, new TorrentFiles.Source(8, "Gone", 360, ".mp4", "web-videos", "missing.mp4", 10, null,
                null));
        maker = new TorrentMaker(files(), store, queue(), address());
        maker.poll();
        assertThrows(IOException.class, () -> maker.process(context(8)));
        maker.poll();
        assertEquals(1, enqueued.size());
        assertNull(recorded.get(8L));
    }

    @Test
    void aTorrentThatLostTheRaceIsDeleted() throws Exception {
        store.files.put("web-videos/b.mp4", new byte[100]);
        sources.put(9L, new TorrentFiles.Source(9, "B", 240, ".mp4", "web-videos", "b.mp4", 100, null, null));
        recorded.put(9L, new String[] {"ab", "other.torrent"});
        maker = new TorrentMaker(files(), store, queue(), address());
        maker.process(context(9));
        assertFalse(store.files.keySet().stream().anyMatch(k -> k.startsWith(P2pLinks.TORRENTS + "/")));
    }

    private TorrentFiles files() {
        return new TorrentFiles() {
            @Override
            public List<Long> withoutTorrent(int max) {
                return sources.keySet().stream().filter(id -> !recorded.containsKey(id)).sorted().toList();
            }

            @Override
            public List<Source> withTorrentChangedSince(Instant since, int max) {
                return sources.values().stream().filter(source -> recorded.containsKey(source.fileId()))
                        .map(source -> new Source(source.fileId(), source.videoName(), source.resolution(),
                                source.extension(), source.area(), source.key(), source.size(),
                                source.webseedUrl(), recorded.get(source.fileId())[1])).toList();
            }

            @Override
            public Optional<Source> source(long fileId) {
                return Optional.ofNullable(sources.get(fileId));
            }

            @Override
            public boolean recordTorrent(long fileId, String previous, String infoHash, String torrentFilename) {
                return recorded.putIfAbsent(fileId, new String[] {infoHash, torrentFilename}) == null;
            }

            @Override
            public boolean isKnownInfoHash(String infoHash) {
                return false;
            }
        };
    }

    private JobQueue queue() {
        return new JobQueue() {
            @Override
            public synchronized long enqueue(JobRequest request) {
                enqueued.add(request);
                return enqueued.size();
            }

            @Override
            public List<Long> enqueueWithChildren(JobRequest parent, List<JobRequest> children) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Optional<JobView> job(long id) {
                return Optional.empty();
            }

            @Override
            public boolean cancel(long id) {
                return false;
            }

            @Override
            public void pause() {
            }

            @Override
            public void resume() {
            }

            @Override
            public boolean isPaused() {
                return false;
            }
        };
    }

    private static InstanceAddress address() {
        return new InstanceAddress() {
            @Override
            public String hostname() {
                return "h";
            }

            @Override
            public int port() {
                return 80;
            }

            @Override
            public boolean https() {
                return false;
            }

            @Override
            public String host() {
                return "h";
            }

            @Override
            public String baseUrl() {
                return "http://h";
            }
        };
    }

    private static JobContext context(long fileId) {
        return new JobContext() {
            @Override
            public long id() {
                return 1;
            }

            @Override
            public String type() {
                return TorrentMaker.JOB_TYPE;
            }

            @Override
            public String payloadJson() {
                return "{\"fileId\":" + fileId + "}";
            }

            @Override
            @SuppressWarnings("unchecked")
            public <T> T payload(Class<T> type) {
                return (T) Map.of("fileId", fileId);
            }

            @Override
            public int attempt() {
                return 1;
            }

            @Override
            public int maxAttempts() {
                return 3;
            }

            @Override
            public void progress(int percent) {
            }

            @Override
            public boolean isStopping() {
                return false;
            }
        };
    }
}
