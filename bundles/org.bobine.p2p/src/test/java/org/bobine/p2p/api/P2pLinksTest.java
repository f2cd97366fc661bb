package org.bobine.p2p.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class P2pLinksTest {

    @Test
    void trackerUrlsPutTheWebSocketFirst() {
        assertEquals(List.of("wss://v.example/tracker/socket", "https://v.example/tracker/announce"),
                P2pLinks.trackerUrls("https://v.example"));
        assertEquals(List.of("ws://localhost:9000/tracker/socket", "http://localhost:9000/tracker/announce"),
                P2pLinks.trackerUrls("http://localhost:9000"));
    }

    @Test
    void magnetUriNamesTorrentTrackersAndWebseeds() {
        String hash = "0123456789abcdef0123456789abcdef01234567";
        assertEquals("magnet:?xs=http%3A%2F%2Fh%2Flazy-static%2Ftorrents%2Fa-720.torrent&xt=urn:btih:" + hash
                + "&dn=My+video+(1)&tr=ws%3A%2F%2Fh%2Ftracker%2Fsocket&tr=http%3A%2F%2Fh%2Ftracker%2Fannounce"
                + "&ws=http%3A%2F%2Fh%2Fstatic%2Fweb-videos%2Fa-720.mp4",
                P2pLinks.magnetUri(P2pLinks.torrentUrl("http://h", "a-720.torrent"), hash, "My video (1)",
                        P2pLinks.trackerUrls("http://h"), List.of("http://h/static/web-videos/a-720.mp4")));
    }
}
