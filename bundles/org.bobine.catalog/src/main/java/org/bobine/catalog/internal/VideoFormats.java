package org.bobine.catalog.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The video files that uploads accept: PeerTube's extensions of every configuration ({@code .mp4}, {@code .webm},
 * {@code .ogv}; the longer lists need transcoding, which does not exist yet), then the content, recognised by its
 * first bytes: ISO-BMFF ({@code ftyp} box), EBML (WebM) or Ogg ({@code OggS}).
 */
final class VideoFormats {

    /** A container recognised by its first bytes. */
    enum Format {
        MP4, WEBM, OGG
    }

    /** PeerTube's accepted extensions without transcoding, in its order. */
    static final List<String> EXTENSIONS = List.of(".mp4", ".webm", ".ogv");

    /** The extensions of the video MIME types PeerTube accepts when the file name has none of them. */
    private static final Map<String, String> MIME_EXTENSIONS = Map.of("video/mp4", ".mp4", "video/webm", ".webm",
            "video/ogg", ".ogv");

    /** How many first bytes {@link #detect} needs. */
    static final int HEAD = 12;

    private VideoFormats() {
    }

    /**
     * The extension a file is stored with: that of its name when PeerTube accepts it, else that of its declared
     * MIME type when PeerTube accepts the type (as its {@code isVideoFileMimeTypeValid} does).
     *
     * @return the extension, or empty when neither is accepted (PeerTube's 415)
     */
    static Optional<String> extension(String fileName, String mimeType) {
        String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        if (dot >= 0 && EXTENSIONS.contains(name.substring(dot))) {
            return Optional.of(name.substring(dot));
        }
        String type = mimeType == null ? "" : mimeType.toLowerCase(Locale.ROOT);
        int semicolon = type.indexOf(';');
        return Optional.ofNullable(MIME_EXTENSIONS.get((semicolon < 0 ? type : type.substring(0, semicolon)).trim()));
    }

    /** @return the container of a file from its first {@link #HEAD} bytes (or fewer), or empty for anything else */
    static Optional<Format> detect(byte[] head) {
        if (head.length >= 8 && new String(head, 4, 4, StandardCharsets.ISO_8859_1).equals("ftyp")) {
            return Optional.of(Format.MP4);
        }
        if (head.length >= 4 && (head[0] & 0xff) == 0x1a && (head[1] & 0xff) == 0x45 && (head[2] & 0xff) == 0xdf
                && (head[3] & 0xff) == 0xa3) {
            return Optional.of(Format.WEBM);
        }
        if (head.length >= 4 && new String(head, 0, 4, StandardCharsets.ISO_8859_1).equals("OggS")) {
            return Optional.of(Format.OGG);
        }
        return Optional.empty();
    }

    /** @return a message for the 415 of an unaccepted file, PeerTube's */
    static String unsupported() {
        return "This file is not supported. Please, make sure it is of the following type: "
                + String.join(", ", EXTENSIONS);
    }
}
