package org.bobine.transcoding.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Benchmark, not a test (its name keeps it out of the default test run): a generated 1080p clip transcoded to the
 * 720p, 480p and 360p web videos through Bobine's runner ({@link Ffmpeg#run}: the embedded ffmpeg under
 * {@code nice}, its progress read) and through the ffmpeg command line with the same arguments, alternately, in
 * the same run. Run by {@code bench/transcoding/transcoding_bench.sh}; the figures go to
 * {@code target/transcoding-bench.txt}.
 */
class TranscodingBenchmark {

    @TempDir
    Path dir;

    @Test
    void ladderThroughBobineAndTheCommandLine() throws Exception {
        int runs = Integer.getInteger("bench.runs", 3);
        int seconds = Integer.getInteger("bench.seconds", 10);
        Ffmpeg ffmpeg = TestMedia.ffmpeg();
        Path input = TestMedia.make(dir.resolve("reference.mp4"), "-f", "lavfi", "-i", "testsrc2=duration="
                + seconds + ":size=1920x1080:rate=30", "-f", "lavfi", "-i", "sine=frequency=440:duration=" + seconds,
                "-c:v", "libx264", "-preset", "veryfast", "-crf", "20", "-pix_fmt", "yuv420p", "-c:a", "aac");
        MediaInfo info = MediaProbe.probe(input);
        int threads = Integer.getInteger("bench.threads", 0);

        List<Double> bobine = new ArrayList<>();
        List<Double> cli = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            // Alternate which goes first, so that neither always finds the caches warm.
            if (run % 2 == 0) {
                bobine.add(ladderThroughBobine(ffmpeg, info, input, threads));
                cli.add(ladderThroughCommandLine(ffmpeg, info, input, threads));
            } else {
                cli.add(ladderThroughCommandLine(ffmpeg, info, input, threads));
                bobine.add(ladderThroughBobine(ffmpeg, info, input, threads));
            }
        }
        double bobineMedian = median(bobine);
        double cliMedian = median(cli);
        String report = String.format(Locale.ROOT, "input: %ds 1920x1080 30 fps H.264 + AAC; ladder 720p, 480p, "
                + "360p web videos; threads %s; %d runs%n"
                + "Bobine (nice -n %d, progress read): median %.2f s, runs %s%n"
                + "ffmpeg command line, same arguments: median %.2f s, runs %s%n"
                + "throughput ratio Bobine / command line: %.3f%n", seconds, threads == 0 ? "FFmpeg's choice"
                : threads, runs, Ffmpeg.NICENESS, bobineMedian, format(bobine), cliMedian, format(cli),
                cliMedian / bobineMedian);
        System.out.print(report);
        Files.writeString(Path.of("target", "transcoding-bench.txt"), report, StandardCharsets.UTF_8);
    }

    private double ladderThroughBobine(Ffmpeg ffmpeg, MediaInfo info, Path input, int threads) throws Exception {
        long start = System.nanoTime();
        for (int resolution : new int[] {720, 480, 360}) {
            ffmpeg.run(arguments(info, input, resolution, threads), info.durationMicros(), f -> {
            }, () -> false, dir);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private double ladderThroughCommandLine(Ffmpeg ffmpeg, MediaInfo info, Path input, int threads)
            throws Exception {
        long start = System.nanoTime();
        for (int resolution : new int[] {720, 480, 360}) {
            List<String> command = new ArrayList<>(List.of(ffmpeg.executable(), "-hide_banner", "-nostdin", "-y",
                    "-loglevel", "error", "-nostats"));
            command.addAll(arguments(info, input, resolution, threads));
            ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
            builder.environment().put("LD_LIBRARY_PATH", ffmpeg.libraryPath());
            Process process = builder.start();
            if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IOException("ffmpeg failed: " + command);
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private List<String> arguments(MediaInfo info, Path input, int resolution, int threads) throws Exception {
        int fps = TranscodingRules.outputFps(info.fps(), resolution, false);
        return FfmpegArguments.webVideo(input.toString(), info, resolution, fps, threads,
                dir.resolve("out-" + resolution + ".mp4").toString());
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static String format(List<Double> values) {
        return Arrays.toString(values.stream().map(v -> String.format(Locale.ROOT, "%.2f", v)).toArray());
    }
}
