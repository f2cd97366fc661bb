package org.bobine.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * End-to-end: the WebSocket tracker at {@code /tracker/socket}, driven with plain WebSocket clients sending
 * {@code bittorrent-tracker}'s JSON messages (WebRTC itself needs browsers): an offer goes from one peer to the
 * other and the answer comes back; malformed and oversized messages and unknown torrents are refused, and the
 * address that announced an unknown torrent cannot connect for a while. The last test blocks the test's address,
 * so it runs last.
 */
@Timeout(300)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebSocketTrackerIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String PASSWORD = "a good password";
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    static Path temporary;

    static RunningInstance instance;
    static String infoHash;

    @BeforeAll
    static void start() throws Exception {
        Path data = temporary.resolve("data");
        Files.createDirectories(data);
        instance = RunningInstance.startWithRoot(data, PASSWORD);
        String root = JSON.readTree(instance.postForm("/api/v1/users/token",
                instance.oauthClient().passwordGrant("root", PASSWORD), null).body()).path("access_token").asText();
        long channel = JSON.readTree(instance.call("GET", "/api/v1/video-channels/root_channel", null, null).body())
                .path("id").asLong();
        String uuid = TorrentIT.upload(instance, root, "Signalling", channel, UploadIT.mp4(320, 240, 1, 25, 100_000));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Pattern btih = Pattern.compile("xt=urn:btih:([0-9a-f]{40})");
        while (infoHash == null && System.nanoTime() < deadline) {
            JsonNode video = JSON.readTree(instance.call("GET", "/api/v1/videos/" + uuid, null, null).body());
            Matcher magnet = btih.matcher(video.path("files").path(0).path("magnetUri").asText(""));
            if (magnet.find()) {
                infoHash = magnet.group(1);
            } else {
                Thread.sleep(250);
            }
        }
        assertThat(infoHash).as("the video's torrent").isNotNull();
    }

    @AfterAll
    static void stop() throws Exception {
        if (instance != null) {
            instance.close();
        }
    }

    /** A WebSocket client that queues what it receives. */
    static final class Client implements WebSocket.Listener {
        final BlockingQueue<String> received = new LinkedBlockingQueue<>();
        final StringBuilder partial = new StringBuilder();
        volatile int closeCode;
        WebSocket socket;

        static Client connect(RunningInstance instance) throws Exception {
            Client client = new Client();
            client.socket = HTTP.newWebSocketBuilder().connectTimeout(WAIT)
                    .buildAsync(URI.create("ws://localhost:" + instance.port + "/tracker/socket"), client)
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS);
            return client;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                received.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            received.add("closed by an error: " + error);
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeCode = statusCode;
            received.add("closed " + statusCode);
            return null;
        }

        void send(Object message) throws Exception {
            socket.sendText(message instanceof String text ? text : JSON.writeValueAsString(message), true)
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }

        JsonNode next() throws Exception {
            String message = received.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(message).as("a message from the tracker").isNotNull();
            assertThat(message).as("a message, not a close").doesNotStartWith("closed ");
            return JSON.readTree(message);
        }

        String closed() throws Exception {
            String message;
            do {
                message = received.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            } while (message != null && !message.startsWith("closed "));
            return message;
        }
    }

    private static String binary(String hex) {
        return new String(HexFormat.of().parseHex(hex), StandardCharsets.ISO_8859_1);
    }

    private static ObjectNode announce(String hex, String peerId, long left, int offers) {
        ObjectNode message = JSON.createObjectNode();
        message.put("action", "announce");
        message.put("info_hash", binary(hex));
        message.put("peer_id", peerId);
        message.put("numwant", Math.max(offers, 1));
        message.put("uploaded", 0);
        message.put("downloaded", 0);
        message.put("left", left);
        message.put("event", "started");
        var array = message.putArray("offers");
        for (int i = 0; i < offers; i++) {
            ObjectNode offer = array.addObject();
            offer.putObject("offer").put("type", "offer").put("sdp", "v=0\r\no=- " + peerId + " " + i + "\r\n");
            offer.put("offer_id", "offer" + i + "-" + peerId);
        }
        return message;
    }

    @Test
    @Order(1)
    void anOfferGoesToAnotherPeerAndTheAnswerComesBack() throws Exception {
        Client seeder = Client.connect(instance);
        Client leecher = Client.connect(instance);
        String seederId = "-WW0100-seeder000001";
        String leecherId = "-WW0100-leecher00002";

        seeder.send(announce(infoHash, seederId, 0, 0));
        JsonNode seederReply = seeder.next();
        assertThat(seederReply.path("action").asText()).isEqualTo("announce");
        assertThat(seederReply.path("interval").asInt()).isEqualTo(120);
        assertThat(seederReply.path("info_hash").asText()).isEqualTo(binary(infoHash));
        assertThat(seederReply.path("complete").asInt()).isEqualTo(1);

        leecher.send(announce(infoHash, leecherId, 1000, 3));
        JsonNode leecherReply = leecher.next();
        assertThat(leecherReply.path("complete").asInt()).isEqualTo(1);
        assertThat(leecherReply.path("incomplete").asInt()).isEqualTo(1);

        JsonNode offer = seeder.next();
        assertThat(offer.path("peer_id").asText()).isEqualTo(leecherId);
        assertThat(offer.path("info_hash").asText()).isEqualTo(binary(infoHash));
        assertThat(offer.path("offer").path("type").asText()).isEqualTo("offer");
        assertThat(offer.path("offer").path("sdp").asText()).contains(leecherId);
        String offerId = offer.path("offer_id").asText();
        assertThat(offerId).startsWith("offer0-");

        ObjectNode answer = JSON.createObjectNode();
        answer.put("action", "announce");
        answer.put("info_hash", binary(infoHash));
        answer.put("peer_id", seederId);
        answer.put("to_peer_id", leecherId);
        answer.put("offer_id", offerId);
        answer.putObject("answer").put("type", "answer").put("sdp", "v=0\r\no=- answer\r\n");
        seeder.send(answer);
        JsonNode forwarded = leecher.next();
        assertThat(forwarded.path("answer").path("sdp").asText()).isEqualTo("v=0\r\no=- answer\r\n");
        assertThat(forwarded.path("offer_id").asText()).isEqualTo(offerId);
        assertThat(forwarded.path("peer_id").asText()).isEqualTo(seederId);

        ObjectNode scrape = JSON.createObjectNode();
        scrape.put("action", "scrape");
        scrape.put("info_hash", binary(infoHash));
        leecher.send(scrape);
        JsonNode counts = leecher.next().path("files").path(binary(infoHash));
        assertThat(counts.path("complete").asInt()).isEqualTo(1);
        assertThat(counts.path("incomplete").asInt()).isEqualTo(1);

        // A peer that disconnects leaves the swarm at once.
        seeder.socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(WAIT.toSeconds(), TimeUnit.SECONDS);
        seeder.closed();
        long deadline = System.nanoTime() + WAIT.toNanos();
        int complete;
        do {
            leecher.send(scrape);
            complete = leecher.next().path("files").path(binary(infoHash)).path("complete").asInt();
        } while (complete != 0 && System.nanoTime() < deadline);
        assertThat(complete).isZero();
        leecher.socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
    }

    @Test
    @Order(2)
    void malformedAndOversizedMessagesAreRefused() throws Exception {
        Client client = Client.connect(instance);
        client.send("{\"action\":\"announce\",");
        assertThat(client.next().path("failure reason").asText()).isEqualTo("invalid JSON");
        client.send("{\"action\":\"announce\",\"info_hash\":\"tooshort\",\"peer_id\":\"-WW0100-000000000003\"}");
        assertThat(client.next().path("failure reason").asText()).isEqualTo("invalid info_hash");
        client.send(announce(infoHash, "-WW0100-short", 5, 0));
        assertThat(client.next().path("failure reason").asText()).isEqualTo("invalid peer_id");
        // Still connected, and still answered.
        client.send(announce(infoHash, "-WW0100-000000000003", 5, 0));
        assertThat(client.next().path("interval").asInt()).isEqualTo(120);

        // The tracker closes the connection (1009) as soon as it reads the frame's length, which may be before
        // the client has finished writing it.
        client.socket.sendText("{\"action\":\"announce\",\"padding\":\"" + "x".repeat(400_000) + "\"}", true);
        String closed = client.closed();
        assertThat(closed).isNotNull();
        assertThat(closed.equals("closed 1009") || closed.startsWith("closed by an error")).as(closed).isTrue();
        assertThat(HTTP.send(java.net.http.HttpRequest.newBuilder(URI.create("http://localhost:" + instance.port
                + "/api/v1/ping")).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(200);
    }

    @Test
    @Order(3)
    void anUnknownTorrentClosesTheSocketAndBlocksTheAddress() throws Exception {
        Client client = Client.connect(instance);
        client.send(announce("ab".repeat(20), "-WW0100-000000000004", 5, 1));
        JsonNode refusal = client.next();
        assertThat(refusal.path("failure reason").asText()).contains("unknown info_hash");
        assertThat(client.closed()).isEqualTo("closed 1008");

        assertThatThrownBy(() -> Client.connect(instance)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(WebSocketHandshakeException.class);
        // The HTTP tracker is not affected by the block.
        assertThat(HTTP.send(java.net.http.HttpRequest.newBuilder(URI.create("http://localhost:" + instance.port
                + "/tracker/scrape?info_hash=" + "%ab".repeat(20))).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    }
}
