package org.bobine.p2p.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The WebSocket tracker's protocol in one process, without the network: peers in swarms, each announce read,
 * recorded, answered and its offers relayed to fake connections. Prints one line of JSON: announces per second
 * with the given threads, the same for the reference (Jackson reading the same message and writing a reply of
 * the same shape, the least any tracker in Java does per announce), and the heap kept per peer.
 *
 * <p>Arguments: peers swarms threads seconds offers
 */
public final class SignalTrackerBench {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A connection that only counts what it is sent. */
    static final class Sink implements SignalTracker.Connection {
        static final LongAdder SENT = new LongAdder();
        final String address;

        Sink(String address) {
            this.address = address;
        }

        @Override
        public String address() {
            return address;
        }

        @Override
        public boolean send(String text) {
            SENT.increment();
            return true;
        }

        @Override
        public void close(int code, String reason) {
            throw new IllegalStateException("closed: " + reason);
        }
    }

    public static void main(String[] args) throws Exception {
        int peers = Integer.parseInt(args[0]);
        int swarms = Integer.parseInt(args[1]);
        int threads = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        int offers = Integer.parseInt(args[4]);

        String[] hashes = new String[swarms];
        for (int i = 0; i < swarms; i++) {
            byte[] sha1 = MessageDigest.getInstance("SHA-1").digest(("swarm " + i).getBytes(StandardCharsets.UTF_8));
            hashes[i] = new String(sha1, StandardCharsets.ISO_8859_1);
        }
        AtomicLong clock = new AtomicLong(System.currentTimeMillis());
        List<String[]> messages = new ArrayList<>(peers);
        List<String> starts = new ArrayList<>(peers);
        List<Sink> sinks = new ArrayList<>(peers);
        for (int p = 0; p < peers; p++) {
            String peerId = String.format(Locale.ROOT, "-BB0001-%012d", p);
            String hash = hashes[p % swarms];
            starts.add(announce(hash, peerId, "started", 0));
            messages.add(new String[] {announce(hash, peerId, null, offers)});
            sinks.add(new Sink("10." + (p >> 16 & 255) + "." + (p >> 8 & 255) + "." + (p & 255)));
        }
        // The heap the tracker keeps per peer: its client, its entry in a swarm (the connections themselves are
        // the server's, and counted apart).
        long before = usedHeap();
        SignalTracker tracker = new SignalTracker(true, false, false, new KnownInfoHashes(h -> true, clock::get),
                clock::get, 0);
        List<SignalTracker.Client> clients = new ArrayList<>(peers);
        for (int p = 0; p < peers; p++) {
            SignalTracker.Client client = tracker.open(sinks.get(p));
            clients.add(client);
            tracker.message(client, starts.get(p));
        }
        starts.clear();
        long after = usedHeap();
        if (tracker.peerCount() != peers || tracker.swarmCount() != swarms) {
            throw new IllegalStateException(tracker.peerCount() + " peers in " + tracker.swarmCount() + " swarms");
        }
        double bytesPerPeer = (double) (after - before - 16L * peers) / peers; // less the clients list

        Step referenceStep = (p, message) -> {
            JsonNode request = JSON.readTree(message);
            ObjectNode reply = JSON.createObjectNode();
            reply.put("action", "announce");
            reply.put("interval", 120);
            reply.put("info_hash", request.path("info_hash").asText());
            reply.put("complete", 0);
            reply.put("incomplete", 100);
            Sink.SENT.add(reply.toString().length() > 0 ? 1 : 0);
        };
        Step trackerStep = (p, message) -> tracker.message(clients.get(p), message);
        run(threads, 1, peers, referenceStep, messages); // both compiled before either is measured
        run(threads, 1, peers, trackerStep, messages);
        double reference = run(threads, seconds, peers, referenceStep, messages);
        double tracked = run(threads, seconds, peers, trackerStep, messages);
        System.out.printf(Locale.ROOT, "{\"peers\":%d,\"swarms\":%d,\"threads\":%d,\"offers\":%d,"
                + "\"announces_per_s\":%.0f,\"reference_per_s\":%.0f,\"heap_bytes_per_peer\":%.0f}%n", peers,
                swarms, threads, offers, tracked, reference, bytesPerPeer);
    }

    interface Step {
        void run(int peer, String message) throws Exception;
    }

    /** Each thread announces for its share of the peers in turn; a warm-up second first. */
    private static double run(int threads, int seconds, int peers, Step step, List<String[]> messages)
            throws Exception {
        LongAdder done = new LongAdder();
        long warmUpEnd = System.nanoTime() + 1_000_000_000L;
        long end = warmUpEnd + seconds * 1_000_000_000L;
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int first = t;
            Thread worker = new Thread(() -> {
                int p = first;
                try {
                    while (true) {
                        long now = System.nanoTime();
                        if (now > end) {
                            return;
                        }
                        step.run(p, messages.get(p)[0]);
                        if (now > warmUpEnd) {
                            done.increment();
                        }
                        p += threads;
                        if (p >= peers) {
                            p = first;
                        }
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            worker.start();
            workers.add(worker);
        }
        for (Thread worker : workers) {
            worker.join();
        }
        return done.sum() / (double) seconds;
    }

    private static String announce(String hash, String peerId, String event, int offers) throws Exception {
        ObjectNode message = JSON.createObjectNode();
        message.put("action", "announce");
        message.put("info_hash", hash);
        message.put("peer_id", peerId);
        message.put("numwant", offers);
        message.put("uploaded", 0);
        message.put("downloaded", 0);
        message.put("left", 1000);
        if (event != null) {
            message.put("event", event);
        }
        var array = message.putArray("offers");
        for (int i = 0; i < offers; i++) {
            ObjectNode offer = array.addObject();
            offer.putObject("offer").put("type", "offer").put("sdp", "v=0\r\no=- " + peerId + " " + i
                    + " 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE 0\r\nm=application 9 UDP/DTLS/SCTP "
                    + "webrtc-datachannel\r\nc=IN IP4 0.0.0.0\r\na=ice-ufrag:abcd\r\na=ice-pwd:" + "x".repeat(24)
                    + "\r\na=fingerprint:sha-256 " + "AB:".repeat(31) + "AB\r\na=setup:actpass\r\na=mid:0\r\n"
                    + "a=sctp-port:5000\r\n");
            offer.put("offer_id", String.format(Locale.ROOT, "%020d", i));
        }
        return JSON.writeValueAsString(message);
    }

    private static long usedHeap() throws InterruptedException {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
