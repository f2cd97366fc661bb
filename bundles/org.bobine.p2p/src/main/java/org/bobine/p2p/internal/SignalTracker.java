package org.bobine.p2p.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The WebSocket tracker's protocol, apart from any transport: the WebRTC signalling of {@code bittorrent-tracker}
 * ("WebTorrent" trackers), which WebTorrent and p2p-media-loader speak. A peer announces a torrent (or an HLS
 * swarm id) with WebRTC offers; the tracker answers with the swarm's counts and relays each offer to another peer
 * of the swarm, and relays the answers back to the offering peer. Swarms live in memory and are bounded: peers
 * per swarm, swarms in all, torrents per connection, messages per address, the size of a message.
 *
 * <p>Private like the HTTP tracker: an unknown info hash is refused, the connection is closed and its address
 * is blocked for three minutes (as PeerTube does).
 *
 * <p>Thread-safe: connections call in from any thread; each swarm is locked on its own.
 */
final class SignalTracker {

    /** What the tracker needs of a WebSocket connection. */
    interface Connection {
        /** @return the client's address, as the connection shows it */
        String address();

        /**
         * Sends a text message without waiting.
         *
         * @return false when the message was dropped (the connection is closed, or too far behind)
         */
        boolean send(String text);

        /** Closes the connection with a WebSocket close code. */
        void close(int code, String reason);
    }

    /** A connection's state: its peer id (fixed by its first announce) and the swarms it joined. */
    static final class Client {
        final Connection connection;
        private String peerId;
        private final Set<String> infoHashes = new HashSet<>();

        Client(Connection connection) {
            this.connection = connection;
        }
    }

    /** A peer of a swarm: a client, as it announced this swarm. */
    private static final class Peer {
        final String peerId;
        final Client client;
        boolean complete;
        long seenAt;
        int index;

        Peer(String peerId, Client client) {
            this.peerId = peerId;
            this.client = client;
        }
    }

    /** Peers by id, and in a list so that a random choice costs no copy. */
    private static final class Swarm {
        final Map<String, Peer> byId = new HashMap<>();
        final List<Peer> list = new ArrayList<>();
        int complete;
        int downloaded;

        void add(Peer peer) {
            peer.index = list.size();
            list.add(peer);
            byId.put(peer.peerId, peer);
            if (peer.complete) {
                complete++;
            }
        }

        void remove(Peer peer) {
            byId.remove(peer.peerId);
            Peer last = list.remove(list.size() - 1);
            if (last != peer) {
                last.index = peer.index;
                list.set(peer.index, last);
            }
            if (peer.complete) {
                complete--;
            }
        }
    }

    /** Seconds between announces that WebSocket clients are told: a fifth of the HTTP interval, as upstream. */
    static final int INTERVAL = 120;
    /** A peer that has not announced for this long is dropped, even if its connection stays open. */
    static final long PEER_LIFETIME_MS = TimeUnit.SECONDS.toMillis(2L * INTERVAL + 60);
    /** The longest message read, in characters: a few offers' SDP is a few kilobytes each. */
    static final int MAX_MESSAGE_CHARS = 64 * 1024;
    /** The most offers relayed for one announce (upstream relays up to 82; browsers send 10 or fewer). */
    static final int MAX_OFFERS = 20;
    static final int MAX_PEERS_PER_SWARM = 1000;
    static final int MAX_SWARMS = 100_000;
    /** Torrents one connection may be in at once: a page shares one socket for all its torrents. */
    static final int MAX_SWARMS_PER_CONNECTION = 100;
    static final int MAX_SCRAPE_HASHES = 80;
    static final int MAX_OFFER_ID_CHARS = 100;
    /**
     * Messages per address in five minutes, by default (ten times the HTTP tracker's announces): announces every
     * two minutes per torrent, plus answers to other peers' offers.
     */
    static final int MESSAGES_PER_ADDRESS = 10 * HttpTracker.ANNOUNCES_PER_ADDRESS;
    static final long WINDOW_MS = TimeUnit.MINUTES.toMillis(5);
    static final long BLOCK_MS = TimeUnit.MINUTES.toMillis(3);
    static final int MAX_BLOCKED = 100_000;

    /** WebSocket close codes (RFC 6455 §7.4.1). */
    static final int POLICY_VIOLATION = 1008;
    static final int TOO_BIG = 1009;

