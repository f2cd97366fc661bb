package org.bobine.catalog.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

class ContainerProbeTest {

    private static VideoProbe.Probed probe(byte[] file) throws Exception {
        VideoFormats.Format format = VideoFormats.detect(Arrays.copyOf(file, Math.min(file.length, 12)))
                .orElseThrow();
        return new ContainerProbe().probe(format, new ByteArrayInputStream(file));
    }

    @Test
    void readsDurationSizeAndFrameRateOfAnMp4() throws Exception {
        VideoProbe.Probed probed = probe(TinyMp4.build(1280, 720, 7, 25, 1000, true));
        assertThat(probed).isEqualTo(new VideoProbe.Probed(7, 1280, 720, 25));
        assertThat(probed.resolution()).isEqualTo(720);
        assertThat(probed.aspectRatio()).isEqualTo(1.7778);
    }

    @Test
    void movieHeaderAfterTheMediaAndPortraitVideos() throws Exception {
        VideoProbe.Probed probed = probe(TinyMp4.build(720, 1280, 3, 30, 100_000, false));
        assertThat(probed).isEqualTo(new VideoProbe.Probed(3, 720, 1280, 30));
        assertThat(probed.resolution()).isEqualTo(720);
    }

    @Test
    void truncatedOrHeaderlessFilesAreUnreadable() {
        byte[] file = TinyMp4.build(640, 360, 2, 24, 10, true);
        assertThatThrownBy(() -> probe(Arrays.copyOf(file, 60))).isInstanceOf(VideoProbe.Unreadable.class);
        byte[] noMoov = Arrays.copyOf(file, 32);
        assertThatThrownBy(() -> probe(noMoov)).isInstanceOf(VideoProbe.Unreadable.class);
    }

    @Test
    void webmAndOggAreRecognisedButNotMeasured() throws Exception {
        assertThat(probe(new byte[] {0x1a, 0x45, (byte) 0xdf, (byte) 0xa3, 1, 2, 3, 4, 5, 6, 7, 8}))
                .isEqualTo(new VideoProbe.Probed(0, 0, 0, 0));
        assertThat(VideoFormats.detect("OggS\0\2".getBytes())).contains(VideoFormats.Format.OGG);
        assertThat(VideoFormats.detect("GIF89a......".getBytes())).isEmpty();
        assertThat(VideoFormats.detect(new byte[0])).isEmpty();
    }

    @Test
    void extensionsAsPeerTube() {
        assertThat(VideoFormats.extension("My Film.MP4", "")).contains(".mp4");
        assertThat(VideoFormats.extension("clip.ogv", null)).contains(".ogv");
        assertThat(VideoFormats.extension("clip", "video/webm; codecs=vp9")).contains(".webm");
        assertThat(VideoFormats.extension("clip.mkv", "video/x-matroska")).isEmpty();
        assertThat(VideoFormats.extension("notes.txt", "text/plain")).isEmpty();
    }
}
