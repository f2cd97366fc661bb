package org.bobine.transcoding.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One video's transcoding on local files: probes the input, encodes each resolution of the ladder to a web-video
 * MP4 (or remuxes it when it already qualifies), repackages each into an HLS rendition, writes the master playlist
 * and the segments' hashes, and makes the thumbnail and preview. Everything is written in a work folder that the
 * caller deletes; nothing here touches the file store or the database.
 */
final class Pipeline {

    /** Pictures larger than this on a side are refused (8K is 7680 wide). */
    static final int MAX_SIDE = 8192;

    /** Pictures with more pixels than this are refused: a decompression bomb's frames would fill the memory. */
    static final long MAX_PIXELS = 8192L * 4608;

    static final int THUMBNAIL_WIDTH = 280;
    static final int THUMBNAIL_HEIGHT = 157;
    static final int PREVIEW_WIDTH = 850;
    static final int PREVIEW_HEIGHT = 480;

    /** What to produce. */
    record Settings(boolean webVideos, boolean hls, Set<Integer> resolutions, int threads) {

        Settings {
            if (!webVideos && !hls) {
                throw new IllegalArgumentException("web videos, HLS or both must be enabled");
            }
            resolutions = Set.copyOf(resolutions);
        }
    }

    /** A file produced, with what its probe says. */
    record Output(int resolution, int width, int height, int fps, Path file, boolean hasAudio, boolean hasVideo) {
    }

    /**
     * The HLS outputs: {@code files} and {@code playlists} are at the same index for each resolution.
     */
    record Hls(Path master, Path segmentsSha256, List<Output> files, List<Path> playlists) {
    }

    /** Everything produced; {@code webVideos} is empty when they are disabled, {@code hls} null when it is. */
    record Outputs(MediaInfo input, List<Output> webVideos, Hls hls, Path thumbnail, Path preview) {
    }

    private final Ffmpeg ffmpeg;
    private final Settings settings;

    Pipeline(Ffmpeg ffmpeg, Settings settings) {
        this.ffmpeg = ffmpeg;
        this.settings = settings;
    }

    /**
     * @param input the source file
     * @param work an empty folder for the outputs
     * @param pictures whether to make the thumbnail and the preview
     * @param progress told the percentage done, 0 to 99
     * @param stopping polled while ffmpeg runs
     * @throws BadMediaException when the input cannot be transcoded
     */
    Outputs run(Path input, Path work, boolean thumbnail, boolean preview, IntConsumer progress,
            BooleanSupplier stopping) throws IOException, BadMediaException, Ffmpeg.StoppedException {
        MediaInfo info = MediaProbe.probe(input);
        check(info);
        List<Integer> ladder = TranscodingRules.ladder(info.resolution(), info.hasAudio(), settings.resolutions());
        List<Integer> hlsLadder = ladder.stream().filter(r -> r > 0).toList();
        int steps = ladder.size() + (settings.hls() ? hlsLadder.size() : 0)
                + (info.hasVideo() && (thumbnail || preview) ? 1 : 0);
        int[] step = {0};
        String inputPath = input.toAbsolutePath().toString();

        List<Output> mp4s = new ArrayList<>();
        for (int resolution : ladder) {
            boolean original = resolution == ladder.get(0) && info.hasVideo();
            Path output = work.resolve(UUID.randomUUID() + "-" + resolution + ".mp4");
            List<String> args;
            if (original && TranscodingRules.canRemux(info)) {
                args = FfmpegArguments.remux(inputPath, info, output.toString());
            } else {
                int fps = resolution == 0 ? 0 : info.hasVideo()
                        ? TranscodingRules.outputFps(info.fps(), resolution, original)
                        : FfmpegArguments.STILL_IMAGE_FPS;
                args = FfmpegArguments.webVideo(inputPath, info, resolution, fps, settings.threads(),
                        output.toString());
            }
            ffmpeg(args, info, work, step, steps, progress, stopping);
            mp4s.add(described(resolution, output));
        }

        Hls hls = null;
        if (settings.hls()) {
            String prefix = UUID.randomUUID().toString();
            List<Output> files = new ArrayList<>();
            List<Path> playlists = new ArrayList<>();
            List<HlsFiles.Rendition> renditions = new ArrayList<>();
            for (Output mp4 : mp4s) {
                if (mp4.resolution() == 0) {
                    continue;
                }
                String base = prefix + "-" + mp4.resolution();
                Path playlist = work.resolve(base + ".m3u8");
                Path fragmented = work.resolve(base + "-fragmented.mp4");
                ffmpeg(FfmpegArguments.hls(mp4.file().toString(), fragmented.getFileName().toString(),
                        playlist.getFileName().toString()), info, work, step, steps, progress, stopping);
                Output file = described(mp4.resolution(), fragmented);
                MediaInfo probed = MediaProbe.probe(fragmented);
                files.add(file);
                playlists.add(playlist);
                renditions.add(new HlsFiles.Rendition(playlist.getFileName().toString(), file.width(),
                        file.height(), file.fps(), Files.size(fragmented), probed.durationSeconds() > 0
                                ? probed.durationSeconds() : info.durationSeconds(), HlsFiles.codecs(probed)));
            }
            Path master = work.resolve(prefix + "-master.m3u8");
            Files.writeString(master, HlsFiles.masterPlaylist(renditions), StandardCharsets.UTF_8);
            Path sha = work.resolve(prefix + "-segments-sha256.json");
            Files.write(sha, new ObjectMapper().writeValueAsBytes(HlsFiles.segmentsSha256(playlists)));
            hls = new Hls(master, sha, files, playlists);
        }

        Path thumbnailFile = null;
        Path previewFile = null;
        if (info.hasVideo() && (thumbnail || preview)) {
            // From the largest output: its picture is upright and in yuv420p, whatever the input was.
            String source = mp4s.get(0).file().toString();
            if (thumbnail) {
                thumbnailFile = picture(source, info, work, THUMBNAIL_WIDTH, THUMBNAIL_HEIGHT, stopping);
            }
            if (preview) {
                previewFile = picture(source, info, work, PREVIEW_WIDTH, PREVIEW_HEIGHT, stopping);
            }
            progress.accept(99);
        }
        return new Outputs(info, settings.webVideos() ? List.copyOf(mp4s) : List.of(), hls, thumbnailFile,
                previewFile);
    }

