package org.bobine.p2p.internal;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Single-file torrents as PeerTube makes them with {@code create-torrent}: the same piece length heuristic,
 * {@code created by}, {@code announce} and {@code announce-list}, and a BEP 19 webseed in {@code url-list}.
 */
final class TorrentCreator {

    static final String CREATED_BY = "PeerTube";
    static final int MIN_PIECE_LENGTH = 16 * 1024;
    static final int MAX_PIECE_LENGTH = 16 * 1024 * 1024;

    /** Characters PeerTube replaces by {@code -} in {@code info.name}. */
    private static final String UNSAFE = "/\\?%*:|\"<>";

    /**
     * What a torrent says besides the file's bytes.
     *
     * @param name {@code info.name}, see {@link #infoName}
     * @param trackers the tracker URLs, each its own tier ({@code announce} is the first)
     * @param webseeds {@code url-list}, empty for a video whose files are not public
     * @param creationDate seconds since the epoch
     */
    record Spec(String name, List<String> trackers, List<String> webseeds, long creationDate) {
    }

    /** A torrent: its bencoded bytes and the SHA-1 of its bencoded {@code info}, in lower-case hex. */
    record Torrent(byte[] bytes, String infoHash, int pieceLength, int pieces) {
    }

    private TorrentCreator() {
    }

    /**
     * The piece length of {@code create-torrent} (its {@code piece-length} module): the power of two nearest to
     * {@code size / 1024} (the exponent is {@code log2(size / 1024)} rounded), so a file has between about 724 and
     * 1448 pieces; at least 16 KiB, and at most 16 MiB (where {@code create-torrent} has no upper bound, so that a
     * very large file keeps pieces a client can verify), in which case such a file has more pieces.
     */
    static int pieceLength(long size) {
        double kib = size < 1024 ? 1 : size / 1024.0;
        int exponent = (int) Math.floor(Math.log(kib) / Math.log(2) + 0.5);
        long length = exponent >= 24 ? MAX_PIECE_LENGTH : 1L << exponent;
        return (int) Math.max(MIN_PIECE_LENGTH, Math.min(MAX_PIECE_LENGTH, length));
    }

    /** PeerTube's {@code info.name}: {@code "<video name, unsafe characters as '-'> <resolution>p<extension>"}. */
    static String infoName(String videoName, int resolution, String extension) {
        StringBuilder name = new StringBuilder(videoName.length() + 12);
        for (int i = 0; i < videoName.length(); i++) {
            char c = videoName.charAt(i);
            name.append(UNSAFE.indexOf(c) >= 0 ? '-' : c);
        }
        return name.append(' ').append(resolution).append('p').append(extension).toString();
    }

    /**
     * Reads {@code length} bytes and makes their torrent.
     *
     * @throws IOException when the data cannot be read or is shorter or longer than {@code length}
     */
    static Torrent create(InputStream data, long length, Spec spec) throws IOException {
        int pieceLength = pieceLength(length);
        long count = length == 0 ? 0 : (length + pieceLength - 1) / pieceLength;
        if (count * 20 > Integer.MAX_VALUE - 1024) {
            throw new IOException("file too large for a torrent: " + length);
        }
        byte[] pieces = new byte[(int) count * 20];
        MessageDigest sha1 = sha1();
        byte[] buffer = new byte[(int) Math.min(pieceLength, 1 << 20)];
        long total = 0;
        int piece = 0;
        int inPiece = 0;
        int read;
        while ((read = data.read(buffer)) > 0) {
            int offset = 0;
            while (offset < read) {
                int n = Math.min(read - offset, pieceLength - inPiece);
                sha1.update(buffer, offset, n);
                offset += n;
                inPiece += n;
                total += n;
                if (total > length) {
                    throw new IOException("the file is longer than " + length + " bytes");
                }
                if (inPiece == pieceLength) {
                    digestInto(sha1, pieces, piece++);
                    inPiece = 0;
                }
            }
        }
        if (total != length) {
            throw new IOException("the file has " + total + " bytes, not " + length);
        }
        if (inPiece > 0) {
            digestInto(sha1, pieces, piece);
        }
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("length", length);
        info.put("name", spec.name());
        info.put("piece length", (long) pieceLength);
        info.put("pieces", pieces);
        Map<String, Object> torrent = new LinkedHashMap<>();
        if (!spec.trackers().isEmpty()) {
            torrent.put("announce", spec.trackers().get(0));
            torrent.put("announce-list", spec.trackers().stream().map(List::of).toList());
        }
        torrent.put("created by", CREATED_BY);
        torrent.put("creation date", spec.creationDate());
        torrent.put("encoding", "UTF-8");
        torrent.put("info", info);
        if (!spec.webseeds().isEmpty()) {
            torrent.put("url-list", spec.webseeds());
        }
        byte[] infoBytes = Bencode.encode(info);
        return new Torrent(Bencode.encode(torrent), HexFormat.of().formatHex(sha1().digest(infoBytes)), pieceLength,
                (int) count);
    }

    /** The info hash of a bencoded torrent: the SHA-1 of its {@code info} value as it is in the file. */
    static String infoHash(byte[] torrent) {
        byte[] info = Bencode.rawValue(torrent, "info");
        if (info == null) {
            throw new IllegalArgumentException("no info dictionary");
        }
        return HexFormat.of().formatHex(sha1().digest(info));
    }

    private static void digestInto(MessageDigest sha1, byte[] pieces, int piece) {
        byte[] digest = sha1.digest();
        System.arraycopy(digest, 0, pieces, piece * 20, 20);
    }

    static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
