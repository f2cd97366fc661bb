package org.bobine.catalog.internal;

import java.math.BigInteger;
import java.util.UUID;

/**
 * PeerTube's short UUIDs: the 128 bits of a UUID written in base 58 with the Flickr alphabet, most significant digit
 * first, padded to 22 characters with the alphabet's first character.
 */
final class ShortUuid {

    static final String ALPHABET = "123456789abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ";
    static final int LENGTH = 22;

    private static final BigInteger BASE = BigInteger.valueOf(ALPHABET.length());
    private static final BigInteger LIMIT = BigInteger.ONE.shiftLeft(128);

    private ShortUuid() {
    }

    static String encode(UUID uuid) {
        BigInteger value = new BigInteger(1, bytes(uuid));
        StringBuilder digits = new StringBuilder(LENGTH);
        while (value.signum() > 0) {
            BigInteger[] qr = value.divideAndRemainder(BASE);
            digits.append(ALPHABET.charAt(qr[1].intValue()));
            value = qr[0];
        }
        while (digits.length() < LENGTH) {
            digits.append(ALPHABET.charAt(0));
        }
        return digits.reverse().toString();
    }

    /** @return the UUID a short UUID stands for, or {@code null} when the text is not one */
    static UUID decode(String text) {
        if (text.isEmpty() || text.length() > LENGTH) {
            return null;
        }
        BigInteger value = BigInteger.ZERO;
        for (int i = 0; i < text.length(); i++) {
            int digit = ALPHABET.indexOf(text.charAt(i));
            if (digit < 0) {
                return null;
            }
            value = value.multiply(BASE).add(BigInteger.valueOf(digit));
        }
        if (value.compareTo(LIMIT) >= 0) {
            return null;
        }
        return new UUID(value.shiftRight(64).longValue(), value.longValue());
    }

    private static byte[] bytes(UUID uuid) {
        byte[] bytes = new byte[16];
        long high = uuid.getMostSignificantBits();
        long low = uuid.getLeastSignificantBits();
        for (int i = 0; i < 8; i++) {
            bytes[i] = (byte) (high >>> (56 - 8 * i));
            bytes[8 + i] = (byte) (low >>> (56 - 8 * i));
        }
        return bytes;
    }
}