    private static final HexFormat HEX = HexFormat.of();
    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(16)
                    .maxStringLength(MAX_MESSAGE_CHARS).maxNumberLength(32).build())
            .build());

    private final boolean enabled;
    private final boolean privateTracker;
    private final boolean rejectTooManyAnnounces;
    private final KnownInfoHashes known;
    private final LongSupplier clock;
    private final Map<String, Swarm> swarms = new ConcurrentHashMap<>();
    private final AnnounceLimiter perAddress;
    private final AnnounceLimiter perAddressAndTorrent;
    private final Map<String, Long> blocked = new LinkedHashMap<>(1024, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > MAX_BLOCKED;
        }
    };

    SignalTracker(boolean enabled, boolean privateTracker, boolean rejectTooManyAnnounces, KnownInfoHashes known,
            LongSupplier clock) {
        this(enabled, privateTracker, rejectTooManyAnnounces, known, clock, MESSAGES_PER_ADDRESS);
    }

    /** @param messagesPerAddress in five minutes; 0 for no limit */
    SignalTracker(boolean enabled, boolean privateTracker, boolean rejectTooManyAnnounces, KnownInfoHashes known,
            LongSupplier clock, int messagesPerAddress) {
        this.enabled = enabled;
        this.privateTracker = privateTracker;
        this.rejectTooManyAnnounces = rejectTooManyAnnounces;
        this.known = known;
        this.clock = clock;
        this.perAddress = messagesPerAddress <= 0 ? null
                : new AnnounceLimiter(messagesPerAddress, WINDOW_MS, 100_000, clock);
        this.perAddressAndTorrent = new AnnounceLimiter(HttpTracker.ANNOUNCES_PER_ADDRESS_AND_TORRENT, WINDOW_MS,
                100_000, clock);
    }

    /** @return whether a connection from this address is refused (it announced an unknown torrent lately) */
    boolean isBlocked(String address) {
        synchronized (blocked) {
            Long until = blocked.get(address);
            if (until == null) {
                return false;
            }
            if (clock.getAsLong() < until) {
                return true;
            }
            blocked.remove(address);
            return false;
        }
    }

    Client open(Connection connection) {
        return new Client(connection);
    }

    /** A connection closed: its peers leave their swarms at once. */
    void closed(Client client) {
        String peerId;
        List<String> hashes;
        synchronized (client) {
            peerId = client.peerId;
            hashes = List.copyOf(client.infoHashes);
            client.infoHashes.clear();
        }
        if (peerId == null) {
            return;
        }
        for (String hash : hashes) {
            Swarm swarm = swarms.get(hash);
            if (swarm == null) {
                continue;
            }
            synchronized (swarm) {
                Peer peer = swarm.byId.get(peerId);
                if (peer != null && peer.client == client) {
                    swarm.remove(peer);
                    dropIfEmpty(hash, swarm);
                }
            }
        }
    }

    /** Handles one text message of a connection. */
    void message(Client client, String text) {
        Connection connection = client.connection;
        if (text.length() > MAX_MESSAGE_CHARS) {
            connection.send(failure(null, null, "message too large"));
            connection.close(TOO_BIG, "message too large");
            return;
        }
        if (perAddress != null && !perAddress.tryAcquire(connection.address())) {
            connection.send(failure(null, null, "too many messages from this address"));
            connection.close(POLICY_VIOLATION, "too many messages");
            return;
        }
        JsonNode request;
        try {
            request = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            connection.send(failure(null, null, "invalid JSON"));
            return;
        }
        if (request == null || !request.isObject()) {
            connection.send(failure(null, null, "invalid request: a JSON object is expected"));
            return;
        }
        String action = request.path("action").asText(null);
        if ("announce".equals(action)) {
            announce(client, request);
        } else if ("scrape".equals(action)) {
            scrape(client, request);
        } else {
            connection.send(failure(null, null, "invalid action"));
        }
    }

    private void announce(Client client, JsonNode request) {
        Connection connection = client.connection;
        String infoHash = binary(request.get("info_hash"));
        if (infoHash == null) {
            connection.send(failure("announce", null, "invalid info_hash"));
            return;
        }
        if (!enabled) {
            connection.send(failure("announce", infoHash, "the tracker is disabled"));
            return;
        }
        String peerId = binary(request.get("peer_id"));
        if (peerId == null) {
            connection.send(failure("announce", infoHash, "invalid peer_id"));
            return;
        }
        JsonNode answer = request.get("answer");
        String toPeerId = null;
        String offerId = null;
        if (answer != null && !answer.isNull()) {
            toPeerId = binary(request.get("to_peer_id"));
            offerId = offerId(request.get("offer_id"));
            if (toPeerId == null || offerId == null || !answer.isObject()) {
                connection.send(failure("announce", infoHash, "invalid answer: to_peer_id, offer_id and an "
                        + "answer object are required"));
                return;
            }
        } else {
            answer = null;
        }
        List<JsonNode> offers = offers(request.get("offers"));
        if (offers == null) {
            connection.send(failure("announce", infoHash, "invalid offers"));
            return;
        }
        String event = request.path("event").asText("");
        if (!List.of("", "empty", "update", "started", "completed", "stopped", "paused").contains(event)) {
            connection.send(failure("announce", infoHash, "invalid event"));
            return;
        }
        JsonNode leftNode = request.get("left");
        boolean complete = leftNode != null && leftNode.isNumber() && leftNode.asDouble() == 0
                || leftNode != null && leftNode.isTextual() && "0".equals(leftNode.asText());
        String hex = HEX.formatHex(infoHash.getBytes(StandardCharsets.ISO_8859_1));
        String address = connection.address();
        if (rejectTooManyAnnounces && !perAddressAndTorrent.tryAcquire(address + " " + hex)) {
            connection.send(failure("announce", infoHash, "too many announces of this torrent from this "
                    + "address"));
            return;
        }
        if (privateTracker && !known.isKnown(hex)) {
            synchronized (blocked) {
                blocked.put(address, clock.getAsLong() + BLOCK_MS);
            }
            connection.send(failure("announce", infoHash, "unknown info_hash: this tracker is private"));
            connection.close(POLICY_VIOLATION, "unknown info_hash");
            return;
        }
        synchronized (client) {
            if (client.peerId == null) {
                client.peerId = peerId;
            } else if (!client.peerId.equals(peerId)) {
                connection.send(failure("announce", infoHash, "peer_id differs from the connection's"));
                return;
            }
            if (!"stopped".equals(event) && !client.infoHashes.contains(hex)
                    && client.infoHashes.size() >= MAX_SWARMS_PER_CONNECTION) {
                connection.send(failure("announce", infoHash, "too many torrents on this connection"));
                return;
            }
        }
        Joined joined = join(client, hex, peerId, event, complete, answer == null ? offers.size() : 0);
        if (joined.refusal() != null) {
            connection.send(failure("announce", infoHash, joined.refusal()));
            return;
        }
        List<Peer> targets = joined.targets();
        synchronized (client) {
            if ("stopped".equals(event)) {
                client.infoHashes.remove(hex);
            } else {
                client.infoHashes.add(hex);
            }
        }
        if (answer == null) {
            ObjectNode reply = JSON.createObjectNode();
            reply.put("action", "announce");
            reply.put("interval", INTERVAL);
            reply.put("info_hash", infoHash);
            reply.put("complete", joined.complete());
            reply.put("incomplete", joined.incomplete());
            connection.send(reply.toString());
        }
        if (!targets.isEmpty()) {
            // The sender's part of every relayed offer is written once.
            String from = ",\"peer_id\":" + quoted(peerId) + ",\"info_hash\":" + quoted(infoHash) + "}";
            for (int i = 0; i < targets.size(); i++) {
                JsonNode offer = offers.get(i);
                targets.get(i).client.connection.send("{\"action\":\"announce\",\"offer\":" + offer.get("offer")
                        + ",\"offer_id\":" + offer.get("offer_id") + from);
            }
        }
        if (answer != null) {
            Connection to = peerConnection(hex, toPeerId);
            if (to != null) {
                ObjectNode relayed = JSON.createObjectNode();
                relayed.put("action", "announce");
                relayed.set("answer", answer);
                relayed.put("offer_id", offerId);
                relayed.put("peer_id", peerId);
                relayed.put("info_hash", infoHash);
                to.send(relayed.toString());
            }
        }
    }

    /** What recording an announce gave: a refusal, or the swarm's counts and the peers to relay offers to. */
    private record Joined(String refusal, int complete, int incomplete, List<Peer> targets) {
        static Joined refused(String refusal) {
            return new Joined(refusal, 0, 0, List.of());
        }
    }

    /** Records an announce in its swarm. */
    private Joined join(Client client, String hash, String peerId, String event, boolean complete, int numwant) {
        long now = clock.getAsLong();
        boolean stopped = "stopped".equals(event);
        while (true) {
            Swarm swarm = swarms.get(hash);
            if (swarm == null) {
                if (stopped) {
                    return new Joined(null, 0, 0, List.of());
                }
                if (swarms.size() >= MAX_SWARMS) {
                    expireAll();
                    if (swarms.size() >= MAX_SWARMS) {
                        return Joined.refused("the tracker is full");
                    }
                }
                swarm = swarms.computeIfAbsent(hash, h -> new Swarm());
            }
            synchronized (swarm) {
                if (swarms.get(hash) != swarm) {
                    continue; // emptied and dropped meanwhile
                }
                Peer peer = swarm.byId.get(peerId);
                if (peer != null && peer.client != client) {
                    // Another connection holds this peer id: a reconnection from the same address takes it over;
                    // from elsewhere it is refused, so that nobody can receive the answers meant for a peer.
                    if (!peer.client.connection.address().equals(client.connection.address())
                            && now - peer.seenAt < PEER_LIFETIME_MS) {
                        dropIfEmpty(hash, swarm);
                        return Joined.refused("peer_id in use");
                    }
                    swarm.remove(peer);
                    peer = null;
                }
                if (stopped) {
                    if (peer != null) {
                        swarm.remove(peer);
                    }
                    Joined joined = new Joined(null, swarm.complete, swarm.list.size() - swarm.complete, List.of());
                    dropIfEmpty(hash, swarm);
                    return joined;
                }
                if (peer == null) {
                    if (swarm.list.size() >= MAX_PEERS_PER_SWARM) {
                        dropIfEmpty(hash, swarm);
                        return Joined.refused("the swarm is full");
                    }
                    peer = new Peer(peerId, client);
                    peer.complete = complete;
                    swarm.add(peer);
                    if (complete && "completed".equals(event)) {
                        swarm.downloaded++;
                    }
                } else if (complete && !peer.complete) {
                    peer.complete = true;
                    swarm.complete++;
                    swarm.downloaded++;
                }
                peer.seenAt = now;
                return new Joined(null, swarm.complete, swarm.list.size() - swarm.complete,
                        pick(swarm, peer, numwant, now));
            }
        }
    }

    /** Up to {@code numwant} other live peers, at random. */
    private static List<Peer> pick(Swarm swarm, Peer self, int numwant, long now) {
        int others = swarm.list.size() - 1;
        if (numwant <= 0 || others <= 0) {
            return List.of();
        }
        List<Peer> picked = new ArrayList<>(Math.min(numwant, others));
        if (others <= numwant) {
            for (Peer peer : swarm.list) {
                if (peer != self && now - peer.seenAt < PEER_LIFETIME_MS) {
                    picked.add(peer);
                }
            }
            return picked;
        }
        // Random draws, skipping repeats: numwant is small beside the swarm, so few draws repeat.
        Set<Peer> seen = new HashSet<>();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int draws = 0; draws < 4 * numwant && picked.size() < numwant; draws++) {
            Peer peer = swarm.list.get(random.nextInt(swarm.list.size()));
            if (peer != self && now - peer.seenAt < PEER_LIFETIME_MS && seen.add(peer)) {
                picked.add(peer);
            }
        }
        return picked;
    }

    private Connection peerConnection(String hash, String peerId) {
        Swarm swarm = swarms.get(hash);
        if (swarm == null) {
            return null;
        }
        synchronized (swarm) {
            Peer peer = swarm.byId.get(peerId);
            return peer == null ? null : peer.client.connection;
        }
    }

    private void scrape(Client client, JsonNode request) {
        Connection connection = client.connection;
        if (!enabled) {
            connection.send(failure("scrape", null, "the tracker is disabled"));
            return;
        }
        JsonNode hashes = request.get("info_hash");
        List<String> binaries = new ArrayList<>();
        if (hashes != null && hashes.isTextual()) {
            binaries.add(binary(hashes));
        } else if (hashes != null && hashes.isArray() && hashes.size() <= MAX_SCRAPE_HASHES) {
            for (JsonNode hash : hashes) {
                binaries.add(binary(hash));
            }
        } else if (hashes != null && hashes.isArray()) {
            connection.send(failure("scrape", null, "too many torrents in one scrape"));
            return;
        }
        if (binaries.isEmpty()) {
            connection.send(failure("scrape", null, "name the torrents to scrape with info_hash"));
            return;
        }
        ObjectNode reply = JSON.createObjectNode();
        reply.put("action", "scrape");
        ObjectNode files = reply.putObject("files");
        for (String binary : binaries) {
            if (binary == null) {
                connection.send(failure("scrape", null, "invalid info_hash"));
                return;
            }
            int complete = 0;
            int incomplete = 0;
            int downloaded = 0;
            Swarm swarm = swarms.get(HEX.formatHex(binary.getBytes(StandardCharsets.ISO_8859_1)));
            if (swarm != null) {
                synchronized (swarm) {
                    complete = swarm.complete;
                    incomplete = swarm.list.size() - swarm.complete;
                    downloaded = swarm.downloaded;
                }
            }
            ObjectNode counts = files.putObject(binary);
            counts.put("complete", complete);
            counts.put("incomplete", incomplete);
            counts.put("downloaded", downloaded);
        }
        reply.putObject("flags").put("min_request_interval", HttpTracker.INTERVAL);
        connection.send(reply.toString());
    }

    /** Drops peers that stopped announcing, and empty swarms; forgets expired blocks. */
    void expireAll() {
        long now = clock.getAsLong();
        for (Map.Entry<String, Swarm> entry : swarms.entrySet()) {
            Swarm swarm = entry.getValue();
            synchronized (swarm) {
                for (int i = swarm.list.size() - 1; i >= 0; i--) {
                    if (i < swarm.list.size() && now - swarm.list.get(i).seenAt >= PEER_LIFETIME_MS) {
                        swarm.remove(swarm.list.get(i));
                    }
                }
                dropIfEmpty(entry.getKey(), swarm);
            }
        }
        synchronized (blocked) {
            Iterator<Long> untils = blocked.values().iterator();
            while (untils.hasNext()) {
                if (untils.next() <= now) {
                    untils.remove();
                }
            }
        }
    }

    int swarmCount() {
        return swarms.size();
    }

    int peerCount() {
        int peers = 0;
        for (Swarm swarm : swarms.values()) {
            synchronized (swarm) {
                peers += swarm.list.size();
            }
        }
        return peers;
    }

    private void dropIfEmpty(String hash, Swarm swarm) {
        if (swarm.list.isEmpty()) {
            swarms.remove(hash, swarm);
        }
    }

    /** A 20-character binary string (each character one byte, as {@code bittorrent-tracker} sends them). */
    private static String binary(JsonNode node) {
        if (node == null || !node.isTextual()) {
            return null;
        }
        String text = node.asText();
        if (text.length() != 20) {
            return null;
        }
        for (int i = 0; i < 20; i++) {
            if (text.charAt(i) > 0xff) {
                return null;
            }
        }
        return text;
    }

    private static String offerId(JsonNode node) {
        if (node == null || !node.isTextual() || node.asText().isEmpty()
                || node.asText().length() > MAX_OFFER_ID_CHARS) {
            return null;
        }
        return node.asText();
    }

    /** @return the offers to relay (at most {@link #MAX_OFFERS}), empty when none, null when malformed */
    private static List<JsonNode> offers(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            return null;
        }
        List<JsonNode> offers = new ArrayList<>(Math.min(node.size(), MAX_OFFERS));
        for (JsonNode offer : node) {
            if (!offer.isObject() || !offer.path("offer").isObject() || offerId(offer.get("offer_id")) == null) {
                return null;
            }
            if (offers.size() < MAX_OFFERS) {
                offers.add(offer);
            }
        }
        return offers;
    }

    /** A string as a JSON string literal. */
    private static String quoted(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String failure(String action, String infoHash, String reason) {
        ObjectNode reply = JSON.createObjectNode();
        if (action != null) {
            reply.put("action", action);
        }
        reply.put("failure reason", reason);
        if (infoHash != null) {
            reply.put("info_hash", infoHash);
        }
        return reply.toString();
    }
}
