package org.bobine.p2p.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.bobine.web.api.ApiRequest;
import org.bobine.web.api.ServerConfigContributor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * The HTTP BitTorrent tracker: {@code GET /tracker/announce} (BEP 3, compact peer lists of BEP 23 and 7) and
 * {@code GET /tracker/scrape} (BEP 48), answering in bencoding, refusals as {@code failure reason}. Swarms live in
 * this node's memory (a restart or a change of the settings forgets them; clients announce again within their
 * interval). Private by default: only info hashes of the instance's files are tracked. Also the {@code tracker}
 * section of {@code /api/v1/config}.
 */
@Component(service = {Servlet.class, ServerConfigContributor.class}, configurationPid = HttpTracker.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = HttpTracker.Config.class)
@HttpWhiteboardServletPattern({"/tracker/announce", "/tracker/scrape"})
public class HttpTracker extends HttpServlet implements ServerConfigContributor {

    /** The configuration PID, fed by the {@code tracker} section of bobine.yaml. */
    public static final String PID = "bobine.tracker";

    /** Seconds between announces that HTTP clients are told (PeerTube's). */
    static final int INTERVAL = 600;
    /** A peer that has not announced for this long (two intervals) is dropped. */
    static final long PEER_LIFETIME_MS = 2L * INTERVAL * 1000;
    static final int DEFAULT_NUMWANT = 50;
    static final int MAX_NUMWANT = 80;
    static final int MAX_PEERS_PER_SWARM = 1000;
    static final int MAX_SWARMS = 100_000;
    static final int MAX_SCRAPE_HASHES = 80;
    /** Announces per address in five minutes, whatever the torrent, by default: a client announces every ten minutes. */
    static final int ANNOUNCES_PER_ADDRESS = 300;
    /** PeerTube's limit when {@code reject_too_many_announces} is set: per address and info hash. */
    static final int ANNOUNCES_PER_ADDRESS_AND_TORRENT = 15;
    static final long WINDOW_MS = TimeUnit.MINUTES.toMillis(5);

    /** The {@code tracker} section. */
    @ObjectClassDefinition(id = PID, name = "Tracker", description = "The BitTorrent trackers (HTTP and "
            + "WebSocket) of the instance's videos.")
    public @interface Config {
        @AttributeDefinition(name = "Enabled", description = "Whether the HTTP and WebSocket trackers answer "
                + "announces; when not, every announce is refused and torrents still download from their web seed.")
        boolean enabled() default true;

        @AttributeDefinition(name = "Private", description = "Whether the trackers serve only the torrents of "
                + "this instance's video files and the swarms of its HLS playlists; an address that announces "
                + "another torrent on the WebSocket tracker is disconnected and blocked for three minutes.")
        boolean privateTracker() default true;

        @AttributeDefinition(name = "Reject too many announces", description = "Whether an address that announces "
                + "the same torrent more than 15 times in five minutes is refused.")
        boolean rejectTooManyAnnounces() default false;

        @AttributeDefinition(name = "Announces per address", description = "How many announces one address may "
                + "make on the HTTP tracker in five minutes, whatever the torrent; the WebSocket tracker allows ten "
                + "times as many messages, answers to other peers' offers included; 0 for no limit. Raise it where "
                + "many users share one address, or behind a reverse proxy that hides theirs.", min = "0")
        int maxAnnouncesPerAddress() default ANNOUNCES_PER_ADDRESS;
    }

    private static final long serialVersionUID = 1L;
    private static final HexFormat HEX = HexFormat.of();

    private final boolean enabled;
    private final boolean privateTracker;
    private final boolean rejectTooManyAnnounces;
    private final transient Swarms swarms;
    private final transient KnownInfoHashes known;
    private final transient AnnounceLimiter perAddress;
    private final transient AnnounceLimiter perAddressAndTorrent;
    private final transient ScheduledExecutorService sweeper;

    @Activate
    public HttpTracker(@Reference KnownInfoHashes known, Config config) {
        this(config.enabled(), config.privateTracker(), config.rejectTooManyAnnounces(), known,
                config.maxAnnouncesPerAddress());
    }

    HttpTracker(boolean enabled, boolean privateTracker, boolean rejectTooManyAnnounces,
            java.util.function.Predicate<String> isKnown) {
        this(enabled, privateTracker, rejectTooManyAnnounces, new KnownInfoHashes(isKnown, System::currentTimeMillis),
                ANNOUNCES_PER_ADDRESS);
    }

