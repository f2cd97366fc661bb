package org.bobine.catalog.internal;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A minimal ISO-BMFF file built box by box: {@code ftyp}, {@code moov} (movie header and one video track with its
 * header, media header, handler and time-to-sample table), then {@code mdat} with filler bytes. Enough for a
 * probe; no player would show it.
 */
final class TinyMp4 {

    private TinyMp4() {
    }

    /**
     * @param width of the picture
     * @param height of the picture
     * @param seconds the duration
     * @param fps frames per second
     * @param mediaBytes the size of the media data
     * @param moovFirst whether {@code moov} comes before {@code mdat} ("fast start")
     */
    static byte[] build(int width, int height, int seconds, int fps, int mediaBytes, boolean moovFirst) {
        try {
            int timescale = 1000;
            int mediaTimescale = fps * 512;
            byte[] ftyp = box("ftyp", join(ascii("isom"), u32(512), ascii("isomiso2mp41")));
            byte[] mvhd = box("mvhd", join(u32(0), u32(0), u32(0), u32(timescale), u32(seconds * timescale),
                    new byte[80]));
            byte[] tkhd = box("tkhd", join(u32(3), u32(0), u32(0), u32(1), u32(0), u32(seconds * timescale),
                    new byte[8], new byte[8], new byte[36], u32(width << 16), u32(height << 16)));
            byte[] mdhd = box("mdhd", join(u32(0), u32(0), u32(0), u32(mediaTimescale),
                    u32(seconds * mediaTimescale), u32(0)));
            byte[] hdlr = box("hdlr", join(u32(0), u32(0), ascii("vide"), new byte[12], ascii("Video\0")));
            byte[] stts = box("stts", join(u32(0), u32(1), u32(seconds * fps), u32(512)));
            byte[] audio = box("trak", join(box("tkhd", join(u32(3), new byte[80])), box("mdia", join(
                    box("mdhd", join(u32(0), u32(0), u32(0), u32(48000), u32(seconds * 48000), u32(0))),
                    box("hdlr", join(u32(0), u32(0), ascii("soun"), new byte[12], ascii("Sound\0")))))));
            byte[] trak = box("trak", join(tkhd, box("mdia", join(mdhd, hdlr,
                    box("minf", box("stbl", stts))))));
            byte[] moov = box("moov", join(mvhd, audio, trak));
            byte[] media = new byte[mediaBytes];
            for (int i = 0; i < media.length; i++) {
                media[i] = (byte) (i * 31 + 7);
            }
            byte[] mdat = box("mdat", media);
            return moovFirst ? join(ftyp, moov, mdat) : join(ftyp, mdat, moov);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] box(String type, byte[] payload) throws IOException {
        return join(u32(8 + payload.length), ascii(type), payload);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] u32(int value) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new DataOutputStream(out).writeInt(value);
        return out.toByteArray();
    }

    private static byte[] join(byte[]... parts) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.write(part);
        }
        return out.toByteArray();
    }
}
