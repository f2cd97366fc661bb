package org.bobine.transcoding.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * PeerTube's transcoding rules (its default profile): which resolutions a video gets, at what frame rate and
 * bitrate, and what happens to its sound. Pure functions, so that they are tested without FFmpeg.
 */
final class TranscodingRules {

    /** The resolutions PeerTube knows, 0 being audio only. */
    static final List<Integer> RESOLUTIONS = List.of(0, 144, 240, 360, 480, 720, 1080, 1440, 2160);

    /** The resolution of the still-image video made of an audio-only input. */
    static final int AUDIO_ONLY_RESOLUTION = 480;

    /** PeerTube's {@code transcoding.fps.max}. */
    static final int MAX_FPS = 60;

    /** Below this resolution, a non-original output above the average frame rate is brought to a standard one. */
    static final int KEEP_ORIGIN_FPS_RESOLUTION_MIN = 720;

    /** Frame rates below this are refused. */
    static final double HARD_MIN_FPS = 0.1;

    /** Frame rates below this (but above the hard minimum) are raised to it. */
    static final int SOFT_MIN_FPS = 1;

    /** AAC input up to this many bits per second is copied. */
    static final long MAX_AUDIO_COPY_BITRATE = 384_000;

    /** Bits per pixel by resolution: minimum, average, maximum (PeerTube's table). */
    private static final Map<Integer, double[]> BITS_PER_PIXEL = Map.of(
            144, new double[] {0.02, 0.19, 0.32},
            240, new double[] {0.02, 0.17, 0.29},
            360, new double[] {0.02, 0.15, 0.26},
            480, new double[] {0.02, 0.12, 0.22},
            720, new double[] {0.02, 0.11, 0.19},
            1080, new double[] {0.02, 0.10, 0.17},
            1440, new double[] {0.02, 0.09, 0.16},
            2160, new double[] {0.02, 0.08, 0.14});

    private static final int[] FALLBACK_BITRATES = {10_000, 192_000, 256_000};
    private static final int MIN = 0;
    private static final int AVERAGE = 1;
    private static final int MAXIMUM = 2;

    private TranscodingRules() {
    }

    /**
     * The resolutions to produce for an input, highest first: the input's own resolution (made even), then each
     * enabled resolution strictly below it; never above the input. An audio-only input gets one still-image video
     * at {@value #AUDIO_ONLY_RESOLUTION}p. Audio only (0) is added when enabled and the input has sound.
     *
     * @param inputResolution the smaller side of the input's picture, 0 when it has none
     * @param enabled the configured resolutions
     */
    static List<Integer> ladder(int inputResolution, boolean hasAudio, Collection<Integer> enabled) {
        for (int resolution : enabled) {
            if (!RESOLUTIONS.contains(resolution)) {
                throw new IllegalArgumentException("unknown resolution " + resolution);
            }
        }
        List<Integer> ladder = new ArrayList<>();
        if (inputResolution <= 0) {
            ladder.add(AUDIO_ONLY_RESOLUTION);
            return ladder;
        }
        int max = inputResolution - inputResolution % 2;
        ladder.add(max);
        Set<Integer> lower = new TreeSet<>((a, b) -> Integer.compare(b, a));
        for (int resolution : enabled) {
            if (resolution > 0 && resolution < max) {
                lower.add(resolution);
            }
        }
        ladder.addAll(lower);
        if (hasAudio && enabled.contains(0)) {
            ladder.add(0);
        }
        return ladder;
    }

    /**
     * PeerTube's {@code computeOutputFPS}.
     *
     * @param inputFps the input's frame rate
     * @param resolution the output's resolution
     * @param originalResolution whether the output keeps the input's resolution
     * @throws BadMediaException when the input's frame rate is below {@value #HARD_MIN_FPS}
     */
    static int outputFps(double inputFps, int resolution, boolean originalResolution) throws BadMediaException {
        double fps = inputFps;
        double average = Math.min(30, MAX_FPS);
        if (!originalResolution && resolution < KEEP_ORIGIN_FPS_RESOLUTION_MIN && fps > average) {
            fps = closest(fps, standard());
        }
        if (fps > MAX_FPS) {
            fps = closest(fps, hdStandard());
        }
        if (fps < HARD_MIN_FPS) {
            throw new BadMediaException("The frame rate of the video (" + inputFps + ") is too low.");
        }
        if (fps < SOFT_MIN_FPS) {
            return SOFT_MIN_FPS;
        }
        return (int) Math.round(fps);
    }

