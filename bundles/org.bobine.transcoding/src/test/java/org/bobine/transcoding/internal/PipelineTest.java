package org.bobine.transcoding.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pipeline on media made by the embedded FFmpeg, its outputs probed by FFmpeg's libraries and ffprobe. */
class PipelineTest {

    @TempDir
    Path dir;

    private Pipeline pipeline(boolean webVideos, boolean hls, Integer... resolutions) throws Exception {
        return new Pipeline(TestMedia.ffmpeg(), new Pipeline.Settings(webVideos, hls, Set.of(resolutions), 1));
    }

    private Path work() throws Exception {
        return Files.createDirectories(dir.resolve("work-" + System.nanoTime()));
    }

    private static Pipeline.Outputs run(Pipeline pipeline, Path input, Path work, boolean pictures)
            throws Exception {
        return pipeline.run(input, work, pictures, pictures, p -> {
        }, () -> false);
    }

    @Test
    void aLandscapeVideoGetsItsLadderHlsAndPictures() throws Exception {
        Path input = TestMedia.clip(dir, "landscape.mp4", 320, 240, 25, 5, true);
        AtomicInteger progress = new AtomicInteger(-1);
        List<Integer> seen = new ArrayList<>();
        Pipeline.Outputs out = pipeline(true, true, 0, 144, 720).run(input, work(), true, true, p -> {
            seen.add(p);
            progress.set(p);
        }, () -> false);

        assertThat(out.webVideos()).extracting(Pipeline.Output::resolution).containsExactly(240, 144, 0);
        Pipeline.Output original = out.webVideos().get(0);
        assertThat(List.of(original.width(), original.height(), original.fps())).containsExactly(320, 240, 25);
        Pipeline.Output low = out.webVideos().get(1);
        MediaInfo lowInfo = MediaProbe.probe(low.file());
        assertThat(lowInfo.videoCodec()).isEqualTo("h264");
        assertThat(lowInfo.profile()).isEqualTo(100); // High
        assertThat(lowInfo.pixelFormat()).isEqualTo("yuv420p");
        assertThat(List.of(lowInfo.width(), lowInfo.height())).containsExactly(192, 144);
        assertThat(Math.round(lowInfo.fps())).isEqualTo(25);
        assertThat(lowInfo.audioCodec()).isEqualTo("aac");
        // A keyframe every two seconds.
        assertThat(TestMedia.keyframeTimes(low.file())).containsExactly(0.0, 2.0, 4.0);
        // Progressive MP4 with faststart: moov before mdat.
        List<String> top = TestMedia.boxes(low.file(), false);
        assertThat(top.indexOf("moov")).isLessThan(top.indexOf("mdat"));
        Pipeline.Output audio = out.webVideos().get(2);
        assertThat(audio.hasVideo()).isFalse();
        assertThat(audio.hasAudio()).isTrue();

        Pipeline.Hls hls = out.hls();
        assertThat(hls.files()).extracting(Pipeline.Output::resolution).containsExactly(240, 144);
        for (int i = 0; i < hls.files().size(); i++) {
            Path fragmented = hls.files().get(i).file();
            assertThat(fragmented.getFileName().toString()).endsWith("-" + hls.files().get(i).resolution()
                    + "-fragmented.mp4");
            assertThat(TestMedia.boxes(fragmented, false)).startsWith("ftyp", "moov").contains("moof", "mdat");
            assertThat(TestMedia.boxes(fragmented, true)).contains("mvex");
            String playlist = Files.readString(hls.playlists().get(i), StandardCharsets.UTF_8);
            assertThat(playlist).contains("#EXT-X-PLAYLIST-TYPE:VOD", "#EXT-X-MAP:URI=\""
                    + fragmented.getFileName() + "\"", "#EXT-X-BYTERANGE:", "#EXT-X-ENDLIST");
        }
        String master = Files.readString(hls.master(), StandardCharsets.UTF_8);
        assertThat(master).startsWith("#EXTM3U\n#EXT-X-VERSION:3\n")
                .contains("RESOLUTION=320x240,FRAME-RATE=25,CODECS=\"avc1.", "RESOLUTION=192x144,FRAME-RATE=25",
                        "mp4a.40.2", hls.playlists().get(0).getFileName().toString());
        Map<String, Map<String, String>> sha = new ObjectMapper().readValue(hls.segmentsSha256().toFile(),
                new TypeReference<>() {
                });
        assertThat(sha).containsOnlyKeys(hls.files().get(0).file().getFileName().toString(),
                hls.files().get(1).file().getFileName().toString());
        assertThat(sha.get(hls.files().get(1).file().getFileName().toString())).hasSizeGreaterThanOrEqualTo(2);

        BufferedImage thumbnail = ImageIO.read(out.thumbnail().toFile());
        assertThat(List.of(thumbnail.getWidth(), thumbnail.getHeight())).containsExactly(280, 157);
        BufferedImage preview = ImageIO.read(out.preview().toFile());
        assertThat(List.of(preview.getWidth(), preview.getHeight())).containsExactly(850, 480);
        assertThat(seen).isSorted();
        assertThat(progress.get()).isEqualTo(99);
    }

    @Test
    void aPortraitVideoIsScaledByItsWidth() throws Exception {
        Path input = TestMedia.clip(dir, "portrait.mp4", 240, 426, 25, 1, true);
        Pipeline.Outputs out = run(pipeline(true, false, 144), input, work(), false);
        assertThat(out.hls()).isNull();
        assertThat(out.webVideos()).extracting(Pipeline.Output::resolution).containsExactly(240, 144);
        Pipeline.Output low = out.webVideos().get(1);
        assertThat(List.of(low.width(), low.height())).containsExactly(144, 256);
    }

