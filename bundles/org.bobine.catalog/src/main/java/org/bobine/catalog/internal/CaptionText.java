package org.bobine.catalog.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an uploaded caption file, by its content rather than its name: WebVTT is checked and kept, SubRip (SRT) is
 * converted to WebVTT, anything else is refused. Text is UTF-8, with or without a byte order mark (UTF-16 with one
 * is accepted too), with any line ending; the result is UTF-8 WebVTT with {@code \n} line endings.
 *
 * <p>The checks are those of the WebVTT parser where a broken file would otherwise play wrong or not at all: the
 * {@code WEBVTT} signature, a valid timing line ({@code [hh:]mm:ss.ttt --> [hh:]mm:ss.ttt}, end not before start)
 * in every cue, no block that is neither a cue nor a comment, style or region, and at least one cue. Control
 * characters other than tabs and line breaks mean a binary file.
 */
final class CaptionText {

    /** Why a file is not a caption file; the message is for the uploader. */
    static final class InvalidCaption extends Exception {

        private static final long serialVersionUID = 1L;

        InvalidCaption(String message) {
            super(message);
        }
    }

    private static final String ARROW = "-->";
    /** A WebVTT timestamp: hours (two digits or more) optional, minutes and seconds below 60, milliseconds. */
    private static final String VTT_TIME = "(?:(\\d{2,}):)?([0-5]\\d):([0-5]\\d)\\.(\\d{3})";
    private static final Pattern VTT_TIMING = Pattern.compile(
            VTT_TIME + "[ \\t]+-->[ \\t]+" + VTT_TIME + "(?:[ \\t]+.*)?");
    /** An SRT timestamp: {@code hh:mm:ss,mmm}; a dot for the comma and one-digit hours are common and accepted. */
    private static final String SRT_TIME = "(\\d{1,3}):([0-5]\\d):([0-5]\\d)[,.](\\d{3})";
    /** SRT timings may be followed by coordinates ({@code X1:... X2:...}), which WebVTT has no use for. */
    private static final Pattern SRT_TIMING = Pattern.compile(
            SRT_TIME + "[ \\t]*-->[ \\t]*" + SRT_TIME + "(?:[ \\t]+.*)?");
    private static final Pattern SRT_INDEX = Pattern.compile("\\d+");

    private CaptionText() {
    }

    /**
     * @param data the uploaded file
     * @return the caption as WebVTT
     * @throws InvalidCaption when the file is neither valid WebVTT nor valid SRT
     */
    static String toWebVtt(byte[] data) throws InvalidCaption {
        String text = normalize(decode(data));
        if (text.startsWith("WEBVTT") && (text.length() == 6 || " \t\n".indexOf(text.charAt(6)) >= 0)) {
            checkWebVtt(text);
            return text.endsWith("\n") ? text : text + "\n";
        }
        return srtToWebVtt(text);
    }

