package org.bobine.transcoding.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class TranscodingRulesTest {

    private static final Set<Integer> ALL = Set.of(0, 144, 240, 360, 480, 720, 1080, 1440, 2160);

    @Test
    void theLadderStartsAtTheInputAndNeverGoesAbove() {
        assertThat(TranscodingRules.ladder(1080, true, Set.of(240, 360, 480, 720, 1080)))
                .containsExactly(1080, 720, 480, 360, 240);
        assertThat(TranscodingRules.ladder(720, true, ALL)).containsExactly(720, 480, 360, 240, 144, 0);
        assertThat(TranscodingRules.ladder(360, false, Set.of(1080, 720))).containsExactly(360);
    }

    @Test
    void anOddInputResolutionIsMadeEvenAndAudioOnlyOnlyWithSound() {
        assertThat(TranscodingRules.ladder(241, false, Set.of(0, 144, 240))).containsExactly(240, 144);
        assertThat(TranscodingRules.ladder(241, true, Set.of(0, 144, 240))).containsExactly(240, 144, 0);
    }

    @Test
    void anAudioOnlyInputBecomesOneStillImageVideo() {
        assertThat(TranscodingRules.ladder(0, true, ALL)).containsExactly(480);
    }

    @Test
    void unknownResolutionsAreRefused() {
        assertThatThrownBy(() -> TranscodingRules.ladder(720, true, List.of(500)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("500");
    }

    @Test
    void framesPerSecondFollowPeerTube() throws Exception {
        // The original resolution keeps its rate up to the maximum.
        assertThat(TranscodingRules.outputFps(59.94, 1080, true)).isEqualTo(60);
        assertThat(TranscodingRules.outputFps(50, 720, false)).isEqualTo(50);
        // Below 720p, above 30: the largest standard rate dividing it, else the closest.
        assertThat(TranscodingRules.outputFps(60, 480, false)).isEqualTo(30);
        assertThat(TranscodingRules.outputFps(50, 360, false)).isEqualTo(25);
        assertThat(TranscodingRules.outputFps(48, 240, false)).isEqualTo(24);
        // No divisor: the smallest remainder wins, as in PeerTube (59.94 % 25 = 9.94 beats 59.94 % 30 = 29.94).
        assertThat(TranscodingRules.outputFps(59.94, 480, false)).isEqualTo(25);
        // Above the maximum: an HD standard rate.
        assertThat(TranscodingRules.outputFps(120, 1080, true)).isEqualTo(60);
        assertThat(TranscodingRules.outputFps(100, 1080, true)).isEqualTo(50);
        // A slow slideshow is raised to one frame per second; slower than 0.1 is refused.
        assertThat(TranscodingRules.outputFps(0.5, 480, true)).isEqualTo(1);
        assertThatThrownBy(() -> TranscodingRules.outputFps(0.05, 480, true)).isInstanceOf(BadMediaException.class)
                .hasMessageContaining("frame rate");
    }

    @Test
    void bitratesFollowThePixelsTheFrameRateAndTheTable() {
        // 720p 16:9 at 30 fps, average 0.11 bits per pixel.
        double ratio = 1280 / 720.0;
        assertThat(TranscodingRules.averageBitrate(720, ratio, 30)).isEqualTo((long) Math.floor(720 * 720 * ratio * 30
                * 0.11));
        assertThat(TranscodingRules.maxBitrate(1080, 1920 / 1080.0, 30)).isEqualTo((long) Math.floor(1080 * 1080
                * (1920 / 1080.0) * 30 * 0.17));
        // An in-between resolution uses the factor of the standard one below it.
        assertThat(TranscodingRules.averageBitrate(500, 1.5, 25)).isEqualTo((long) Math.floor(500 * 500 * 1.5 * 25
                * 0.12));
        // Audio only: PeerTube's fallbacks.
        assertThat(TranscodingRules.averageBitrate(0, 1, 0)).isEqualTo(192_000);
        assertThat(TranscodingRules.maxBitrate(0, 1, 0)).isEqualTo(256_000);
    }

    @Test
    void theTargetIsCappedByTheInputPlusThirtyPercentButNotBelowTheMinimum() {
        double ratio = 16 / 9.0;
        long average = TranscodingRules.averageBitrate(720, ratio, 30);
        long min = TranscodingRules.minBitrate(720, ratio, 30);
        assertThat(TranscodingRules.targetBitrate(0, 720, ratio, 30)).isEqualTo(average);
        assertThat(TranscodingRules.targetBitrate(1_000_000, 720, ratio, 30)).isEqualTo(1_300_000);
        assertThat(TranscodingRules.targetBitrate(100_000_000, 720, ratio, 30)).isEqualTo(average);
        assertThat(TranscodingRules.targetBitrate(1000, 720, ratio, 30)).isEqualTo(min);
    }

    @Test
    void audioIsCopiedWhenItIsModestAacAndEncodedOtherwise() {
        assertThat(TranscodingRules.audio("aac", 128_000)).isEqualTo(new TranscodingRules.Audio(true, 128_000));
        assertThat(TranscodingRules.audio("aac", 500_000)).isEqualTo(new TranscodingRules.Audio(false, 384_000));
        assertThat(TranscodingRules.audio("mp3", 160_000)).isEqualTo(new TranscodingRules.Audio(false, 128_000));
        assertThat(TranscodingRules.audio("opus", 300_000)).isEqualTo(new TranscodingRules.Audio(false, 256_000));
        assertThat(TranscodingRules.audio("flac", 900_000)).isEqualTo(new TranscodingRules.Audio(false, 384_000));
        assertThat(TranscodingRules.audio("vorbis", 0)).isEqualTo(new TranscodingRules.Audio(false, 256_000));
    }

    @Test
    void onlyQualifyingInputsAreRemuxed() {
        MediaInfo good = new MediaInfo(2_000_000, 640, 360, 0, 25, "h264", "yuv420p", 100, 30, "aac", 2, 128_000,
                600_000);
        assertThat(TranscodingRules.canRemux(good)).isTrue();
        assertThat(TranscodingRules.canRemux(new MediaInfo(2_000_000, 640, 360, 0, 25, "hevc", "yuv420p", 1, 30,
                "aac", 2, 128_000, 600_000))).isFalse();
        assertThat(TranscodingRules.canRemux(new MediaInfo(2_000_000, 640, 360, 0, 25, "h264", "yuv444p", 244, 30,
                "aac", 2, 128_000, 600_000))).isFalse();
        assertThat(TranscodingRules.canRemux(new MediaInfo(2_000_000, 640, 360, 0, 120, "h264", "yuv420p", 100, 30,
                "aac", 2, 128_000, 600_000))).isFalse();
        assertThat(TranscodingRules.canRemux(new MediaInfo(2_000_000, 640, 360, 0, 25, "h264", "yuv420p", 100, 30,
                "aac", 2, 128_000, 50_000_000))).isFalse();
        assertThat(TranscodingRules.canRemux(new MediaInfo(2_000_000, 640, 360, 0, 25, "h264", "yuv420p", 100, 30,
                "mp3", 2, 128_000, 600_000))).isFalse();
        assertThat(TranscodingRules.canRemux(new MediaInfo(2_000_000, 641, 361, 0, 25, "h264", "yuv420p", 100, 30,
                null, 0, 0, 600_000))).isFalse();
    }

    @Test
    void rotationsAreNormalisedToQuarterTurns() {
        assertThat(MediaProbe.normalise(-90)).isEqualTo(270);
        assertThat(MediaProbe.normalise(90)).isEqualTo(90);
        assertThat(MediaProbe.normalise(180)).isEqualTo(180);
        assertThat(MediaProbe.normalise(-0.0)).isZero();
        assertThat(MediaProbe.normalise(Double.NaN)).isZero();
    }
}
