package org.bobine.transcoding.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The arguments of each ffmpeg run, from PeerTube's default transcoding profile: x264 {@code veryfast} capped by
 * {@code -maxrate} at the target bitrate with twice that buffer, {@code -b_strategy 1 -bf 16}, level 3.1, a
 * keyframe every two seconds, yuv420p, no metadata; AAC copied or re-encoded by PeerTube's audio rules;
 * progressive MP4 with {@code faststart} for web videos; fragmented MP4 in one file with a byte-range playlist for
 * HLS. The same lists are what the benchmark gives to the ffmpeg command line.
 */
final class FfmpegArguments {

    /** HLS segments' target duration, in seconds (PeerTube's {@code -hls_time 4}). */
    static final int HLS_TIME = 4;

    /** The frame rate of the still picture made for an audio-only input: min(25, max fps). */
    static final int STILL_IMAGE_FPS = Math.min(25, TranscodingRules.MAX_FPS);

    private FfmpegArguments() {
    }

    /**
     * A web-video MP4 of one resolution.
     *
     * @param input the input file's path
     * @param info what the input holds
     * @param resolution the output's resolution, 0 for audio only
     * @param fps the output's frame rate (ignored for audio only)
     * @param threads x264 threads, 0 for FFmpeg's choice
     * @param output the MP4 to write
     */
    static List<String> webVideo(String input, MediaInfo info, int resolution, int fps, int threads,
            String output) {
        List<String> args = new ArrayList<>();
        if (resolution == 0) {
            args.addAll(List.of("-i", input, "-map", "0:a:0", "-vn"));
            audio(args, info);
        } else if (!info.hasVideo()) {
            // Audio only: a still picture for the length of the sound.
            args.addAll(List.of("-f", "lavfi", "-i", "color=c=black:s=" + width(resolution, 16.0 / 9) + "x"
                    + resolution + ":r=" + fps, "-i", input, "-map", "0:v:0", "-map", "1:a:0", "-shortest"));
            video(args, info, resolution, fps, 16.0 / 9);
            args.addAll(List.of("-tune", "stillimage"));
            audio(args, info);
        } else {
            args.addAll(List.of("-i", input, "-map", "0:v:0"));
            if (info.hasAudio()) {
                args.addAll(List.of("-map", "0:a:0"));
            }
            String scale = info.portrait() ? "scale=w=" + resolution + ":h=-2" : "scale=w=-2:h=" + resolution;
            args.addAll(List.of("-vf", scale));
            video(args, info, resolution, fps, info.ratio());
            if (info.hasAudio()) {
                audio(args, info);
            }
        }
        if (threads > 0) {
            args.addAll(List.of("-threads", Integer.toString(threads)));
        }
        args.addAll(List.of("-max_muxing_queue_size", "1024", "-map_metadata", "-1", "-movflags", "faststart",
                "-f", "mp4", output));
        return args;
    }

    /** PeerTube's quick transcode: the streams copied into a progressive MP4. */
    static List<String> remux(String input, MediaInfo info, String output) {
        List<String> args = new ArrayList<>(List.of("-i", input, "-map", "0:v:0"));
        if (info.hasAudio()) {
            args.addAll(List.of("-map", "0:a:0"));
        }
        args.addAll(List.of("-c", "copy", "-max_muxing_queue_size", "1024", "-map_metadata", "-1", "-movflags",
                "faststart", "-f", "mp4", output));
        return args;
    }

    /**
     * An HLS rendition from a web-video MP4 of the same resolution: the streams copied into one fragmented MP4 with
     * a byte-range VOD playlist.
     *
     * @param fragmentedFile the name of the fragmented MP4, in the playlist's folder
     */
    static List<String> hls(String input, String fragmentedFile, String playlist) {
        return List.of("-i", input, "-c", "copy", "-map_metadata", "-1", "-f", "hls", "-hls_time",
                Integer.toString(HLS_TIME), "-hls_list_size", "0", "-hls_playlist_type", "vod", "-hls_segment_type",
                "fmp4", "-hls_flags", "single_file", "-hls_segment_filename", fragmentedFile, playlist);
    }

    /**
     * A JPEG picture of the video: the most representative of 50 frames (FFmpeg's {@code thumbnail} filter) from
     * the middle of the video (or its start), covering {@code width x height}. Cropped in 4:4:4, which allows the
     * odd height of PeerTube's 280x157 thumbnails.
     */
    static List<String> picture(String input, double seekSeconds, int width, int height, String output) {
        List<String> args = new ArrayList<>();
        if (seekSeconds > 0) {
            args.addAll(List.of("-ss", String.format(java.util.Locale.ROOT, "%.3f", seekSeconds)));
        }
        args.addAll(List.of("-i", input, "-map", "0:v:0", "-vf", "thumbnail=50,scale=w=" + width + ":h=" + height
                + ":force_original_aspect_ratio=increase,format=yuvj444p,crop=" + width + ":" + height, "-frames:v", "1", "-q:v", "3",
                "-map_metadata", "-1", "-f", "image2", output));
        return args;
    }

    private static void video(List<String> args, MediaInfo info, int resolution, int fps, double ratio) {
        long target = TranscodingRules.targetBitrate(info.bitrate(), resolution, ratio, fps);
        args.addAll(List.of("-c:v", "libx264", "-pix_fmt", "yuv420p", "-preset", "veryfast", "-maxrate:v",
                Long.toString(target), "-bufsize:v", Long.toString(target * 2), "-b_strategy", "1", "-bf", "16",
                "-level:v", "3.1", "-g:v", Integer.toString(fps * 2), "-r", Integer.toString(fps)));
    }

    private static void audio(List<String> args, MediaInfo info) {
        TranscodingRules.Audio audio = TranscodingRules.audio(info.audioCodec(), info.audioBitrate());
        if (audio.copy()) {
            args.addAll(List.of("-c:a", "copy"));
        } else {
            args.addAll(List.of("-c:a", "aac", "-b:a", Long.toString(audio.bitrate()), "-ch_layout", "stereo"));
        }
    }

    /** An even width for a height at a ratio. */
    static int width(int height, double ratio) {
        int width = (int) Math.round(height * ratio);
        return width + width % 2;
    }
}
