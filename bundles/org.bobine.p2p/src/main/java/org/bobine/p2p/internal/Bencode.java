package org.bobine.p2p.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Bencoding (BEP 3), strict in both directions.
 *
 * <p>Values: {@code Long} (integers), {@code byte[]} (strings; a Java {@code String} is encoded as UTF-8),
 * {@code List<?>} and {@code Map<String, ?>} (dictionaries, keys read as ISO-8859-1 so that binary keys survive and
 * written sorted by their raw bytes). Decoding refuses anything a canonical encoder would not write: leading zeros,
 * {@code -0}, unsorted or repeated keys, trailing bytes; and it is bounded: input size, nesting depth and the number
 * of values are limited, and string lengths are checked against what remains before anything is allocated.
 */
final class Bencode {

    /** The default limits of {@link #decode(byte[])}: enough for any torrent of a video, little for an attacker. */
    static final int MAX_INPUT = 8 * 1024 * 1024;
    static final int MAX_DEPTH = 32;
    static final int MAX_VALUES = 100_000;

    /** Input that is not canonical bencoding or goes past a limit. */
    static final class BencodeException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        BencodeException(String message, int offset) {
            super(message + " at byte " + offset);
        }
    }

    private Bencode() {
    }

    static byte[] encode(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        encode(value, out, 0);
        return out.toByteArray();
    }

    private static void encode(Object value, ByteArrayOutputStream out, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("nested deeper than " + MAX_DEPTH);
        }
        if (value instanceof byte[] bytes) {
            out.writeBytes(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
            out.write(':');
            out.writeBytes(bytes);
        } else if (value instanceof String text) {
            encode(text.getBytes(StandardCharsets.UTF_8), out, depth);
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short
                || value instanceof Byte) {
            out.write('i');
            out.writeBytes(Long.toString(((Number) value).longValue()).getBytes(StandardCharsets.US_ASCII));
            out.write('e');
        } else if (value instanceof List<?> list) {
            out.write('l');
            for (Object item : list) {
                encode(item, out, depth + 1);
            }
            out.write('e');
        } else if (value instanceof Map<?, ?> map) {
            TreeMap<byte[], Object> sorted = new TreeMap<>(Arrays::compareUnsigned);
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!(entry.getKey() instanceof String key)) {
                    throw new IllegalArgumentException("dictionary keys are strings");
                }
                if (sorted.put(key.getBytes(StandardCharsets.ISO_8859_1), entry.getValue()) != null) {
                    throw new IllegalArgumentException("repeated key " + key);
                }
            }
            out.write('d');
            for (Map.Entry<byte[], Object> entry : sorted.entrySet()) {
                encode(entry.getKey(), out, depth + 1);
                encode(entry.getValue(), out, depth + 1);
            }
            out.write('e');
        } else {
            throw new IllegalArgumentException("cannot bencode " + (value == null ? "null" : value.getClass()));
        }
    }

    static Object decode(byte[] input) {
        return decode(input, MAX_INPUT, MAX_DEPTH, MAX_VALUES);
    }

    static Object decode(byte[] input, int maxInput, int maxDepth, int maxValues) {
        if (input.length > maxInput) {
            throw new BencodeException("input larger than " + maxInput + " bytes", 0);
        }
        Decoder decoder = new Decoder(input, maxDepth, maxValues);
        Object value = decoder.value(0);
        if (decoder.pos != input.length) {
            throw new BencodeException("trailing bytes", decoder.pos);
        }
        return value;
    }

    /**
     * The raw bytes of the value of a top-level dictionary's key, as they are in the input (the {@code info}
     * dictionary whose SHA-1 is a torrent's info hash), or {@code null} when absent.
     */
    static byte[] rawValue(byte[] input, String key) {
        Decoder decoder = new Decoder(input, MAX_DEPTH, MAX_VALUES);
        if (input.length == 0 || input[0] != 'd') {
            throw new BencodeException("not a dictionary", 0);
        }
        decoder.pos = 1;
        byte[] wanted = key.getBytes(StandardCharsets.ISO_8859_1);
        while (decoder.pos < input.length && input[decoder.pos] != 'e') {
            byte[] k = decoder.string();
            int start = decoder.pos;
            decoder.value(1);
            if (Arrays.equals(k, wanted)) {
                return Arrays.copyOfRange(input, start, decoder.pos);
            }
        }
        return null;
    }

    private static final class Decoder {
        private final byte[] in;
        private final int maxDepth;
        private int valuesLeft;
        int pos;

        Decoder(byte[] in, int maxDepth, int maxValues) {
            this.in = in;
            this.maxDepth = maxDepth;
            this.valuesLeft = maxValues;
        }

        Object value(int depth) {
            if (depth > maxDepth) {
                throw new BencodeException("nested deeper than " + maxDepth, pos);
            }
            if (--valuesLeft < 0) {
                throw new BencodeException("too many values", pos);
            }
            if (pos >= in.length) {
                throw new BencodeException("truncated", pos);
            }
            byte b = in[pos];
            if (b == 'i') {
                pos++;
                long n = integer('e');
                pos++;
                return n;
            }
            if (b >= '0' && b <= '9') {
                return string();
            }
            if (b == 'l') {
                pos++;
                List<Object> list = new ArrayList<>();
                while (peek() != 'e') {
                    list.add(value(depth + 1));
                }
                pos++;
                return Collections.unmodifiableList(list);
            }
            if (b == 'd') {
                pos++;
                Map<String, Object> map = new TreeMap<>(Bencode::compareLatin1);
                byte[] previous = null;
                while (peek() != 'e') {
                    if (peek() < '0' || peek() > '9') {
                        throw new BencodeException("dictionary key is not a string", pos);
                    }
                    byte[] key = string();
                    if (previous != null && Arrays.compareUnsigned(previous, key) >= 0) {
                        throw new BencodeException("dictionary keys unsorted or repeated", pos);
                    }
                    previous = key;
                    map.put(new String(key, StandardCharsets.ISO_8859_1), value(depth + 1));
                }
                pos++;
                return Collections.unmodifiableMap(map);
            }
            throw new BencodeException("unexpected byte " + (b & 0xff), pos);
        }

        private byte peek() {
            if (pos >= in.length) {
                throw new BencodeException("truncated", pos);
            }
            return in[pos];
        }

        byte[] string() {
            long length = integer(':');
            if (length < 0) {
                throw new BencodeException("negative string length", pos);
            }
            pos++;
            if (length > in.length - pos) {
                throw new BencodeException("string longer than the input", pos);
            }
            byte[] s = Arrays.copyOfRange(in, pos, pos + (int) length);
            pos += (int) length;
            return s;
        }

        /** Reads a canonical decimal integer up to the terminator, leaving {@code pos} on it. */
        private long integer(char terminator) {
            int start = pos;
            boolean negative = false;
            if (peek() == '-') {
                if (terminator == ':') {
                    throw new BencodeException("negative string length", pos);
                }
                negative = true;
                pos++;
            }
            int digitsStart = pos;
            long value = 0;
            while (peek() != terminator) {
                byte d = in[pos];
                if (d < '0' || d > '9') {
                    throw new BencodeException("not a digit", pos);
                }
                if (pos - digitsStart >= 18) {
                    throw new BencodeException("integer too large", start);
                }
                value = value * 10 + (d - '0');
                pos++;
            }
            int digits = pos - digitsStart;
            if (digits == 0) {
                throw new BencodeException("empty integer", start);
            }
            if (digits > 1 && in[digitsStart] == '0') {
                throw new BencodeException("leading zero", start);
            }
            if (negative && value == 0) {
                throw new BencodeException("negative zero", start);
            }
            return negative ? -value : value;
        }
    }

    private static int compareLatin1(String a, String b) {
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.ISO_8859_1), b.getBytes(StandardCharsets.ISO_8859_1));
    }
}
