import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load for the WebSocket tracker over the network: connections that each join some swarms (one peer per swarm and
 * connection, as a page with several torrents), then announce in a closed loop, one announce in flight per
 * connection. Prints "joined <peers>" once every peer is in its swarm, waits for a line on standard input (so that
 * the caller can read the server's memory), then prints "measuring" and "measured" around the measured window (so
 * that the caller can read the server's CPU time) and one line of JSON with the announces answered per second.
 *
 * <p>Arguments: url connections swarmsPerConnection swarms seconds offers
 */
public final class WsLoad {

    static final AtomicLong ANSWERED = new AtomicLong();
    static final AtomicLong RELAYED = new AtomicLong();
    static final AtomicLong FAILURES = new AtomicLong();
    static volatile boolean measuring;
    static volatile boolean running = true;

    static final class Peer implements WebSocket.Listener {
        final String peerId;
        final String[] hashes;
        final int offers;
        final StringBuilder partial = new StringBuilder();
        WebSocket socket;
        CompletableFuture<WebSocket> sending;
        int next;
        CountDownLatch joined;
        int pendingJoins;

        Peer(String peerId, String[] hashes, int offers) {
            this.peerId = peerId;
            this.hashes = hashes;
            this.offers = offers;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String message = partial.toString();
                partial.setLength(0);
                if (message.contains("\"failure reason\"")) {
                    FAILURES.incrementAndGet();
                    System.err.println(message);
                } else if (message.contains("\"offer\"")) {
                    RELAYED.incrementAndGet();
                } else if (message.contains("\"interval\"")) {
                    if (joined != null) {
                        if (--pendingJoins == 0) {
                            CountDownLatch latch = joined;
                            joined = null;
                            latch.countDown();
                        }
                    } else {
                        if (measuring) {
                            ANSWERED.incrementAndGet();
                        }
                        if (running) {
                            announce(null);
                        }
                    }
                }
            }
            webSocket.request(1);
            return null;
        }

        void announce(String event) {
            String hash = hashes[next];
            next = (next + 1) % hashes.length;
            StringBuilder message = new StringBuilder(256).append("{\"action\":\"announce\",\"info_hash\":")
                    .append(quoted(hash)).append(",\"peer_id\":\"").append(peerId).append("\",\"numwant\":")
                    .append(offers).append(",\"uploaded\":0,\"downloaded\":0,\"left\":1000");
            if (event != null) {
                message.append(",\"event\":\"").append(event).append('"');
            }
            message.append(",\"offers\":[");
            for (int i = 0; i < offers; i++) {
                message.append(i == 0 ? "" : ",").append("{\"offer\":{\"type\":\"offer\",\"sdp\":\"v=0\\r\\no=- ")
                        .append(peerId).append(' ').append(i).append(" 2 IN IP4 127.0.0.1\\r\\ns=-\\r\\nt=0 0\\r\\n"
                        + "m=application 9 UDP/DTLS/SCTP webrtc-datachannel\\r\\na=ice-ufrag:abcd\\r\\n\"},"
                        + "\"offer_id\":\"").append(String.format(Locale.ROOT, "%020d", i)).append("\"}");
            }
            message.append("]}");
            String text = message.toString();
            synchronized (this) {
                // One send at a time per WebSocket: each waits for the previous one.
                sending = (sending == null ? CompletableFuture.completedFuture(socket) : sending)
                        .thenCompose(ws -> ws.sendText(text, true));
            }
        }
    }

    /** A binary string (each character one byte) as a JSON string literal. */
    static String quoted(String binary) {
        StringBuilder out = new StringBuilder(binary.length() + 8).append('"');
        for (char c : binary.toCharArray()) {
            if (c < 0x20 || c == '"' || c == '\\' || c > 0x7e) {
                out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    public static void main(String[] args) throws Exception {
        URI url = URI.create(args[0]);
        int connections = Integer.parseInt(args[1]);
        int perConnection = Integer.parseInt(args[2]);
        int swarms = Integer.parseInt(args[3]);
        int seconds = Integer.parseInt(args[4]);
        int offers = Integer.parseInt(args[5]);
        String[] hashes = new String[swarms];
        for (int i = 0; i < swarms; i++) {
            byte[] sha1 = MessageDigest.getInstance("SHA-1").digest(("swarm " + i).getBytes(StandardCharsets.UTF_8));
            hashes[i] = new String(sha1, StandardCharsets.ISO_8859_1);
        }
        HttpClient client = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(2)).build();
        List<Peer> peers = new ArrayList<>();
        int groups = swarms / perConnection;
        for (int c = 0; c < connections; c++) {
            String[] mine = new String[perConnection];
            int group = c % groups;
            for (int k = 0; k < perConnection; k++) {
                mine[k] = hashes[group * perConnection + k];
            }
            Peer peer = new Peer(String.format(Locale.ROOT, "-BB0001-%012d", c), mine, offers);
            peer.socket = client.newWebSocketBuilder().buildAsync(url, peer).get(30, TimeUnit.SECONDS);
            peers.add(peer);
        }
        // Join: each connection announces "started" for each of its swarms, one after another.
        for (Peer peer : peers) {
            for (int k = 0; k < perConnection; k++) {
                CountDownLatch latch = new CountDownLatch(1);
                peer.pendingJoins = 1;
                peer.joined = latch;
                peer.announce("started");
                if (!latch.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("no answer to a join");
                }
            }
        }
        System.out.println("joined " + connections * perConnection);
        System.out.flush();
        new java.io.BufferedReader(new java.io.InputStreamReader(System.in)).readLine();
        for (Peer peer : peers) {
            peer.announce(null);
        }
        Thread.sleep(2000);
        System.out.println("measuring");
        System.out.flush();
        measuring = true;
        long start = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        measuring = false;
        double elapsed = (System.nanoTime() - start) / 1e9;
        System.out.println("measured");
        System.out.flush();
        running = false;
        System.out.printf(Locale.ROOT, "{\"connections\":%d,\"peers\":%d,\"offers\":%d,\"announces_per_s\":%.0f,"
                + "\"offers_relayed\":%d,\"failures\":%d}%n", connections, connections * perConnection, offers,
                ANSWERED.get() / elapsed, RELAYED.get(), FAILURES.get());
        System.out.flush();
        List<CompletableFuture<WebSocket>> closing = new ArrayList<>();
        for (Peer peer : peers) {
            closing.add(peer.socket.sendClose(WebSocket.NORMAL_CLOSURE, "done"));
        }
        CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        System.exit(0);
    }
}
