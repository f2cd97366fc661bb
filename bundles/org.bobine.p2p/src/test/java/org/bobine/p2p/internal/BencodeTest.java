package org.bobine.p2p.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BencodeTest {

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void encodesAsBep3WithSortedKeys() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("zeta", 1L);
        map.put("alpha", List.of("spam", -42L, new byte[] {0, (byte) 0xff}));
        assertArrayEquals(ascii("d5:alphal4:spami-42e2:\0\u00ffe4:zetai1ee"), Bencode.encode(map));
        assertArrayEquals(ascii("i0e"), Bencode.encode(0L));
        assertArrayEquals(ascii("0:"), Bencode.encode(""));
    }

    @Test
    void roundTrips() {
        byte[] input = ascii("d4:infod6:lengthi123e4:name5:a.mp412:piece lengthi16384e6:pieces3:\0\1\2e"
                + "4:listll0:ei-1ee3:negi-9223372036854775e4:ustr5:\u00c3\u00a9t\u00c3\u00a9e");
        Object decoded = Bencode.decode(input);
        assertArrayEquals(input, Bencode.encode(decoded));
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) decoded;
        assertEquals("été", new String((byte[]) map.get("ustr"), StandardCharsets.UTF_8));
    }

    @Test
    void rawValueIsTheInputsOwnBytes() {
        byte[] input = ascii("d8:announce3:url4:infod4:name1:xee");
        assertArrayEquals(ascii("d4:name1:xe"), Bencode.rawValue(input, "info"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "i", "i12", "ie", "i-e", "i-0e", "i03e", "i1.5e", "i+1e", "05:hello", "5:hell",
        "-1:a", "l", "li1e", "d", "d3:keyi1e", "di1ei1ee", "d1:bi1e1:ai2ee", "d1:ai1e1:ai2ee", "i1ei2e", "x",
        "9999999999999999:a", "99999999999999999999:a", "i12345678901234567890e", "l1:a"})
    void refusesMalformedInput(String input) {
        assertThrows(Bencode.BencodeException.class, () -> Bencode.decode(ascii(input)));
    }

    @Test
    void refusesDeepNesting() {
        String deep = "l".repeat(10_000) + "e".repeat(10_000);
        assertThrows(Bencode.BencodeException.class, () -> Bencode.decode(ascii(deep)));
        String ok = "l".repeat(Bencode.MAX_DEPTH) + "e".repeat(Bencode.MAX_DEPTH);
        Bencode.decode(ascii(ok));
    }

    @Test
    void refusesOversizedInputAndTooManyValues() {
        assertThrows(Bencode.BencodeException.class, () -> Bencode.decode(ascii("4:abcd"), 5, 10, 10));
        assertThrows(Bencode.BencodeException.class, () -> Bencode.decode(ascii("li1ei2ei3ee"), 100, 10, 3));
        Bencode.decode(ascii("li1ei2ei3ee"), 100, 10, 4);
    }

    @Test
    void hugeDeclaredLengthAllocatesNothing() {
        assertThrows(Bencode.BencodeException.class, () -> Bencode.decode(ascii("2147483647:abc")));
    }
}
