package org.bobine.p2p.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpTrackerTest {

    private static final String HASH = "0123456789abcdef0123456789abcdef01234567";
    private static final String OTHER = "ffffffffffffffffffffffffffffffffffffffff";

    private HttpTracker tracker;

    @AfterEach
    void stop() {
        if (tracker != null) {
            tracker.deactivate();
        }
    }

    private static String percent(String hex) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < hex.length(); i += 2) {
            s.append('%').append(hex, i, i + 2);
        }
        return s.toString();
    }

    private static String peerId(int n) {
        return String.format("-BB0001-%012d", n);
    }

    private Map<String, Object> announce(String hash, int peer, String address, String extra) throws Exception {
        return tracker.announce(HttpTracker.parseQuery("info_hash=" + percent(hash) + "&peer_id=" + peerId(peer)
                + "&port=" + (6881 + peer) + "&uploaded=0&downloaded=0&left=100" + extra), address);
    }

    @Test
    void compactAnnouncesListOtherPeers() throws Exception {
        tracker = new HttpTracker(true, true, false, Set.of(HASH)::contains);
        Map<String, Object> first = announce(HASH, 1, "10.0.0.1", "&event=started&compact=1");
        assertEquals(600L, first.get("interval"));
        assertEquals(1L, first.get("incomplete"));
        assertArrayEquals(new byte[0], (byte[]) first.get("peers"));
        Map<String, Object> second = announce(HASH, 2, "10.0.0.2", "&compact=1");
        assertEquals(2L, second.get("incomplete"));
        assertArrayEquals(new byte[] {10, 0, 0, 1, (byte) (6882 >> 8), (byte) (6882 & 0xff)},
                (byte[]) second.get("peers"));
        Map<String, Object> v6 = announce(HASH, 3, "::1", "");
        assertEquals(12, ((byte[]) v6.get("peers")).length);
        Map<String, Object> fourth = announce(HASH, 4, "10.0.0.4", "");
        assertEquals(18, ((byte[]) fourth.get("peers6")).length);
        // The encoded answer is plain BEP 3.
        byte[] bytes = Bencode.encode(second);
        assertTrue(new String(bytes, StandardCharsets.ISO_8859_1).startsWith("d8:completei0e10:incompletei2e"
                + "8:intervali600e5:peers6:"));
    }

    @Test
    void nonCompactAnnouncesListDictionaries() throws Exception {
        tracker = new HttpTracker(true, true, false, Set.of(HASH)::contains);
        announce(HASH, 1, "10.0.0.1", "");
        Map<String, Object> second = announce(HASH, 2, "10.0.0.2", "&compact=0");
        @SuppressWarnings("unchecked")
        Map<String, Object> peer = (Map<String, Object>) ((List<?>) second.get("peers")).get(0);
        assertEquals("10.0.0.1", peer.get("ip"));
        assertEquals(6882L, peer.get("port"));
        assertArrayEquals(peerId(1).getBytes(StandardCharsets.ISO_8859_1), (byte[]) peer.get("peer id"));
    }

    @Test
    void aPrivateTrackerRefusesUnknownTorrentsAndAskesTheDatabaseSparingly() throws Exception {
        AtomicInteger lookups = new AtomicInteger();
        tracker = new HttpTracker(true, true, false, h -> {
            lookups.incrementAndGet();
            return h.equals(HASH);
        });
        Swarms.Refused refused = assertThrows(Swarms.Refused.class, () -> announce(OTHER, 1, "10.0.0.1", ""));
        assertTrue(refused.getMessage().contains("unknown torrent"));
        assertThrows(Swarms.Refused.class, () -> announce(OTHER, 1, "10.0.0.1", ""));
        announce(HASH, 1, "10.0.0.1", "");
        announce(HASH, 1, "10.0.0.1", "");
        assertEquals(2, lookups.get());
        assertEquals(1, tracker.swarms().swarmCount());
        tracker.deactivate();
        tracker = new HttpTracker(true, false, false, h -> false);
        announce(OTHER, 1, "10.0.0.1", "");
    }

    @Test
    void aDisabledTrackerRefusesEverything() {
        tracker = new HttpTracker(false, true, false, h -> true);
        assertThrows(Swarms.Refused.class, () -> announce(HASH, 1, "10.0.0.1", ""));
    }

    @Test
    void malformedAnnouncesAreRefused() throws Exception {
        tracker = new HttpTracker(true, false, false, h -> true);
        for (String query : List.of("", "info_hash=abc&peer_id=" + peerId(1) + "&port=1",
                "info_hash=" + percent(HASH) + "&peer_id=short&port=1",
                "info_hash=" + percent(HASH) + "&peer_id=" + peerId(1),
                "info_hash=" + percent(HASH) + "&peer_id=" + peerId(1) + "&port=70000",
                "info_hash=" + percent(HASH) + "&peer_id=" + peerId(1) + "&port=1&numwant=-1",
                "info_hash=" + percent(HASH) + "&peer_id=" + peerId(1) + "&port=1&event=bogus",
                "info_hash=%zz")) {
            assertThrows(Swarms.Refused.class, () -> tracker.announce(HttpTracker.parseQuery(query), "10.0.0.1"),
                    query);
        }
    }

    @Test
    void numwantIsCapped() throws Exception {
        tracker = new HttpTracker(true, false, false, h -> true);
        for (int i = 0; i < 100; i++) {
            announce(HASH, i, "10.0.1." + i, "");
        }
        assertEquals(80 * 6, ((byte[]) announce(HASH, 200, "10.0.2.1", "&numwant=500").get("peers")).length);
        assertEquals(50 * 6, ((byte[]) announce(HASH, 201, "10.0.2.2", "").get("peers")).length);
        assertEquals(3 * 6, ((byte[]) announce(HASH, 202, "10.0.2.3", "&numwant=3").get("peers")).length);
    }

    @Test
    void tooManyAnnouncesFromOneAddressAreRefusedWhenAsked() throws Exception {
        tracker = new HttpTracker(true, false, true, h -> true);
        for (int i = 0; i < HttpTracker.ANNOUNCES_PER_ADDRESS_AND_TORRENT; i++) {
            announce(HASH, 1, "10.0.0.1", "");
        }
        assertThrows(Swarms.Refused.class, () -> announce(HASH, 1, "10.0.0.1", ""));
        announce(OTHER, 1, "10.0.0.1", "");
        announce(HASH, 1, "10.0.0.2", "");
    }

    @Test
    void theLimitPerAddressIsASettingAndZeroMeansNone() throws Exception {
        tracker = new HttpTracker(true, false, false, new KnownInfoHashes(h -> true, System::currentTimeMillis), 20);
        for (int i = 0; i < 20; i++) {
            announce(HASH, i, "10.0.0.1", "");
        }
        Swarms.Refused refused = assertThrows(Swarms.Refused.class, () -> announce(HASH, 99, "10.0.0.1", ""));
        assertEquals("too many announces from this address", refused.getMessage());
        announce(HASH, 99, "10.0.0.2", "");
        tracker.deactivate();

        tracker = new HttpTracker(true, false, false, new KnownInfoHashes(h -> true, System::currentTimeMillis), 0);
        for (int i = 0; i < HttpTracker.ANNOUNCES_PER_ADDRESS + 50; i++) {
            announce(HASH, i % 10, "10.0.0.1", "");
        }
    }

    @Test
    void scrapeCountsSeedersLeechersAndDownloads() throws Exception {
        tracker = new HttpTracker(true, false, false, h -> true);
        announce(HASH, 1, "10.0.0.1", "");
        tracker.announce(HttpTracker.parseQuery("info_hash=" + percent(HASH) + "&peer_id=" + peerId(2)
                + "&port=1&left=0&event=completed"), "10.0.0.2");
        Map<String, Object> scrape = tracker.scrape(HttpTracker.parseQuery("info_hash=" + percent(HASH)
                + "&info_hash=" + percent(OTHER)));
        @SuppressWarnings("unchecked")
        Map<String, Object> files = (Map<String, Object>) scrape.get("files");
        byte[] raw = HexFormat.of().parseHex(HASH);
        assertEquals(Map.of("complete", 1L, "incomplete", 1L, "downloaded", 1L),
                files.get(new String(raw, StandardCharsets.ISO_8859_1)));
        assertEquals(Map.of("complete", 0L, "incomplete", 0L, "downloaded", 0L),
                files.get(new String(HexFormat.of().parseHex(OTHER), StandardCharsets.ISO_8859_1)));
        assertThrows(Swarms.Refused.class, () -> tracker.scrape(HttpTracker.parseQuery("")));
        // What a client parses: BEP 48's shape, with the binary info hash as key.
        Object decoded = Bencode.decode(Bencode.encode(scrape));
        assertTrue(((Map<?, ?>) decoded).containsKey("files"));
    }

    @Test
    void peersExpireAndStoppedPeersLeave() throws Exception {
        AtomicLong now = new AtomicLong(1_000_000);
        Swarms swarms = new Swarms(2, 10, 1000, now::get);
        byte[] a = {10, 0, 0, 1};
        swarms.announce(HASH, "a", a, 1, 5, "started", 50);
        swarms.announce(HASH, "b", a, 2, 5, "started", 50);
        assertThrows(Swarms.Refused.class, () -> swarms.announce(HASH, "c", a, 3, 5, "started", 50));
        now.addAndGet(600);
        swarms.announce(HASH, "b", a, 2, 0, "completed", 50);
        now.addAndGet(500);
        // a expired (1100 ms without announcing); b is a seeder now
        Swarms.Answer answer = swarms.announce(HASH, "c", a, 3, 5, "started", 50);
        assertEquals(1, answer.complete());
        assertEquals(1, answer.incomplete());
        assertEquals(List.of("b"), answer.peers().stream().map(Swarms.Peer::peerId).toList());
        swarms.announce(HASH, "c", a, 3, 5, "stopped", 50);
        assertEquals(new Swarms.Counts(1, 0, 1), swarms.counts(HASH));
        now.addAndGet(5000);
        swarms.expireAll();
        assertEquals(0, swarms.swarmCount());
        assertFalse(swarms.counts(HASH).complete() > 0);
    }

    @Test
    void theNumberOfSwarmsIsBounded() throws Exception {
        Swarms swarms = new Swarms(10, 1, 1000, () -> 0);
        swarms.announce(HASH, "a", new byte[] {1, 2, 3, 4}, 1, 1, null, 5);
        assertThrows(Swarms.Refused.class, () -> swarms.announce(OTHER, "a", new byte[] {1, 2, 3, 4}, 1, 1, null, 5));
    }
}
