package org.bobine.transcoding.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleConsumer;

import org.bytedeco.javacpp.Loader;

/**
 * Runs the {@code ffmpeg} program that JavaCPP ships with FFmpeg's libraries (the same build: libx264, AAC), as a
 * child process at a lower scheduling priority ({@code nice}) than the server, reading its {@code -progress}
 * report. A child process rather than JavaCV's recorder: the encoder runs exactly as FFmpeg's own command line
 * does (same threads, same muxers, same options), a crash in a decoder fed with a hostile file cannot take the
 * server down, and a stop kills it at once.
 */
final class Ffmpeg {

    /** Niceness of the child process: below the server's, so that requests are served first. */
    static final int NICENESS = 10;

    private static final int ERROR_TAIL = 2000;

    private final List<String> prefix;
    private final String libraryPath;

    private Ffmpeg(List<String> prefix, String libraryPath) {
        this.prefix = List.copyOf(prefix);
        this.libraryPath = libraryPath;
    }

    /** The embedded {@code ffmpeg}, extracted by JavaCPP to its cache on first use, run under {@code nice}. */
    static Ffmpeg embedded() throws IOException {
        String executable;
        Path libraries;
        try {
            // Loading the libraries makes JavaCPP extract them (when they come from a bundle or a JAR); the path
            // it answers is that of a JNI library, beside FFmpeg's own.
            libraries = Path.of(Loader.load(org.bytedeco.ffmpeg.global.avdevice.class)).getParent();
            Loader.load(org.bytedeco.ffmpeg.global.postproc.class);
            executable = Loader.load(org.bytedeco.ffmpeg.ffmpeg.class);
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            throw new IOException("The embedded ffmpeg program could not be extracted: " + e, e);
        }
        Path links = Path.of(System.getProperty("java.io.tmpdir"),
                "bobine-ffmpeg-" + Integer.toHexString(libraries.toAbsolutePath().toString().hashCode()));
        NativeLibraries.linkSonames(libraries, links);
        return new Ffmpeg(command(Path.of(executable)), libraries + java.io.File.pathSeparator + links);
    }

    /** @return the command that starts the program: {@code nice -n 10 ffmpeg} where {@code nice} exists */
    static List<String> command(Path executable) {
        List<String> prefix = new ArrayList<>();
        for (String nice : new String[] {"/usr/bin/nice", "/bin/nice"}) {
            if (Files.isExecutable(Path.of(nice))) {
                prefix.addAll(List.of(nice, "-n", Integer.toString(NICENESS)));
                break;
            }
        }
        prefix.add(executable.toString());
        return prefix;
    }

    /** @return the {@code LD_LIBRARY_PATH} under which FFmpeg's programs find its shared libraries */
    String libraryPath() {
        return libraryPath;
    }

    /** @return the path of the ffmpeg program, the last element of the command */
    String executable() {
        return prefix.get(prefix.size() - 1);
    }

    /** The program's arguments for a command line, as they are run (for the benchmark's reference run). */
    List<String> commandLine(List<String> arguments) {
        List<String> all = new ArrayList<>(prefix);
        all.addAll(List.of("-hide_banner", "-nostdin", "-y", "-loglevel", "error", "-nostats", "-progress",
                "pipe:1"));
        all.addAll(arguments);
        return all;
    }

    /**
     * Runs ffmpeg to its end.
     *
     * @param arguments the arguments after the common ones (inputs, filters, outputs)
     * @param durationMicros the input's duration, to turn the reported time into a fraction (0: no progress)
     * @param progress told the fraction done, 0 to 1, as ffmpeg reports it (about twice a second)
     * @param stopping polled while it runs: when it turns true the process is killed
     * @throws FfmpegException when ffmpeg fails, with the end of what it wrote on its error output
     * @throws StoppedException when it was killed because {@code stopping} turned true
     */
    void run(List<String> arguments, long durationMicros, DoubleConsumer progress, BooleanSupplier stopping,
            Path workDirectory) throws IOException, FfmpegException, StoppedException {
        Path errors = Files.createTempFile(workDirectory, "ffmpeg-", ".log");
        ProcessBuilder builder = new ProcessBuilder(commandLine(arguments)).directory(workDirectory.toFile())
                .redirectError(errors.toFile());
        builder.environment().put("LD_LIBRARY_PATH", libraryPath);
        Process process = builder.start();
        Thread reader = new Thread(() -> readProgress(process, durationMicros, progress), "bobine-ffmpeg-progress");
        reader.setDaemon(true);
        reader.start();
        try {
            do {
                if (stopping.getAsBoolean()) {
                    kill(process);
                    throw new StoppedException();
                }
            } while (!process.waitFor(200, TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            throw new StoppedException();
        } finally {
            try {
                reader.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            if (process.exitValue() != 0) {
                throw new FfmpegException(tail(errors, process.exitValue()));
            }
        } finally {
            Files.deleteIfExists(errors);
        }
    }

    private static void kill(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void readProgress(Process process, long durationMicros, DoubleConsumer progress) {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                double fraction = fraction(line, durationMicros);
                if (fraction >= 0) {
                    progress.accept(fraction);
                }
            }
        } catch (IOException | RuntimeException e) {
            // The process ended or was killed; the exit code says what happened.
        }
    }

    /**
     * @param line one line of ffmpeg's {@code -progress} output ({@code key=value})
     * @return the fraction done, or -1 when the line does not tell
     */
    static double fraction(String line, long durationMicros) {
        if (line.equals("progress=end")) {
            return 1;
        }
        if (durationMicros <= 0 || !line.startsWith("out_time_us=")) {
            return -1;
        }
        try {
            long done = Long.parseLong(line.substring("out_time_us=".length()).trim());
            return done < 0 ? -1 : Math.min(1, done / (double) durationMicros);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String tail(Path errors, int exitValue) {
        String text;
        try {
            text = Files.readString(errors, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            text = "";
        }
        if (text.length() > ERROR_TAIL) {
            text = text.substring(text.length() - ERROR_TAIL);
        }
        return text.isEmpty() ? "ffmpeg exited with " + exitValue : text;
    }

    /** ffmpeg failed; the message is the end of its error output. */
    static final class FfmpegException extends Exception {
        private static final long serialVersionUID = 1L;

        FfmpegException(String message) {
            super(message);
        }
    }

    /** ffmpeg was killed because the job had to stop. */
    static final class StoppedException extends Exception {
        private static final long serialVersionUID = 1L;

        StoppedException() {
            super("stopped");
        }
    }
}
