package org.bobine.transcoding.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.bytedeco.javacpp.Loader;

/** Short test media made by the same embedded FFmpeg from its lavfi sources, and probes of the outputs. */
final class TestMedia {

    private static Ffmpeg ffmpeg;

    private TestMedia() {
    }

    static synchronized Ffmpeg ffmpeg() throws IOException {
        if (ffmpeg == null) {
            ffmpeg = Ffmpeg.embedded();
        }
        return ffmpeg;
    }

    /** Runs ffmpeg with these arguments (the output last) and returns the output. */
    static Path make(Path output, String... arguments) throws Exception {
        List<String> args = new ArrayList<>(Arrays.asList(arguments));
        args.add(output.toString());
        ffmpeg().run(args, 0, f -> {
        }, () -> false, output.getParent());
        return output;
    }

    /** A clip of test pattern (and a tone unless {@code sound} is false), H.264 ultrafast + AAC in MP4. */
    static Path clip(Path dir, String name, int width, int height, int fps, double seconds, boolean sound)
            throws Exception {
        List<String> args = new ArrayList<>(List.of("-f", "lavfi", "-i", "testsrc2=duration=" + seconds + ":size="
                + width + "x" + height + ":rate=" + fps));
        if (sound) {
            args.addAll(List.of("-f", "lavfi", "-i", "sine=frequency=440:duration=" + seconds, "-c:a", "aac",
                    "-b:a", "96k"));
        }
        args.addAll(List.of("-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"));
        return make(dir.resolve(name), args.toArray(String[]::new));
    }

    /** The times of the video's keyframes, read by the embedded ffprobe. */
    static List<Double> keyframeTimes(Path file) throws Exception {
        String ffprobe = Loader.load(org.bytedeco.ffmpeg.ffprobe.class);
        ProcessBuilder builder = new ProcessBuilder(ffprobe, "-v", "error", "-select_streams", "v:0", "-skip_frame",
                "nokey", "-show_entries", "frame=pts_time", "-of", "csv=p=0", file.toString())
                .redirectErrorStream(true);
        builder.environment().put("LD_LIBRARY_PATH", ffmpeg().libraryPath());
        Process process = builder.start();
        String out;
        try (InputStream in = process.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        process.waitFor(30, TimeUnit.SECONDS);
        List<Double> times = new ArrayList<>();
        for (String line : out.split("\\R")) {
            if (!line.isBlank()) {
                times.add(Double.parseDouble(line.trim().replace(",", "")));
            }
        }
        return times;
    }

    /** The types of the top-level boxes of an ISO BMFF file, and of those inside {@code moov}. */
    static List<String> boxes(Path file, boolean insideMoov) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        List<String> types = new ArrayList<>();
        walk(bytes, 0, bytes.length, insideMoov, types);
        return types;
    }

    private static void walk(byte[] bytes, int from, int to, boolean insideMoov, List<String> types) {
        int at = from;
        while (at + 8 <= to) {
            long size = ((bytes[at] & 0xFFL) << 24) | ((bytes[at + 1] & 0xFF) << 16) | ((bytes[at + 2] & 0xFF) << 8)
                    | (bytes[at + 3] & 0xFF);
            String type = new String(bytes, at + 4, 4, StandardCharsets.US_ASCII);
            if (size < 8) {
                throw new IllegalStateException("box " + type + " of size " + size);
            }
            if (insideMoov) {
                if (type.equals("moov")) {
                    walk(bytes, at + 8, (int) (at + size), false, types);
                    return;
                }
            } else {
                types.add(type);
            }
            at += (int) size;
        }
    }
}