    @Test
    void aRotatedVideoIsTurnedUpright() throws Exception {
        Path upright = TestMedia.clip(dir, "upright.mp4", 320, 240, 25, 1, false);
        Path rotated = TestMedia.make(dir.resolve("rotated.mp4"), "-display_rotation", "90", "-i",
                upright.toString(), "-c", "copy");
        MediaInfo info = MediaProbe.probe(rotated);
        assertThat(info.quarterTurned()).isTrue();
        assertThat(List.of(info.displayWidth(), info.displayHeight())).containsExactly(240, 320);

        Pipeline.Outputs out = run(pipeline(true, false, 144), rotated, work(), false);
        Pipeline.Output low = out.webVideos().get(1);
        MediaInfo lowInfo = MediaProbe.probe(low.file());
        assertThat(lowInfo.rotation()).isZero();
        assertThat(List.of(lowInfo.width(), lowInfo.height())).containsExactly(144, 192);
        // The original resolution keeps its turn as displayed.
        assertThat(List.of(out.webVideos().get(0).width(), out.webVideos().get(0).height()))
                .containsExactly(240, 320);
    }

    @Test
    void oddDimensionsAreMadeEven() throws Exception {
        Path input = TestMedia.clip(dir, "odd.mp4", 321, 241, 25, 1, false);
        Pipeline.Outputs out = run(pipeline(true, true, 144), input, work(), false);
        assertThat(out.webVideos()).extracting(Pipeline.Output::resolution).containsExactly(240, 144);
        for (Pipeline.Output file : out.webVideos()) {
            assertThat(file.width() % 2).isZero();
            assertThat(file.height() % 2).isZero();
            assertThat(file.hasAudio()).isFalse();
        }
        assertThat(out.webVideos().get(0).height()).isEqualTo(240);
        assertThat(Files.readString(out.hls().master())).doesNotContain("mp4a");
    }

    @Test
    void sixtyFramesPerSecondStayForTheOriginalAndHalveBelow720p() throws Exception {
        Path input = TestMedia.clip(dir, "sixty.mp4", 320, 240, 60, 1, true);
        Pipeline.Outputs out = run(pipeline(true, false, 144), input, work(), false);
        assertThat(out.webVideos()).extracting(Pipeline.Output::fps).containsExactly(60, 30);
    }

    @Test
    void anAudioFileBecomesAStillPictureVideo() throws Exception {
        Path input = TestMedia.make(dir.resolve("sound.m4a"), "-f", "lavfi", "-i", "sine=frequency=300:duration=2",
                "-c:a", "aac");
        Pipeline.Outputs out = run(pipeline(true, true, 0, 144, 240), input, work(), true);
        assertThat(out.webVideos()).hasSize(1);
        Pipeline.Output still = out.webVideos().get(0);
        assertThat(List.of(still.resolution(), still.width(), still.height(), still.fps()))
                .containsExactly(480, 854, 480, 25);
        assertThat(still.hasAudio()).isTrue();
        assertThat(out.thumbnail()).isNull();
        assertThat(out.hls().files()).hasSize(1);
    }

    @Test
    void hostileInputsAreRefusedWithAReason() throws Exception {
        Pipeline pipeline = pipeline(true, true, 144);
        Path empty = Files.createFile(dir.resolve("empty.mp4"));
        assertThatThrownBy(() -> run(pipeline, empty, work(), false)).isInstanceOf(BadMediaException.class)
                .hasMessage("The file is empty.");

        Path text = Files.writeString(dir.resolve("text.mp4"), "<html>not a video</html>".repeat(100));
        assertThatThrownBy(() -> run(pipeline, text, work(), false)).isInstanceOf(BadMediaException.class)
                .hasMessageContaining("not a video");

        // Without faststart the index is at the end: the first half of the file has none.
        Path whole = TestMedia.make(dir.resolve("whole.mp4"), "-f", "lavfi", "-i",
                "testsrc2=duration=1:size=160x120:rate=25", "-c:v", "libx264", "-preset", "ultrafast");
        byte[] bytes = Files.readAllBytes(whole);
        Path truncated = Files.write(dir.resolve("truncated.mp4"), Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> run(pipeline, truncated, work(), false)).isInstanceOf(BadMediaException.class);

        Path huge = TestMedia.make(dir.resolve("huge.mp4"), "-f", "lavfi", "-i",
                "color=c=red:size=9000x16:rate=1:duration=1", "-c:v", "libx264", "-preset", "ultrafast");
        assertThatThrownBy(() -> run(pipeline, huge, work(), false)).isInstanceOf(BadMediaException.class)
                .hasMessageContaining("too large (9000x16");
    }

    @Test
    void aStopKillsFfmpeg() throws Exception {
        Path input = TestMedia.clip(dir, "stop.mp4", 320, 240, 25, 1, false);
        Pipeline pipeline = pipeline(true, true, 144);
        Path work = work();
        long started = System.nanoTime();
        assertThatThrownBy(() -> pipeline.run(input, work, false, false, p -> {
        }, () -> System.nanoTime() - started > 50_000_000L)).isInstanceOf(Ffmpeg.StoppedException.class);
        // Nothing was produced: the remux of the original was killed before it ended, or never began.
        try (var files = Files.list(work)) {
            assertThat(files.filter(f -> f.toString().endsWith(".m3u8"))).isEmpty();
        }
    }
}