    private static String decode(byte[] data) throws InvalidCaption {
        if (data.length == 0) {
            throw new InvalidCaption("The caption file is empty");
        }
        Charset charset = StandardCharsets.UTF_8;
        int skip = 0;
        if (startsWith(data, 0xEF, 0xBB, 0xBF)) {
            skip = 3;
        } else if (startsWith(data, 0xFE, 0xFF)) {
            charset = StandardCharsets.UTF_16BE;
            skip = 2;
        } else if (startsWith(data, 0xFF, 0xFE)) {
            charset = StandardCharsets.UTF_16LE;
            skip = 2;
        }
        String text;
        try {
            text = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(data, skip, data.length - skip)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidCaption("The caption file is not UTF-8 text");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7F) {
                throw new InvalidCaption("The caption file is not text");
            }
        }
        return text;
    }

    private static boolean startsWith(byte[] data, int... prefix) {
        if (data.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((data[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** Line endings to {@code \n}, a byte order mark left by an editor removed. */
    private static String normalize(String text) {
        String lines = text.replace("\r\n", "\n").replace('\r', '\n');
        return lines.startsWith("\uFEFF") ? lines.substring(1) : lines;
    }

    /** The blocks of a text: runs of lines separated by blank lines (lines of white space count as blank). */
    private static List<List<String>> blocks(String text) {
        List<List<String>> blocks = new ArrayList<>();
        List<String> current = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            if (line.isBlank()) {
                if (!current.isEmpty()) {
                    blocks.add(current);
                    current = new ArrayList<>();
                }
            } else {
                current.add(line);
            }
        }
        if (!current.isEmpty()) {
            blocks.add(current);
        }
        return blocks;
    }

    private static void checkWebVtt(String text) throws InvalidCaption {
        List<List<String>> blocks = blocks(text);
        for (String line : blocks.get(0)) {
            if (line.contains(ARROW)) {
                throw new InvalidCaption("The WebVTT header must be followed by a blank line");
            }
        }
        int cues = 0;
        for (int b = 1; b < blocks.size(); b++) {
            List<String> block = blocks.get(b);
            String first = block.get(0);
            if (cues == 0 && (keyword(first, "STYLE") || keyword(first, "REGION")) || keyword(first, "NOTE")) {
                if (!keyword(first, "NOTE") && block.stream().anyMatch(l -> l.contains(ARROW))) {
                    throw new InvalidCaption("A WebVTT style or region block cannot contain \"-->\"");
                }
                continue;
            }
            int timing = first.contains(ARROW) ? 0 : 1;
            if (timing >= block.size()) {
                throw new InvalidCaption("A WebVTT cue has no timing line: " + abbreviate(first));
            }
            Matcher matcher = VTT_TIMING.matcher(block.get(timing));
            if (!matcher.matches()) {
                throw new InvalidCaption("A WebVTT cue has invalid timings: " + abbreviate(block.get(timing)));
            }
            if (millis(matcher, 5) < millis(matcher, 1)) {
                throw new InvalidCaption("A WebVTT cue ends before it starts: " + abbreviate(block.get(timing)));
            }
            for (int i = timing + 1; i < block.size(); i++) {
                if (block.get(i).contains(ARROW)) {
                    throw new InvalidCaption("A WebVTT cue must be followed by a blank line: "
                            + abbreviate(block.get(i)));
                }
            }
            cues++;
        }
        if (cues == 0) {
            throw new InvalidCaption("The WebVTT file has no cue");
        }
    }

    /** Whether a line is a keyword alone or followed by a space, a tab (the end of the line is the end). */
    private static boolean keyword(String line, String keyword) {
        return line.startsWith(keyword)
                && (line.length() == keyword.length() || " \t".indexOf(line.charAt(keyword.length())) >= 0);
    }

    private static String srtToWebVtt(String text) throws InvalidCaption {
        List<List<String>> blocks = blocks(text);
        if (blocks.isEmpty()) {
            throw new InvalidCaption("The caption file is empty");
        }
        StringBuilder vtt = new StringBuilder(text.length() + 16).append("WEBVTT\n");
        for (List<String> block : blocks) {
            String first = block.get(0).strip();
            int timing = SRT_INDEX.matcher(first).matches() && block.size() > 1 ? 1 : 0;
            Matcher matcher = SRT_TIMING.matcher(block.get(timing).strip());
            if (!matcher.matches()) {
                throw new InvalidCaption("The caption file is neither WebVTT nor SubRip (SRT): "
                        + abbreviate(block.get(timing)));
            }
            long start = millis(matcher, 1);
            long end = millis(matcher, 5);
            if (end < start) {
                throw new InvalidCaption("A SubRip cue ends before it starts: " + abbreviate(block.get(timing)));
            }
            vtt.append('\n');
            if (timing == 1) {
                vtt.append(first).append('\n');
            }
            vtt.append(timestamp(start)).append(" --> ").append(timestamp(end)).append('\n');
            for (int i = timing + 1; i < block.size(); i++) {
                // WebVTT ends a cue at "-->"; SRT text may hold one, as in "a --> b".
                vtt.append(block.get(i).replace(ARROW, "--&gt;")).append('\n');
            }
        }
        return vtt.toString();
    }

    /** The milliseconds of the timestamp whose four groups (hours, minutes, seconds, millis) start at group. */
    private static long millis(Matcher matcher, int group) throws InvalidCaption {
        String hours = matcher.group(group);
        if (hours != null && hours.length() > 6) {
            throw new InvalidCaption("A caption timestamp is out of range: " + abbreviate(matcher.group()));
        }
        return (((hours == null ? 0 : Long.parseLong(hours)) * 60 + Long.parseLong(matcher.group(group + 1))) * 60
                + Long.parseLong(matcher.group(group + 2))) * 1000 + Long.parseLong(matcher.group(group + 3));
    }

    /** A WebVTT timestamp: {@code hh:mm:ss.ttt}. */
    static String timestamp(long millis) {
        long seconds = millis / 1000;
        return String.format(Locale.ROOT, "%02d:%02d:%02d.%03d", seconds / 3600, seconds / 60 % 60, seconds % 60, millis % 1000);
    }

    private static String abbreviate(String line) {
        String stripped = line.strip();
        return stripped.length() <= 60 ? stripped : stripped.substring(0, 60) + "...";
    }
}