    private static int[] standard() {
        return Arrays.stream(new int[] {24, 25, 30}).filter(f -> f <= MAX_FPS).toArray();
    }

    private static int[] hdStandard() {
        return Arrays.stream(new int[] {50, 60, MAX_FPS}).filter(f -> f <= MAX_FPS).distinct().toArray();
    }

    /** The largest candidate dividing {@code fps}, else the one with the smallest remainder (largest first). */
    static int closest(double fps, int[] candidates) {
        int[] descending = Arrays.stream(candidates).boxed().sorted((a, b) -> b - a).mapToInt(Integer::intValue)
                .toArray();
        for (int candidate : descending) {
            if (fps % candidate == 0) {
                return candidate;
            }
        }
        int best = descending[0];
        for (int candidate : descending) {
            if (fps % candidate < fps % best) {
                best = candidate;
            }
        }
        return best;
    }

    static long minBitrate(int resolution, double ratio, double fps) {
        return bitrate(resolution, ratio, fps, MIN);
    }

    static long averageBitrate(int resolution, double ratio, double fps) {
        return bitrate(resolution, ratio, fps, AVERAGE);
    }

    static long maxBitrate(int resolution, double ratio, double fps) {
        return bitrate(resolution, ratio, fps, MAXIMUM);
    }

    private static long bitrate(int resolution, double ratio, double fps, int which) {
        double[] factors = null;
        for (int standard : new int[] {2160, 1440, 1080, 720, 480, 360, 240, 144}) {
            if (standard <= resolution) {
                factors = BITS_PER_PIXEL.get(standard);
                break;
            }
        }
        if (factors == null) {
            factors = BITS_PER_PIXEL.get(144);
        }
        long product = (long) Math.floor(resolution * (double) resolution * ratio * fps * factors[which]);
        return product == 0 ? FALLBACK_BITRATES[which] : product;
    }

    /**
     * PeerTube's target video bitrate: the average theoretical bitrate, capped at the input's bitrate plus 30 %,
     * never below the minimum.
     *
     * @param inputBitrate bits per second of the input, 0 when unknown
     */
    static long targetBitrate(long inputBitrate, int resolution, double ratio, double fps) {
        long average = averageBitrate(resolution, ratio, fps);
        long capped = inputBitrate <= 0 ? average : Math.min(average, (long) (inputBitrate * 1.3));
        return Math.max(minBitrate(resolution, ratio, fps), capped);
    }

    /** What to do with the sound. */
    record Audio(boolean copy, long bitrate) {
    }

    /**
     * PeerTube's audio rules: AAC up to 384 kbit/s is copied; AAC above is encoded at 384 kbit/s; other codecs at
     * 128 kbit/s up to 192 kbit/s input, 256 kbit/s up to 384, 384 above; unknown input bitrate gives 256 kbit/s.
     */
    static Audio audio(String codec, long inputBitrate) {
        boolean aac = "aac".equals(codec);
        if (aac && inputBitrate > 0 && inputBitrate <= MAX_AUDIO_COPY_BITRATE) {
            return new Audio(true, inputBitrate);
        }
        if (inputBitrate <= 0) {
            return new Audio(false, 256_000);
        }
        if (aac) {
            return new Audio(false, MAX_AUDIO_COPY_BITRATE);
        }
        if (inputBitrate <= 192_000) {
            return new Audio(false, 128_000);
        }
        if (inputBitrate <= 384_000) {
            return new Audio(false, 256_000);
        }
        return new Audio(false, 384_000);
    }

    /**
     * PeerTube's quick transcode: an input that is already H.264 in yuv420p at a frame rate between 2 and the
     * maximum, within the maximum theoretical bitrate, with AAC sound (if any) that would be copied, is only
     * remuxed (with {@code faststart}) for its own resolution.
     */
    static boolean canRemux(MediaInfo input) {
        if (!input.hasVideo() || !"h264".equals(input.videoCodec()) || !"yuv420p".equals(input.pixelFormat())) {
            return false;
        }
        if (input.fps() < 2 || input.fps() > MAX_FPS) {
            return false;
        }
        if (input.width() % 2 != 0 || input.height() % 2 != 0) {
            return false;
        }
        if (input.bitrate() <= 0
                || input.bitrate() > maxBitrate(input.resolution(), input.ratio(), input.fps())) {
            return false;
        }
        return !input.hasAudio() || (audio(input.audioCodec(), input.audioBitrate()).copy()
                && input.audioChannels() > 0 && input.audioChannels() != 4);
    }
}
