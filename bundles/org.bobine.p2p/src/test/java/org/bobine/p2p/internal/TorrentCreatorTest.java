package org.bobine.p2p.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

class TorrentCreatorTest {

    @Test
    void pieceLengthFollowsCreateTorrent() {
        assertEquals(16384, TorrentCreator.pieceLength(0));
        assertEquals(16384, TorrentCreator.pieceLength(1000));
        assertEquals(16384, TorrentCreator.pieceLength(10L << 20));
        assertEquals(32768, TorrentCreator.pieceLength(30L << 20));
        assertEquals(1 << 20, TorrentCreator.pieceLength(1L << 30));
        // 1.5 GiB: log2(1.5 Mi) = 20.58, rounded to 21
        assertEquals(2 << 20, TorrentCreator.pieceLength(3L << 29));
        assertEquals(16 << 20, TorrentCreator.pieceLength(16L << 30));
        assertEquals(16 << 20, TorrentCreator.pieceLength(1L << 40));
        for (long size = 20L << 20; size < (8L << 30); size = size * 3 / 2) {
            long pieces = (size + TorrentCreator.pieceLength(size) - 1) / TorrentCreator.pieceLength(size);
            assertEquals(true, pieces >= 700 && pieces <= 1500, size + " → " + pieces);
        }
    }

    @Test
    void infoNameReplacesUnsafeCharacters() {
        assertEquals("a-b-c-d-e-f-g-h-i-j-k 720p.mp4",
                TorrentCreator.infoName("a/b\\c?d%e*f:g|h\"i<j>k", 720, ".mp4"));
        assertEquals("My video 0p.m4a", TorrentCreator.infoName("My video", 0, ".m4a"));
    }

    @Test
    void createsASingleFileTorrentWithPieceHashes() throws Exception {
        byte[] data = new byte[16384 * 3 + 100];
        new Random(7).nextBytes(data);
        var spec = new TorrentCreator.Spec("Clip 360p.mp4", List.of("ws://h:9000/tracker/socket",
                "http://h:9000/tracker/announce"), List.of("http://h:9000/static/web-videos/x-360.mp4"), 1700000000L);
        TorrentCreator.Torrent torrent = TorrentCreator.create(new ByteArrayInputStream(data), data.length, spec);
        assertEquals(4, torrent.pieces());
        @SuppressWarnings("unchecked")
        Map<String, Object> root = (Map<String, Object>) Bencode.decode(torrent.bytes());
        assertEquals("ws://h:9000/tracker/socket", text(root.get("announce")));
        @SuppressWarnings("unchecked")
        List<List<Object>> tiers = (List<List<Object>>) root.get("announce-list");
        assertEquals(2, tiers.size());
        assertEquals("http://h:9000/tracker/announce", text(tiers.get(1).get(0)));
        assertEquals("PeerTube", text(root.get("created by")));
        assertEquals(1700000000L, root.get("creation date"));
        assertEquals("http://h:9000/static/web-videos/x-360.mp4", text(((List<?>) root.get("url-list")).get(0)));
        @SuppressWarnings("unchecked")
        Map<String, Object> info = (Map<String, Object>) root.get("info");
        assertEquals((long) data.length, info.get("length"));
        assertEquals("Clip 360p.mp4", text(info.get("name")));
        assertEquals(16384L, info.get("piece length"));
        byte[] pieces = (byte[]) info.get("pieces");
        MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
        for (int i = 0; i < 4; i++) {
            byte[] piece = Arrays.copyOfRange(data, i * 16384, Math.min(data.length, (i + 1) * 16384));
            assertArrayEquals(sha1.digest(piece), Arrays.copyOfRange(pieces, i * 20, i * 20 + 20));
        }
        String expected = HexFormat.of().formatHex(sha1.digest(Bencode.encode(info)));
        assertEquals(expected, torrent.infoHash());
        assertEquals(expected, TorrentCreator.infoHash(torrent.bytes()));
    }

    @Test
    void privateVideosHaveNoWebseed() throws IOException {
        var spec = new TorrentCreator.Spec("P 240p.mp4", List.of("http://h/tracker/announce"), List.of(), 1L);
        var torrent = TorrentCreator.create(new ByteArrayInputStream(new byte[10]), 10, spec);
        @SuppressWarnings("unchecked")
        Map<String, Object> root = (Map<String, Object>) Bencode.decode(torrent.bytes());
        assertFalse(root.containsKey("url-list"));
    }

    @Test
    void refusesAFileOfAnotherLength() {
        var spec = new TorrentCreator.Spec("x 1p.mp4", List.of(), List.of(), 1L);
        assertThrows(IOException.class, () -> TorrentCreator.create(new ByteArrayInputStream(new byte[10]), 11, spec));
        assertThrows(IOException.class, () -> TorrentCreator.create(new ByteArrayInputStream(new byte[10]), 9, spec));
    }

    private static String text(Object value) {
        return new String((byte[]) value, StandardCharsets.UTF_8);
    }
}
