package org.bobine.transcoding.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The files PeerTube adds around FFmpeg's HLS renditions: the master playlist (one {@code EXT-X-STREAM-INF} per
 * rendition with {@code BANDWIDTH}, {@code RESOLUTION}, {@code FRAME-RATE} and {@code CODECS}) and the
 * {@code segments-sha256.json} that p2p-media-loader checks every segment against.
 */
final class HlsFiles {

    private static final Pattern BYTERANGE = Pattern.compile("#EXT-X-BYTERANGE:(\\d+)@(\\d+)");

    /** One rendition of the master playlist. */
    record Rendition(String playlistName, int width, int height, int fps, long size, double durationSeconds,
            String codecs) {
    }

    /** A segment of a rendition: bytes {@code offset} to {@code offset + length - 1} of {@code file}. */
    record Segment(String file, long offset, long length) {
    }

    private HlsFiles() {
    }

    /** The segments of a byte-range playlist, in order (the initialisation section of {@code EXT-X-MAP} aside). */
    static List<Segment> segments(String playlist) {
        List<Segment> segments = new ArrayList<>();
        String[] lines = playlist.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            Matcher range = BYTERANGE.matcher(lines[i].trim());
            if (range.matches()) {
                int next = i + 1;
                while (next < lines.length && (lines[next].isBlank() || lines[next].startsWith("#"))) {
                    next++;
                }
                if (next == lines.length) {
                    throw new IllegalArgumentException("a byte range without its file in the playlist");
                }
                segments.add(new Segment(lines[next].trim(), Long.parseLong(range.group(2)),
                        Long.parseLong(range.group(1))));
            }
        }
        return segments;
    }

    /**
     * The {@code segments-sha256.json} content: for each fragmented MP4, {@code "<first>-<last byte>"} to the
     * SHA-256 (hex) of that range.
     *
     * @param playlists the renditions' playlists, each in the folder of its fragmented MP4
     */
    static Map<String, Map<String, String>> segmentsSha256(List<Path> playlists) throws IOException {
        Map<String, Map<String, String>> all = new LinkedHashMap<>();
        for (Path playlist : playlists) {
            for (Segment segment : segments(Files.readString(playlist, StandardCharsets.UTF_8))) {
                Path file = playlist.resolveSibling(segment.file());
                if (!file.getParent().equals(playlist.getParent())) {
                    throw new IOException("a segment outside the playlist's folder: " + segment.file());
                }
                all.computeIfAbsent(segment.file(), name -> new LinkedHashMap<>()).put(
                        segment.offset() + "-" + (segment.offset() + segment.length() - 1),
                        sha256(file, segment.offset(), segment.length()));
            }
        }
        return all;
    }

    static String sha256(Path file, long offset, long length) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            in.skipNBytes(offset);
            byte[] buffer = new byte[65536];
            long left = length;
            while (left > 0) {
                int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (read < 0) {
                    throw new IOException("the segment goes past the end of " + file.getFileName());
                }
                digest.update(buffer, 0, read);
                left -= read;
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The master playlist of some renditions, in the order given. */
    static String masterPlaylist(List<Rendition> renditions) {
        StringBuilder master = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:3\n");
        for (Rendition rendition : renditions) {
            long bandwidth = rendition.durationSeconds() > 0
                    ? (long) Math.ceil(rendition.size() * 8 / rendition.durationSeconds()) : rendition.size() * 8;
            master.append("#EXT-X-STREAM-INF:BANDWIDTH=").append(bandwidth);
            if (rendition.width() > 0) {
                master.append(",RESOLUTION=").append(rendition.width()).append('x').append(rendition.height());
            }
            if (rendition.fps() > 0) {
                master.append(",FRAME-RATE=").append(rendition.fps());
            }
            master.append(",CODECS=\"").append(rendition.codecs()).append("\"\n");
            master.append(rendition.playlistName()).append('\n');
        }
        return master.toString();
    }

    /**
     * The RFC 6381 codecs of a file: {@code avc1.PPCCLL} for H.264 (profile, constraint flags, level) and
     * {@code mp4a.40.2} for AAC-LC.
     */
    static String codecs(MediaInfo info) {
        List<String> codecs = new ArrayList<>();
        if (info.hasVideo()) {
            codecs.add(avc1(info.profile(), info.level()));
        }
        if (info.hasAudio()) {
            codecs.add("mp4a.40.2");
        }
        return String.join(",", codecs);
    }

    /** The {@code avc1} codec string of an H.264 profile and level as FFmpeg numbers them. */
    static String avc1(int profile, int level) {
        int idc = profile < 0 ? 100 : profile & 0xFF;
        boolean constrained = profile >= 0 && (profile & (1 << 9)) != 0;
        int flags = switch (idc) {
            case 66 -> constrained ? 0xE0 : 0x00;
            case 77 -> 0x40;
            default -> 0x00;
        };
        int lvl = level < 0 ? 31 : level;
        return String.format(Locale.ROOT, "avc1.%02x%02x%02x", idc, flags, lvl);
    }
}
