package org.bobine.p2p.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;

class SignalTrackerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** An info hash with bytes above 0x7f and control characters, as binary strings carry them. */
    private static final byte[] HASH = HexFormat.of().parseHex("00ff7f80a1b2c3d4e5f60718293a4b5c6d7e8f90");
    private static final String HASH_HEX = HexFormat.of().formatHex(HASH);
    private static final String HASH_TEXT = new String(HASH, StandardCharsets.ISO_8859_1);

    private final AtomicLong clock = new AtomicLong(1_000_000);

    /** A connection that keeps what it is sent. */
    static final class FakeConnection implements SignalTracker.Connection {
        final String address;
        final List<JsonNode> received = new ArrayList<>();
        int closedWith;

        FakeConnection(String address) {
            this.address = address;
        }

        @Override
        public String address() {
            return address;
        }

        @Override
        public boolean send(String text) {
            try {
                received.add(JSON.readTree(text));
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + text, e);
            }
            return closedWith == 0;
        }

        @Override
        public void close(int code, String reason) {
            closedWith = code;
        }

        JsonNode last() {
            return received.get(received.size() - 1);
        }
    }

    private SignalTracker tracker(boolean privateTracker, Set<String> known) {
        return new SignalTracker(true, privateTracker, false, new KnownInfoHashes(known::contains, clock::get),
                clock::get);
    }

    private static String peerId(int n) {
        return String.format("-WW0001-%012d", n);
    }

    private static String announce(int peer, String event, int offers, String left) throws Exception {
        ObjectNode message = JSON.createObjectNode();
        message.put("action", "announce");
        message.put("info_hash", HASH_TEXT);
        message.put("peer_id", peerId(peer));
        message.put("numwant", offers);
        message.put("uploaded", 0);
        message.put("downloaded", 0);
        if (left != null) {
            message.put("left", Long.parseLong(left));
        }
        if (event != null) {
            message.put("event", event);
        }
        var array = message.putArray("offers");
        for (int i = 0; i < offers; i++) {
            ObjectNode offer = array.addObject();
            offer.putObject("offer").put("type", "offer").put("sdp", "v=0 offer " + peer + "/" + i);
            offer.put("offer_id", "offer-" + peer + "-" + i);
        }
        return JSON.writeValueAsString(message);
    }

    @Test
    void relaysOffersToOtherPeersAndTheAnswerBack() throws Exception {
        SignalTracker tracker = tracker(true, Set.of(HASH_HEX));
        FakeConnection a = new FakeConnection("10.0.0.1");
        FakeConnection b = new FakeConnection("10.0.0.2");
        SignalTracker.Client clientA = tracker.open(a);
        SignalTracker.Client clientB = tracker.open(b);

        tracker.message(clientA, announce(1, "started", 5, "0"));
        JsonNode reply = a.last();
        assertEquals("announce", reply.path("action").asText());
        assertEquals(SignalTracker.INTERVAL, reply.path("interval").asInt());
        assertEquals(HASH_TEXT, reply.path("info_hash").asText());
        assertEquals(1, reply.path("complete").asInt());
        assertEquals(0, reply.path("incomplete").asInt());

        tracker.message(clientB, announce(2, "started", 3, "1000"));
        assertEquals(1, b.last().path("complete").asInt());
        assertEquals(1, b.last().path("incomplete").asInt());
        // A is the only other peer: it gets B's first offer, from B, for this torrent.
        JsonNode relayed = a.last();
        assertEquals("announce", relayed.path("action").asText());
        assertEquals("offer-2-0", relayed.path("offer_id").asText());
        assertEquals("v=0 offer 2/0", relayed.path("offer").path("sdp").asText());
        assertEquals(peerId(2), relayed.path("peer_id").asText());
        assertEquals(HASH_TEXT, relayed.path("info_hash").asText());

        int before = a.received.size();
        ObjectNode answer = JSON.createObjectNode();
        answer.put("action", "announce");
        answer.put("info_hash", HASH_TEXT);
        answer.put("peer_id", peerId(1));
        answer.put("to_peer_id", peerId(2));
        answer.put("offer_id", "offer-2-0");
        answer.putObject("answer").put("type", "answer").put("sdp", "v=0 answer");
        tracker.message(clientA, answer.toString());
        assertEquals(before, a.received.size(), "an answer gets no reply of its own");
        JsonNode forwarded = b.last();
        assertEquals("v=0 answer", forwarded.path("answer").path("sdp").asText());
        assertEquals("offer-2-0", forwarded.path("offer_id").asText());
        assertEquals(peerId(1), forwarded.path("peer_id").asText());
        assertEquals(HASH_TEXT, forwarded.path("info_hash").asText());
        assertEquals(0, a.closedWith);
        assertEquals(0, b.closedWith);
    }

    @Test
    void offersGoToDistinctPeersAndNeverBackToTheSender() throws Exception {
        SignalTracker tracker = tracker(false, Set.of());
        List<FakeConnection> peers = new ArrayList<>();
        List<SignalTracker.Client> clients = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            FakeConnection connection = new FakeConnection("10.0.1." + i);
            peers.add(connection);
            clients.add(tracker.open(connection));
            tracker.message(clients.get(i), announce(i, "started", 0, "10"));
        }
        FakeConnection sender = peers.get(0);
        int sentBefore = sender.received.size();
        tracker.message(clients.get(0), announce(0, null, 10, "10"));
        assertEquals(sentBefore + 1, sender.received.size(), "the sender gets only its reply");
        int offered = 0;
        for (FakeConnection peer : peers.subList(1, 30)) {
            long offers = peer.received.stream().filter(m -> m.has("offer")).count();
            assertTrue(offers <= 1, "one offer per peer at most");
            offered += (int) offers;
        }
        assertEquals(10, offered);
        assertEquals(30, tracker.peerCount());
    }

    @Test
    void offersBeyondTheLimitAreNotRelayed() throws Exception {
        SignalTracker tracker = tracker(false, Set.of());
        List<FakeConnection> peers = new ArrayList<>();
        List<SignalTracker.Client> clients = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            peers.add(new FakeConnection("10.0.2." + i));
            clients.add(tracker.open(peers.get(i)));
            tracker.message(clients.get(i), announce(i, "started", 0, "10"));
        }
        tracker.message(clients.get(0), announce(0, null, 35, "10"));
        long offered = peers.stream().flatMap(p -> p.received.stream()).filter(m -> m.has("offer")).count();
        assertEquals(SignalTracker.MAX_OFFERS, offered);
    }

    @Test
    void stoppedAndDisconnectedPeersLeaveAndSilentOnesExpire() throws Exception {
        SignalTracker tracker = tracker(false, Set.of());
        FakeConnection a = new FakeConnection("10.0.0.1");
        FakeConnection b = new FakeConnection("10.0.0.2");
        FakeConnection c = new FakeConnection("10.0.0.3");
        SignalTracker.Client clientA = tracker.open(a);
        SignalTracker.Client clientB = tracker.open(b);
        SignalTracker.Client clientC = tracker.open(c);
        tracker.message(clientA, announce(1, "started", 0, "0"));
        tracker.message(clientB, announce(2, "started", 0, "5"));
        tracker.message(clientC, announce(3, "started", 0, "5"));
        assertEquals(3, tracker.peerCount());

        tracker.message(clientA, announce(1, "stopped", 0, "0"));
        assertEquals(2, tracker.peerCount());
        tracker.closed(clientB);
        assertEquals(1, tracker.peerCount());

        clock.addAndGet(SignalTracker.PEER_LIFETIME_MS + 1);
        tracker.expireAll();
        assertEquals(0, tracker.peerCount());
        assertEquals(0, tracker.swarmCount());
    }

    @Test
    void completedPeersCountAsSeedersAndScrapeReportsThem() throws Exception {
        SignalTracker tracker = tracker(false, Set.of());
        FakeConnection a = new FakeConnection("10.0.0.1");
        SignalTracker.Client clientA = tracker.open(a);
        tracker.message(clientA, announce(1, "started", 0, "100"));
        tracker.message(clientA, announce(1, "completed", 0, "0"));
        assertEquals(1, a.last().path("complete").asInt());
        assertEquals(0, a.last().path("incomplete").asInt());

        ObjectNode scrape = JSON.createObjectNode();
        scrape.put("action", "scrape");
        scrape.putArray("info_hash").add(HASH_TEXT);
        tracker.message(clientA, scrape.toString());
        JsonNode files = a.last().path("files");
        assertEquals("scrape", a.last().path("action").asText());
        assertEquals(1, files.path(HASH_TEXT).path("complete").asInt());
        assertEquals(1, files.path(HASH_TEXT).path("downloaded").asInt());
        assertEquals(0, files.path(HASH_TEXT).path("incomplete").asInt());
    }

    @Test
    void anUnknownTorrentIsRefusedTheConnectionClosedAndTheAddressBlocked() throws Exception {
        SignalTracker tracker = tracker(true, Set.of());
        FakeConnection a = new FakeConnection("10.0.0.9");
        tracker.message(tracker.open(a), announce(1, "started", 2, "5"));
        assertTrue(a.last().path("failure reason").asText().contains("unknown info_hash"), a.last().toString());
        assertEquals(SignalTracker.POLICY_VIOLATION, a.closedWith);
        assertEquals(0, tracker.peerCount());
        assertTrue(tracker.isBlocked("10.0.0.9"));
        assertFalse(tracker.isBlocked("10.0.0.10"));
        clock.addAndGet(SignalTracker.BLOCK_MS);
        assertFalse(tracker.isBlocked("10.0.0.9"), "blocked for three minutes");
    }

    @Test
    void aDisabledTrackerRefusesAnnounces() throws Exception {
        SignalTracker tracker = new SignalTracker(false, false, false, new KnownInfoHashes(h -> true, clock::get),
                clock::get);
        FakeConnection a = new FakeConnection("10.0.0.1");
        tracker.message(tracker.open(a), announce(1, "started", 0, "5"));
        assertEquals("the tracker is disabled", a.last().path("failure reason").asText());
        assertEquals(0, tracker.peerCount());
    }

    @Test
    void malformedMessagesGetAFailureAndTheConnectionStays() throws Exception {
        SignalTracker tracker = tracker(false, Set.of());
        FakeConnection a = new FakeConnection("10.0.0.1");
        SignalTracker.Client client = tracker.open(a);
        String validHash = JSON.writeValueAsString(HASH_TEXT);
        String[][] cases = {
            {"not json at all", "invalid JSON"},
            {"{\"action\":", "invalid JSON"},
            {"[1,2,3]", "invalid request: a JSON object is expected"},
            {"42", "invalid request: a JSON object is expected"},
            {"{\"action\":\"delete\"}", "invalid action"},
            {"{\"info_hash\":" + validHash + "}", "invalid action"},
            {"{\"action\":\"announce\",\"info_hash\":\"short\",\"peer_id\":\"" + peerId(1) + "\"}",
                "invalid info_hash"},
            {"{\"action\":\"announce\",\"info_hash\":12345,\"peer_id\":\"" + peerId(1) + "\"}", "invalid info_hash"},
            {"{\"action\":\"announce\",\"info_hash\":\"\\u0100aaaaaaaaaaaaaaaaaaa\",\"peer_id\":\"" + peerId(1)
                + "\"}", "invalid info_hash"},
            {"{\"action\":\"announce\",\"info_hash\":" + validHash + ",\"peer_id\":\"x\"}", "invalid peer_id"},
            {"{\"action\":\"announce\",\"info_hash\":" + validHash + ",\"peer_id\":null}", "invalid peer_id"},
            {"{\"action\":\"announce\",\"info_hash\":" + validHash + ",\"peer_id\":\"" + peerId(1)
                + "\",\"offers\":\"many\"}", "invalid offers"},
            {"{\"action\":\"announce\",\"info_hash\":" + validHash + ",\"peer_id\":\"" + peerId(1)
                + "\",\"offers\":[{\"offer\":\"sdp\"}]}", "invalid offers"},
            {"{\"action\":\"announce\",\"info_hash\":" + validHash + ",\"peer_id\":\"" + peerId(1)
                + "\",\"event\":\"exploded\"}", "invalid event"},
            {"{\"action\":\"announce\",\"info_hash\":" + validHash + ",\"peer_id\":\"" + peerId(1)
                + "\",\"answer\":{\"sdp\":\"x\"},\"offer_id\":\"o\"}",
                "invalid answer: to_peer_id, offer_id and an answer object are required"},
            {"{\"action\":\"scrape\"}", "name the torrents to scrape with info_hash"},
            {"{\"action\":\"scrape\",\"info_hash\":[\"nope\"]}", "invalid info_hash"},
            {"[".repeat(100) + "]".repeat(100), "invalid JSON"},
        };
        for (String[] c : cases) {
            tracker.message(client, c[0]);
            assertEquals(c[1], a.last().path("failure reason").asText(), c[0]);
            assertEquals(0, a.closedWith, c[0]);
        }
        assertEquals(0, tracker.peerCount());
    }

    @Test
    void aConnectionKeepsItsPeerIdAndCannotTakeAnotherPeersId() throws Exception {
        SignalTracker tracker = tracker(false, Set.of());
        FakeConnection a = new FakeConnection("10.0.0.1");
        FakeConnection intruder = new FakeConnection("10.0.0.66");
        SignalTracker.Client clientA = tracker.open(a);
        tracker.message(clientA, announce(1, "started", 0, "5"));
        tracker.message(clientA, announce(2, null, 0, "5"));
        assertEquals("peer_id differs from the connection's", a.last().path("failure reason").asText());

        SignalTracker.Client clientIntruder = tracker.open(intruder);
        tracker.message(clientIntruder, announce(1, "started", 0, "5"));
        assertEquals("peer_id in use", intruder.last().path("failure reason").asText());

        // The same peer, reconnected from the same address, takes its place over.
        FakeConnection again = new FakeConnection("10.0.0.1");
        SignalTracker.Client clientAgain = tracker.open(again);
        tracker.message(clientAgain, announce(1, "started", 0, "5"));
        assertNull(again.last().get("failure reason"));
        tracker.closed(clientA);
        assertEquals(1, tracker.peerCount(), "the old connection's close does not remove the new one");
    }

    @Test
    void oversizedMessagesAndFloodsCloseTheConnection() throws Exception {
        SignalTracker tracker = tracker(false, Set.of());
        FakeConnection a = new FakeConnection("10.0.0.1");
        tracker.message(tracker.open(a), "{\"action\":\"announce\",\"x\":\"" + "a".repeat(
                SignalTracker.MAX_MESSAGE_CHARS) + "\"}");
        assertEquals("message too large", a.last().path("failure reason").asText());
        assertEquals(SignalTracker.TOO_BIG, a.closedWith);

        SignalTracker limited = new SignalTracker(true, false, false, new KnownInfoHashes(h -> true, clock::get),
                clock::get, 10);
        FakeConnection flood = new FakeConnection("10.0.0.2");
        SignalTracker.Client client = limited.open(flood);
        for (int i = 0; i < 10; i++) {
            limited.message(client, announce(1, null, 0, "5"));
            assertEquals(0, flood.closedWith);
        }
        limited.message(client, announce(1, null, 0, "5"));
        assertEquals("too many messages from this address", flood.last().path("failure reason").asText());
        assertEquals(SignalTracker.POLICY_VIOLATION, flood.closedWith);
    }

    @Test
    void noLimitPerAddressWhenSetToZero() throws Exception {
        SignalTracker unlimited = new SignalTracker(true, false, false, new KnownInfoHashes(h -> true, clock::get),
                clock::get, 0);
        FakeConnection busy = new FakeConnection("10.0.0.2");
        SignalTracker.Client client = unlimited.open(busy);
        for (int i = 0; i < SignalTracker.MESSAGES_PER_ADDRESS + 10; i++) {
            unlimited.message(client, announce(1, null, 0, "5"));
        }
        assertEquals(0, busy.closedWith);
        assertNull(busy.last().get("failure reason"));
    }

    @Test
    void swarmsAndConnectionsAreBounded() throws Exception {
        SignalTracker tracker = tracker(false, Set.of());
        List<FakeConnection> connections = new ArrayList<>();
        for (int i = 0; i < SignalTracker.MAX_PEERS_PER_SWARM; i++) {
            FakeConnection connection = new FakeConnection("10.1." + (i / 250) + "." + (i % 250));
            connections.add(connection);
            tracker.message(tracker.open(connection), announce(i, "started", 0, "5"));
        }
        FakeConnection late = new FakeConnection("10.2.0.1");
        tracker.message(tracker.open(late), announce(5000, "started", 0, "5"));
        assertEquals("the swarm is full", late.last().path("failure reason").asText());
        assertEquals(SignalTracker.MAX_PEERS_PER_SWARM, tracker.peerCount());

        SignalTracker another = tracker(false, Set.of());
        FakeConnection greedy = new FakeConnection("10.3.0.1");
        SignalTracker.Client client = another.open(greedy);
        AtomicInteger refused = new AtomicInteger();
        for (int i = 0; i <= SignalTracker.MAX_SWARMS_PER_CONNECTION; i++) {
            byte[] hash = new byte[20];
            hash[0] = (byte) i;
            hash[1] = (byte) (i >> 8);
            ObjectNode message = JSON.createObjectNode();
            message.put("action", "announce");
            message.put("info_hash", new String(hash, StandardCharsets.ISO_8859_1));
            message.put("peer_id", peerId(1));
            message.put("left", 5);
            another.message(client, message.toString());
            if (greedy.last().has("failure reason")) {
                refused.incrementAndGet();
                assertEquals("too many torrents on this connection", greedy.last().path("failure reason").asText());
            }
        }
        assertEquals(1, refused.get());
        assertEquals(SignalTracker.MAX_SWARMS_PER_CONNECTION, another.swarmCount());
    }
}
