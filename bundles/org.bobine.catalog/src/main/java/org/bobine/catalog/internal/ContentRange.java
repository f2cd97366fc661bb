package org.bobine.catalog.internal;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code Content-Range} of a chunk of a resumable upload: {@code bytes <first>-<last>/<total>}, or
 * {@code bytes *}{@code /<total>} for the question "how far are you?".
 *
 * @param first the offset of the chunk's first byte, or -1 for a question
 * @param last the offset of its last byte, or -1 for a question
 * @param total the size of the whole file
 */
record ContentRange(long first, long last, long total) {

    private static final Pattern RANGE = Pattern.compile("bytes\\s+(?:(\\d{1,18})-(\\d{1,18})|\\*)/(\\d{1,18})");

    /** @return whether this asks for the current offset rather than carrying bytes */
    boolean isQuery() {
        return first < 0;
    }

    /** @return the length of the chunk */
    long length() {
        return isQuery() ? 0 : last - first + 1;
    }

    /** @return the range of a header, or empty when it is malformed or inconsistent */
    static Optional<ContentRange> parse(String header) {
        if (header == null) {
            return Optional.empty();
        }
        Matcher m = RANGE.matcher(header.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        long total = Long.parseLong(m.group(3));
        if (m.group(1) == null) {
            return Optional.of(new ContentRange(-1, -1, total));
        }
        long first = Long.parseLong(m.group(1));
        long last = Long.parseLong(m.group(2));
        if (last < first || last >= total) {
            return Optional.empty();
        }
        return Optional.of(new ContentRange(first, last, total));
    }

    /** @return the {@code Range} header that acknowledges {@code received} bytes, or empty for none */
    static Optional<String> acknowledging(long received) {
        return received > 0 ? Optional.of("bytes=0-" + (received - 1)) : Optional.empty();
    }
}
