package org.bobine.catalog.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CaptionTextTest {

    private static final String SRT = """
            1
            00:00:01,000 --> 00:00:02,500
            Hello

            2
            00:00:03,000 --> 00:00:04,000 X1:10 X2:20 Y1:5 Y2:9
            <i>Two</i>
            lines
            """;

    private static final String SRT_AS_VTT = """
            WEBVTT

            1
            00:00:01.000 --> 00:00:02.500
            Hello

            2
            00:00:03.000 --> 00:00:04.000
            <i>Two</i>
            lines
            """;

    private static final String VTT = """
            WEBVTT - a film

            NOTE made by hand

            STYLE
            ::cue { color: yellow }

            intro
            00:01.000 --> 00:02.000 align:start
            Hello

            01:00:03.000 --> 01:00:04.000
            <v Ann>Bye
            """;

    static String convert(String text) throws CaptionText.InvalidCaption {
        return CaptionText.toWebVtt(text.getBytes(StandardCharsets.UTF_8));
    }

    static String reason(byte[] data) {
        try {
            CaptionText.toWebVtt(data);
        } catch (CaptionText.InvalidCaption e) {
            return e.getMessage();
        }
        throw new AssertionError("accepted");
    }

    static String reason(String text) {
        return reason(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void srtBecomesWebVtt() throws Exception {
        assertThat(convert(SRT)).isEqualTo(SRT_AS_VTT);
    }

    @Test
    void srtWithBomCrlfAndExtraBlankLines() throws Exception {
        byte[] body = ("\n\n" + SRT.replace("\n\n", "\n \n\n")).replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[body.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(body, 0, withBom, 3, body.length);
        assertThat(CaptionText.toWebVtt(withBom)).isEqualTo(SRT_AS_VTT);
        assertThat(convert(SRT.replace("\n", "\r"))).isEqualTo(SRT_AS_VTT);
    }

    @Test
    void srtInUtf16WithBom() throws Exception {
        assertThat(CaptionText.toWebVtt(("\uFEFF" + SRT).getBytes(StandardCharsets.UTF_16LE))).isEqualTo(SRT_AS_VTT);
        assertThat(CaptionText.toWebVtt(SRT.getBytes(StandardCharsets.UTF_16))).isEqualTo(SRT_AS_VTT);
    }

    @Test
    void srtVariantsAreAccepted() throws Exception {
        assertThat(convert("0:01:02.003 --> 0:01:03.004\nNo number, dots, short hours\n"))
                .isEqualTo("WEBVTT\n\n00:01:02.003 --> 00:01:03.004\nNo number, dots, short hours\n");
        assertThat(convert("7\n00:00:01,000-->00:00:01,000\n"))
                .isEqualTo("WEBVTT\n\n7\n00:00:01.000 --> 00:00:01.000\n");
        assertThat(convert("1\n00:00:01,000 --> 00:00:02,000\nfrom a --> b\n"))
                .isEqualTo("WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000\nfrom a --&gt; b\n");
        assertThat(convert("1\n100:00:01,000 --> 100:00:02,000\nlong\n")).contains("100:00:01.000 --> 100:00:02.000");
    }

    @Test
    void webVttIsKept() throws Exception {
        assertThat(convert(VTT)).isEqualTo(VTT);
        assertThat(convert(VTT.replace("\n", "\r\n"))).isEqualTo(VTT);
        assertThat(convert("\uFEFF" + VTT)).isEqualTo(VTT);
        assertThat(convert("WEBVTT\n\n00:01.000 --> 00:02.000\nno final line break"))
                .isEqualTo("WEBVTT\n\n00:01.000 --> 00:02.000\nno final line break\n");
        assertThat(convert("WEBVTT\n\n00:01.000 --> 00:02.000\n")).endsWith("00:02.000\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "WEBVTT\n\n00:01,000 --> 00:02,000\nSRT commas in WebVTT\n",
        "WEBVTT\n\n00:01.000 -> 00:02.000\nshort arrow\n",
        "WEBVTT\n\n00:61.000 --> 00:62.000\nsixty-one seconds\n",
        "WEBVTT\n\n1:00:01.000 --> 1:00:02.000\none-digit hours\n",
        "WEBVTT\n\n00:01.00 --> 00:02.00\ncentiseconds\n",
        "WEBVTT\n\n00:05.000 --> 00:02.000\nbackwards\n",
        "WEBVTT\n\nid\nnot a timing\ntext\n",
        "WEBVTT\n\njust text\n",
        "WEBVTT\n\n00:01.000 --> 00:02.000\ntext\n00:03.000 --> 00:04.000\nno blank line\n",
        "WEBVTT\n00:01.000 --> 00:02.000\nno blank line after the header\n",
        "WEBVTT\n\nNOTE only a comment\n",
        "WEBVTT\n",
        "WEBVTTX\n\n00:01.000 --> 00:02.000\nbad signature\n",
    })
    void brokenWebVttIsRefused(String text) {
        assertThat(reason(text)).isNotBlank();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "1\n00:00:01 --> 00:00:02\nno milliseconds\n",
        "1\n00:00:02,000 --> 00:00:01,000\nbackwards\n",
        "1\n00:00:01,000 --> 00:00:02,000\none\n\nstray text without timing\n",
        "1\n00:75:01,000 --> 00:75:02,000\nseventy-five minutes\n",
        "1\n",
    })
    void brokenSrtIsRefused(String text) {
        assertThat(reason(text)).isNotBlank();
    }

    @Test
    void emptyFilesAreRefused() {
        assertThat(reason(new byte[0])).contains("empty");
        assertThat(reason("\n\r\n  \n")).contains("empty");
        assertThat(reason(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF})).contains("empty");
    }

    @Test
    void binaryFilesAreRefused() {
        assertThat(reason(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13})).contains("UTF-8");
        assertThat(reason(new byte[] {'W', 'E', 'B', 'V', 'T', 'T', '\n', 0, 1, 2})).contains("not text");
        assertThat(reason(("1\n00:00:01,000 --> 00:00:02,000\nnul \u0000 inside\n"))).contains("not text");
        assertThat(reason(new byte[] {'1', '\n', (byte) 0xC3, (byte) 0x28})).contains("UTF-8");
    }

    @Test
    void pagesAndScriptsAreRefused() {
        assertThat(reason("<!DOCTYPE html>\n<html><body><script>alert(1)</script></body></html>\n"))
                .contains("neither WebVTT nor SubRip");
        assertThat(reason("#!/bin/sh\nrm -rf /\n")).contains("neither WebVTT nor SubRip");
        assertThat(reason("<script>\n00:00:01,000 --> 00:00:02,000\n</script>\n")).contains("neither");
    }

    @Test
    void timestampsAreFormatted() {
        assertThat(CaptionText.timestamp(0)).isEqualTo("00:00:00.000");
        assertThat(CaptionText.timestamp(3_723_004)).isEqualTo("01:02:03.004");
        assertThat(CaptionText.timestamp(360_000_000)).isEqualTo("100:00:00.000");
    }

    @Test
    void messagesQuoteLittleOfTheFile() {
        String line = "x".repeat(500);
        assertThat(reason(line)).hasSizeLessThan(150);
        assertThatThrownBy(() -> convert("WEBVTT\n\n" + line + "\n")).hasMessageContaining("...");
    }
}
