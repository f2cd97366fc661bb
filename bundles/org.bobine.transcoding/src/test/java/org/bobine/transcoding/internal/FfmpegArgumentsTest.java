package org.bobine.transcoding.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class FfmpegArgumentsTest {

    private static final MediaInfo LANDSCAPE = new MediaInfo(10_000_000, 1920, 1080, 0, 30, "h264", "yuv420p", 100,
            40, "aac", 2, 128_000, 5_000_000);

    private static String after(List<String> args, String option) {
        return args.get(args.indexOf(option) + 1);
    }

    @Test
    void aLowerResolutionIsScaledByHeightWithPeerTubesX264Options() {
        List<String> args = FfmpegArguments.webVideo("in.mp4", LANDSCAPE, 480, 30, 2, "out.mp4");
        long target = TranscodingRules.targetBitrate(5_000_000, 480, 1920 / 1080.0, 30);
        assertThat(after(args, "-vf")).isEqualTo("scale=w=-2:h=480");
        assertThat(after(args, "-c:v")).isEqualTo("libx264");
        assertThat(after(args, "-preset")).isEqualTo("veryfast");
        assertThat(after(args, "-maxrate:v")).isEqualTo(Long.toString(target));
        assertThat(after(args, "-bufsize:v")).isEqualTo(Long.toString(2 * target));
        assertThat(after(args, "-b_strategy")).isEqualTo("1");
        assertThat(after(args, "-bf")).isEqualTo("16");
        assertThat(after(args, "-g:v")).isEqualTo("60");
        assertThat(after(args, "-r")).isEqualTo("30");
        assertThat(after(args, "-pix_fmt")).isEqualTo("yuv420p");
        assertThat(after(args, "-map_metadata")).isEqualTo("-1");
        assertThat(after(args, "-movflags")).isEqualTo("faststart");
        assertThat(after(args, "-threads")).isEqualTo("2");
        assertThat(after(args, "-c:a")).isEqualTo("copy");
        assertThat(args.get(args.size() - 1)).isEqualTo("out.mp4");
    }

    @Test
    void aPortraitOrTurnedPictureIsScaledByWidth() {
        MediaInfo portrait = new MediaInfo(1_000_000, 1080, 1920, 0, 30, "h264", "yuv420p", 100, 40, null, 0, 0, 0);
        assertThat(after(FfmpegArguments.webVideo("in", portrait, 720, 30, 0, "out"), "-vf"))
                .isEqualTo("scale=w=720:h=-2");
        MediaInfo turned = new MediaInfo(1_000_000, 1920, 1080, 90, 30, "h264", "yuv420p", 100, 40, null, 0, 0, 0);
        List<String> args = FfmpegArguments.webVideo("in", turned, 720, 30, 0, "out");
        assertThat(after(args, "-vf")).isEqualTo("scale=w=720:h=-2");
        assertThat(args).doesNotContain("-threads", "-c:a");
    }

    @Test
    void otherSoundIsEncodedToStereoAac() {
        MediaInfo mp3 = new MediaInfo(1_000_000, 640, 360, 0, 25, "h264", "yuv420p", 100, 30, "mp3", 1, 320_000,
                900_000);
        List<String> args = FfmpegArguments.webVideo("in", mp3, 360, 25, 1, "out");
        assertThat(after(args, "-c:a")).isEqualTo("aac");
        assertThat(after(args, "-b:a")).isEqualTo("256000");
        assertThat(after(args, "-ch_layout")).isEqualTo("stereo");
    }

    @Test
    void audioOnlyInputsGetAStillPictureAndAudioOnlyOutputsNoPicture() {
        MediaInfo sound = new MediaInfo(3_000_000, 0, 0, 0, 0, null, null, -99, -99, "mp3", 2, 128_000, 128_000);
        List<String> still = FfmpegArguments.webVideo("in.mp3", sound, 480, 25, 0, "out.mp4");
        assertThat(still).containsSubsequence("-f", "lavfi", "-i", "color=c=black:s=854x480:r=25", "-i", "in.mp3");
        assertThat(still).contains("-shortest", "stillimage");
        List<String> audio = FfmpegArguments.webVideo("in.mp4", LANDSCAPE, 0, 0, 0, "out.mp4");
        assertThat(audio).contains("-vn").doesNotContain("libx264");
    }

    @Test
    void remuxAndHlsCopyTheStreams() {
        assertThat(FfmpegArguments.remux("in.mp4", LANDSCAPE, "out.mp4")).containsSubsequence("-c", "copy",
                "-movflags", "faststart");
        assertThat(FfmpegArguments.hls("in.mp4", "a-720-fragmented.mp4", "a-720.m3u8")).containsSubsequence("-c",
                "copy", "-f", "hls", "-hls_time", "4", "-hls_list_size", "0", "-hls_playlist_type", "vod",
                "-hls_segment_type", "fmp4", "-hls_flags", "single_file", "-hls_segment_filename",
                "a-720-fragmented.mp4", "a-720.m3u8");
    }

    @Test
    void progressIsReadFromFfmpegsReport() {
        assertThat(Ffmpeg.fraction("out_time_us=500000", 1_000_000)).isEqualTo(0.5);
        assertThat(Ffmpeg.fraction("out_time_us=5000000", 1_000_000)).isEqualTo(1);
        assertThat(Ffmpeg.fraction("out_time_us=N/A", 1_000_000)).isEqualTo(-1);
        assertThat(Ffmpeg.fraction("frame=12", 1_000_000)).isEqualTo(-1);
        assertThat(Ffmpeg.fraction("progress=end", 0)).isEqualTo(1);
    }
}