    HttpTracker(boolean enabled, boolean privateTracker, boolean rejectTooManyAnnounces, KnownInfoHashes known,
            int announcesPerAddress) {
        this.enabled = enabled;
        this.privateTracker = privateTracker;
        this.rejectTooManyAnnounces = rejectTooManyAnnounces;
        this.swarms = new Swarms(MAX_PEERS_PER_SWARM, MAX_SWARMS, PEER_LIFETIME_MS, System::currentTimeMillis);
        this.known = known;
        this.perAddress = announcesPerAddress <= 0 ? null
                : new AnnounceLimiter(announcesPerAddress, WINDOW_MS, 100_000, System::currentTimeMillis);
        this.perAddressAndTorrent = new AnnounceLimiter(ANNOUNCES_PER_ADDRESS_AND_TORRENT, WINDOW_MS, 100_000,
                System::currentTimeMillis);
        this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "bobine-tracker-sweeper");
            thread.setDaemon(true);
            return thread;
        });
        sweeper.scheduleWithFixedDelay(swarms::expireAll, 1, 1, TimeUnit.MINUTES);
    }

    @Deactivate
    void deactivate() {
        sweeper.shutdownNow();
    }

    @Override
    public Map<String, Object> serverConfig(ApiRequest request) {
        return Map.of("tracker", Map.of("enabled", enabled));
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Map<String, Object> answer;
        try {
            Map<String, List<byte[]>> query = parseQuery(request.getQueryString());
            answer = request.getServletPath().endsWith("/scrape") ? scrape(query)
                    : announce(query, request.getRemoteAddr());
        } catch (Swarms.Refused e) {
            answer = Map.of("failure reason", e.getMessage());
        }
        byte[] body = Bencode.encode(answer);
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("text/plain");
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    Map<String, Object> announce(Map<String, List<byte[]>> query, String remoteAddress) throws Swarms.Refused {
        if (!enabled) {
            throw new Swarms.Refused("the tracker is disabled");
        }
        byte[] infoHash = single(query, "info_hash", 20);
        byte[] peerId = single(query, "peer_id", 20);
        int port = (int) number(query, "port", 1, 65535, -1);
        long left = number(query, "left", 0, Long.MAX_VALUE, 1);
        int numwant = (int) number(query, "numwant", 0, Integer.MAX_VALUE, DEFAULT_NUMWANT);
        String event = text(query, "event");
        if (event != null && !event.isEmpty() && !List.of("started", "completed", "stopped", "paused")
                .contains(event)) {
            throw new Swarms.Refused("invalid event");
        }
        boolean compact = !"0".equals(text(query, "compact"));
        byte[] address = address(remoteAddress);
        String hash = HEX.formatHex(infoHash);
        if (perAddress != null && !perAddress.tryAcquire(remoteAddress)) {
            throw new Swarms.Refused("too many announces from this address");
        }
        if (rejectTooManyAnnounces && !perAddressAndTorrent.tryAcquire(remoteAddress + " " + hash)) {
            throw new Swarms.Refused("too many announces of this torrent from this address");
        }
        if (privateTracker && !known.isKnown(hash)) {
            throw new Swarms.Refused("unknown torrent: this tracker is private");
        }
        Swarms.Answer answer = swarms.announce(hash, new String(peerId, StandardCharsets.ISO_8859_1), address, port,
                left, event, Math.min(numwant, MAX_NUMWANT));
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("complete", (long) answer.complete());
        reply.put("incomplete", (long) answer.incomplete());
        reply.put("interval", (long) INTERVAL);
        if (compact) {
            ByteArrayOutputStream v4 = new ByteArrayOutputStream();
            ByteArrayOutputStream v6 = new ByteArrayOutputStream();
            for (Swarms.Peer peer : answer.peers()) {
                ByteArrayOutputStream out = peer.address().length == 4 ? v4 : v6;
                out.writeBytes(peer.address());
                out.write(peer.port() >> 8);
                out.write(peer.port() & 0xff);
            }
            reply.put("peers", v4.toByteArray());
            if (v6.size() > 0) {
                reply.put("peers6", v6.toByteArray());
            }
        } else {
            List<Object> peers = new ArrayList<>();
            for (Swarms.Peer peer : answer.peers()) {
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("peer id", peer.peerId().getBytes(StandardCharsets.ISO_8859_1));
                p.put("ip", ipText(peer.address()));
                p.put("port", (long) peer.port());
                peers.add(p);
            }
            reply.put("peers", peers);
        }
        return reply;
    }

    Map<String, Object> scrape(Map<String, List<byte[]>> query) throws Swarms.Refused {
        if (!enabled) {
            throw new Swarms.Refused("the tracker is disabled");
        }
        List<byte[]> hashes = query.getOrDefault("info_hash", List.of());
        if (hashes.isEmpty()) {
            throw new Swarms.Refused("name the torrents to scrape with info_hash");
        }
        if (hashes.size() > MAX_SCRAPE_HASHES) {
            throw new Swarms.Refused("too many torrents in one scrape");
        }
        Map<String, Object> files = new LinkedHashMap<>();
        for (byte[] hash : hashes) {
            if (hash.length != 20) {
                throw new Swarms.Refused("invalid info_hash");
            }
            Swarms.Counts counts = swarms.counts(HEX.formatHex(hash));
            files.put(new String(hash, StandardCharsets.ISO_8859_1), Map.of("complete", (long) counts.complete(),
                    "incomplete", (long) counts.incomplete(), "downloaded", (long) counts.downloaded()));
        }
        return Map.of("files", files);
    }

    Swarms swarms() {
        return swarms;
    }

    /** Splits a raw query string, percent-decoding each value to bytes (info hashes and peer ids are binary). */
    static Map<String, List<byte[]>> parseQuery(String query) throws Swarms.Refused {
        Map<String, List<byte[]>> params = new LinkedHashMap<>();
        if (query == null || query.isEmpty()) {
            return params;
        }
        if (query.length() > 8192) {
            throw new Swarms.Refused("query too long");
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = new String(decode(eq < 0 ? pair : pair.substring(0, eq)), StandardCharsets.ISO_8859_1);
            byte[] value = eq < 0 ? new byte[0] : decode(pair.substring(eq + 1));
            params.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        return params;
    }

    private static byte[] decode(String s) throws Swarms.Refused {
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length()) {
                    throw new Swarms.Refused("invalid percent-encoding");
                }
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new Swarms.Refused("invalid percent-encoding");
                }
                out.write(hi << 4 | lo);
                i += 2;
            } else if (c == '+') {
                out.write(' ');
            } else if (c < 0x80) {
                out.write(c);
            } else {
                throw new Swarms.Refused("invalid query");
            }
        }
        return out.toByteArray();
    }

    private static byte[] single(Map<String, List<byte[]>> query, String name, int length) throws Swarms.Refused {
        List<byte[]> values = query.get(name);
        if (values == null || values.size() != 1 || values.get(0).length != length) {
            throw new Swarms.Refused("invalid " + name);
        }
        return values.get(0);
    }

    private static String text(Map<String, List<byte[]>> query, String name) {
        List<byte[]> values = query.get(name);
        return values == null || values.isEmpty() ? null : new String(values.get(0), StandardCharsets.ISO_8859_1);
    }

    private static long number(Map<String, List<byte[]>> query, String name, long min, long max, long absent)
            throws Swarms.Refused {
        String text = text(query, name);
        if (text == null) {
            if (absent < min) {
                throw new Swarms.Refused("invalid " + name);
            }
            return absent;
        }
        try {
            long value = Long.parseLong(text);
            if (value < min || value > max) {
                throw new Swarms.Refused("invalid " + name);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new Swarms.Refused("invalid " + name);
        }
    }

    /** The peer's address as the connection shows it; an IPv4 address mapped into IPv6 is given as IPv4. */
    static byte[] address(String remoteAddress) throws Swarms.Refused {
        try {
            String literal = remoteAddress.startsWith("[") ? remoteAddress.substring(1, remoteAddress.length() - 1)
                    : remoteAddress;
            if (!literal.matches("[0-9a-fA-F:.%a-zA-Z]+") || !(literal.contains(".") || literal.contains(":"))) {
                throw new Swarms.Refused("unknown address");
            }
            byte[] bytes = InetAddress.getByName(literal).getAddress();
            return bytes;
        } catch (UnknownHostException e) {
            throw new Swarms.Refused("unknown address");
        }
    }

    private static String ipText(byte[] address) {
        try {
            return InetAddress.getByAddress(address).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
