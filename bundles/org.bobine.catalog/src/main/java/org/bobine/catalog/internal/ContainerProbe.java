package org.bobine.catalog.internal;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A probe in plain Java. ISO-BMFF (MP4, MOV): the duration from {@code mvhd}, and from the first video track the
 * picture size ({@code tkhd}) and the frame rate (samples over time: {@code mdhd}'s time scale and {@code stts}).
 * Boxes are walked in file order and media data skipped, so a {@code moov} after the media costs a seek, not a
 * read. WebM and Ogg are only recognised: their duration, size and frame rate are recorded as 0 until FFmpeg
 * probes them.
 */
final class ContainerProbe implements VideoProbe {

    /** Metadata boxes larger than this are not read (a frame table of hours of variable frame rate still fits). */
    private static final int MAX_BOX = 16 << 20;

    @Override
    public Probed probe(VideoFormats.Format format, InputStream content) throws Unreadable, IOException {
        if (format != VideoFormats.Format.MP4) {
            return new Probed(0, 0, 0, 0);
        }
        Movie movie = new Movie();
        DataInputStream in = new DataInputStream(content);
        try {
            walk(in, -1, movie, null);
        } catch (EOFException e) {
            throw new Unreadable("The file ends inside a box");
        }
        if (movie.timescale <= 0) {
            throw new Unreadable("The file has no movie header");
        }
        Track video = movie.video;
        int duration = (int) Math.min(Integer.MAX_VALUE, Math.round((double) movie.duration / movie.timescale));
        if (video == null) {
            return new Probed(duration, 0, 0, 0);
        }
        int fps = video.timescale > 0 && video.sampleTime > 0
                ? (int) Math.round((double) video.samples * video.timescale / video.sampleTime) : 0;
        return new Probed(duration, video.width, video.height, fps);
    }

    private static final class Movie {
        long timescale;
        long duration;
        Track video;
    }

    private static final class Track {
        int width;
        int height;
        String handler = "";
        long timescale;
        long samples;
        long sampleTime;
    }

    /** Walks the boxes of {@code length} bytes ({@code -1}: to the end of the stream). */
    private static void walk(DataInputStream in, long length, Movie movie, Track track)
            throws IOException, Unreadable {
        long consumed = 0;
        while (length < 0 || consumed < length) {
            long size;
            try {
                size = in.readInt() & 0xffffffffL;
            } catch (EOFException e) {
                if (length < 0 && consumed > 0) {
                    return;
                }
                throw e;
            }
            byte[] typeBytes = new byte[4];
            in.readFully(typeBytes);
            String type = new String(typeBytes, StandardCharsets.ISO_8859_1);
            long header = 8;
            if (size == 1) {
                size = in.readLong();
                header = 16;
            } else if (size == 0) {
                if (length >= 0) {
                    throw new Unreadable("A box without size inside " + type);
                }
                return; // The last box runs to the end of the file: nothing after it.
            }
            if (size < header || (length >= 0 && consumed + size > length)) {
                throw new Unreadable("Box " + type + " has a wrong size");
            }
            long payload = size - header;
            switch (type) {
                case "moov", "mdia", "minf", "stbl" -> walk(in, payload, movie, track);
                case "trak" -> {
                    Track inner = new Track();
                    walk(in, payload, movie, inner);
                    if (movie.video == null && inner.handler.equals("vide")) {
                        movie.video = inner;
                    }
                }
                case "mvhd", "tkhd", "mdhd", "hdlr", "stts" -> {
                    if (payload > MAX_BOX) {
                        skip(in, payload);
                    } else {
                        byte[] body = new byte[(int) payload];
                        in.readFully(body);
                        read(type, ByteBuffer.wrap(body), movie, track);
                    }
                }
                default -> skip(in, payload);
            }
            consumed += size;
        }
    }

    private static void read(String type, ByteBuffer box, Movie movie, Track track) throws Unreadable {
        try {
            int version = box.get() & 0xff;
            box.position(4); // flags
            switch (type) {
                case "mvhd" -> {
                    skipBytes(box, version == 1 ? 16 : 8);
                    movie.timescale = box.getInt() & 0xffffffffL;
                    movie.duration = version == 1 ? box.getLong() : box.getInt() & 0xffffffffL;
                }
                case "tkhd" -> {
                    if (track == null) {
                        return;
                    }
                    // creation, modification, track id, reserved, duration; reserved, layer, group, volume,
                    // reserved, matrix; then width and height in 16.16 fixed point.
                    skipBytes(box, (version == 1 ? 32 : 20) + 8 + 8 + 36);
                    track.width = box.getInt() >>> 16;
                    track.height = box.getInt() >>> 16;
                }
                case "mdhd" -> {
                    if (track != null) {
                        skipBytes(box, version == 1 ? 16 : 8);
                        track.timescale = box.getInt() & 0xffffffffL;
                    }
                }
                case "hdlr" -> {
                    if (track != null) {
                        skipBytes(box, 4);
                        byte[] handler = new byte[4];
                        box.get(handler);
                        track.handler = new String(handler, StandardCharsets.ISO_8859_1);
                    }
                }
                case "stts" -> {
                    if (track != null) {
                        long entries = box.getInt() & 0xffffffffL;
                        for (long i = 0; i < entries; i++) {
                            long count = box.getInt() & 0xffffffffL;
                            long delta = box.getInt() & 0xffffffffL;
                            track.samples += count;
                            track.sampleTime += count * delta;
                        }
                    }
                }
                default -> {
                    // Not read.
                }
            }
        } catch (java.nio.BufferUnderflowException | IllegalArgumentException e) {
            throw new Unreadable("Box " + type + " is too short");
        }
    }

    private static void skipBytes(ByteBuffer box, int n) {
        box.position(box.position() + n);
    }

    private static void skip(DataInputStream in, long n) throws IOException {
        long left = n;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new EOFException();
                }
                skipped = 1;
            }
            left -= skipped;
        }
    }
}
