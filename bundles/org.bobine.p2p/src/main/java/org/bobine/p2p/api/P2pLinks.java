package org.bobine.p2p.api;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The public addresses of torrents and trackers, in PeerTube's shapes, so that every bundle that shows a video
 * file writes them alike.
 */
public final class P2pLinks {

    /** The file store's area of torrents, and the public path segment they are served under. */
    public static final String TORRENTS = "torrents";

    private P2pLinks() {
    }

    /** @return {@code <base>/lazy-static/torrents/<name>} */
    public static String torrentUrl(String baseUrl, String torrentFilename) {
        return baseUrl + "/lazy-static/torrents/" + torrentFilename;
    }

    /** @return {@code <base>/download/torrents/<name>} */
    public static String torrentDownloadUrl(String baseUrl, String torrentFilename) {
        return baseUrl + "/download/torrents/" + torrentFilename;
    }

    /**
     * The instance's trackers, WebSocket first as in PeerTube's {@code trackerUrls} and {@code announce-list}.
     *
     * @param baseUrl such as {@code https://videos.example.org}
     */
    public static List<String> trackerUrls(String baseUrl) {
        String ws = baseUrl.startsWith("https://") ? "wss://" + baseUrl.substring(8)
                : "ws://" + baseUrl.substring(baseUrl.indexOf("://") + 3);
        return List.of(ws + "/tracker/socket", baseUrl + "/tracker/announce");
    }

    /**
     * A magnet link: {@code magnet:?xs=<torrent URL>&xt=urn:btih:<info hash>&dn=<name>&tr=<tracker>…&ws=<webseed>…}.
     *
     * @param webseeds none for a video that is not public
     */
    public static String magnetUri(String torrentUrl, String infoHash, String name, List<String> trackers,
            List<String> webseeds) {
        StringBuilder magnet = new StringBuilder(256).append("magnet:?xs=").append(encode(torrentUrl))
                .append("&xt=urn:btih:").append(infoHash).append("&dn=").append(encode(name));
        for (String tracker : trackers) {
            magnet.append("&tr=").append(encode(tracker));
        }
        for (String webseed : webseeds) {
            magnet.append("&ws=").append(encode(webseed));
        }
        return magnet.toString();
    }

    /** Percent-encoding as JavaScript's {@code encodeURIComponent}, with spaces as {@code +} as in magnet links. */
    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("%7E", "~")
                .replace("%21", "!").replace("%27", "'").replace("%28", "(").replace("%29", ")");
    }
}
