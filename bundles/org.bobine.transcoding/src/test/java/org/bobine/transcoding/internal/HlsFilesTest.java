package org.bobine.transcoding.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HlsFilesTest {

    private static final String PLAYLIST = """
            #EXTM3U
            #EXT-X-VERSION:7
            #EXT-X-TARGETDURATION:4
            #EXT-X-PLAYLIST-TYPE:VOD
            #EXT-X-MAP:URI="a-240-fragmented.mp4",BYTERANGE="10@0"
            #EXTINF:4.000000,
            #EXT-X-BYTERANGE:20@10
            a-240-fragmented.mp4
            #EXTINF:1.000000,
            #EXT-X-BYTERANGE:5@30
            a-240-fragmented.mp4
            #EXT-X-ENDLIST
            """;

    @Test
    void segmentsAreTheByteRangesButNotTheInitialisationSection() {
        assertThat(HlsFiles.segments(PLAYLIST)).containsExactly(new HlsFiles.Segment("a-240-fragmented.mp4", 10, 20),
                new HlsFiles.Segment("a-240-fragmented.mp4", 30, 5));
        assertThatThrownBy(() -> HlsFiles.segments("#EXT-X-BYTERANGE:5@0\n")).isInstanceOf(
                IllegalArgumentException.class);
    }

    @Test
    void segmentsSha256HashesEachRange(@TempDir Path dir) throws Exception {
        byte[] bytes = new byte[35];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }
        Files.write(dir.resolve("a-240-fragmented.mp4"), bytes);
        Path playlist = dir.resolve("a-240.m3u8");
        Files.writeString(playlist, PLAYLIST, StandardCharsets.UTF_8);
        Map<String, Map<String, String>> hashes = HlsFiles.segmentsSha256(List.of(playlist));
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(bytes, 10, 20);
        assertThat(hashes.get("a-240-fragmented.mp4")).containsOnlyKeys("10-29", "30-34")
                .containsEntry("10-29", HexFormat.of().formatHex(sha.digest()));
    }

    @Test
    void theMasterPlaylistListsEachRendition() {
        String master = HlsFiles.masterPlaylist(List.of(
                new HlsFiles.Rendition("a-720.m3u8", 1280, 720, 30, 1_000_000, 4, "avc1.64001f,mp4a.40.2"),
                new HlsFiles.Rendition("a-240.m3u8", 426, 240, 25, 100_001, 4, "avc1.64001f")));
        assertThat(master).isEqualTo("""
                #EXTM3U
                #EXT-X-VERSION:3
                #EXT-X-STREAM-INF:BANDWIDTH=2000000,RESOLUTION=1280x720,FRAME-RATE=30,CODECS="avc1.64001f,mp4a.40.2"
                a-720.m3u8
                #EXT-X-STREAM-INF:BANDWIDTH=200002,RESOLUTION=426x240,FRAME-RATE=25,CODECS="avc1.64001f"
                a-240.m3u8
                """);
    }

    @Test
    void codecStringsFollowRfc6381() {
        assertThat(HlsFiles.avc1(100, 31)).isEqualTo("avc1.64001f");
        assertThat(HlsFiles.avc1(77, 30)).isEqualTo("avc1.4d401e");
        assertThat(HlsFiles.avc1(66 | (1 << 9), 13)).isEqualTo("avc1.42e00d");
        assertThat(HlsFiles.avc1(-99, -99)).isEqualTo("avc1.64001f");
    }
}
