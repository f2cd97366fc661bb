package org.bobine.catalog.internal;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads what the catalog records of an uploaded video file: duration, picture size and frame rate. The pure-Java
 * {@link ContainerProbe} answers until FFmpeg arrives with transcoding, whose probe will take its place behind
 * this interface (it then moves to an exported package).
 */
interface VideoProbe {

    /**
     * What a probe found.
     *
     * @param duration in whole seconds (rounded), 0 when unknown
     * @param width of the picture in pixels, 0 when unknown or audio only
     * @param height of the picture in pixels, 0 when unknown or audio only
     * @param fps frames per second, rounded, 0 when unknown
     */
    record Probed(int duration, int width, int height, int fps) {

        /** @return PeerTube's resolution: the smaller side of the picture (0 for audio only or unknown) */
        int resolution() {
            return Math.min(width, height);
        }

        /** @return width over height, or {@code null} when the picture size is unknown */
        Double aspectRatio() {
            return width > 0 && height > 0 ? Math.round(width * 10_000.0 / height) / 10_000.0 : null;
        }
    }

    /** The content is not a video this probe can read. */
    final class Unreadable extends Exception {
        private static final long serialVersionUID = 1L;

        Unreadable(String message) {
            super(message);
        }
    }

    /**
     * Probes a file.
     *
     * @param format the container, as {@link VideoFormats#detect} found it from the first bytes
     * @param content the file from its first byte; the caller closes it
     * @return what the file says
     * @throws Unreadable if the file is damaged or not of its format
     * @throws IOException if the file could not be read
     */
    Probed probe(VideoFormats.Format format, InputStream content) throws Unreadable, IOException;
}