    /** Refuses inputs that cannot or must not be transcoded, before any encoder runs. */
    static void check(MediaInfo info) throws BadMediaException {
        if (info.videoCodec() != null && (info.width() <= 0 || info.height() <= 0)) {
            throw new BadMediaException("The video's picture has no size.");
        }
        if (info.hasVideo() && (info.width() > MAX_SIDE || info.height() > MAX_SIDE
                || (long) info.width() * info.height() > MAX_PIXELS)) {
            throw new BadMediaException("The video's picture is too large (" + info.width() + "x" + info.height()
                    + "; at most " + MAX_SIDE + " pixels a side).");
        }
        if (info.hasVideo() && info.fps() > 0 && info.fps() < TranscodingRules.HARD_MIN_FPS) {
            throw new BadMediaException("The frame rate of the video is too low.");
        }
        if (!info.hasVideo() && info.durationMicros() <= 0) {
            throw new BadMediaException("The sound has no duration.");
        }
    }

    private void ffmpeg(List<String> args, MediaInfo info, Path work, int[] step, int steps, IntConsumer progress,
            BooleanSupplier stopping) throws IOException, BadMediaException, Ffmpeg.StoppedException {
        int done = step[0];
        try {
            ffmpeg.run(args, info.durationMicros(), fraction -> progress.accept(
                    (int) Math.min(99, (done + fraction) * 99 / steps)), stopping, work);
        } catch (Ffmpeg.FfmpegException e) {
            throw new BadMediaException("FFmpeg could not transcode the video: " + lastLine(e.getMessage()));
        }
        step[0]++;
        progress.accept(Math.min(99, step[0] * 99 / steps));
    }

    private Path picture(String source, MediaInfo info, Path work, int width, int height, BooleanSupplier stopping)
            throws IOException, Ffmpeg.StoppedException {
        Path output = work.resolve(UUID.randomUUID() + ".jpg");
        double middle = info.durationSeconds() / 2;
        for (double seek : new double[] {middle, 0}) {
            try {
                ffmpeg.run(FfmpegArguments.picture(source, seek, width, height, output.toString()), 0, f -> {
                }, stopping, work);
                if (Files.isRegularFile(output) && Files.size(output) > 0) {
                    return output;
                }
            } catch (Ffmpeg.FfmpegException e) {
                // Seeking past the last keyframe of a short video finds no frame: try from the start.
            }
        }
        return null;
    }

    private static Output described(int resolution, Path file) throws BadMediaException {
        MediaInfo out = MediaProbe.probe(file);
        int fps = out.hasVideo() ? (int) Math.round(out.fps()) : 0;
        return new Output(resolution, out.displayWidth(), out.displayHeight(), fps, file, out.hasAudio(),
                out.hasVideo());
    }

    private static String lastLine(String text) {
        String[] lines = text.strip().split("\\R");
        String last = lines[lines.length - 1].strip();
        return last.length() > 300 ? last.substring(0, 300) : last;
    }
}
