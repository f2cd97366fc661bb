package org.bobine.auth.internal;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;

import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * Password hashing with bcrypt (cost 10, version 2b), as PeerTube hashes them, so that the hashes of an instance
 * migrated from PeerTube keep working. The hash embeds its salt and cost. bcrypt reads the first 72 bytes of
 * the UTF-8 password, as PeerTube's library does.
 */
final class Passwords {

    static final int COST = 10;
    static final int SIGNIFICANT_BYTES = 72;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Passwords() {
    }

    static String hash(String password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return OpenBSDBCrypt.generate("2b", significant(password), salt, COST);
    }

    static boolean matches(String password, String hash) {
        if (password == null || hash == null) {
            return false;
        }
        try {
            return OpenBSDBCrypt.checkPassword(hash, significant(password));
        } catch (IllegalArgumentException malformedHash) {
            return false;
        }
    }

    private static byte[] significant(String password) {
        byte[] bytes = password.getBytes(StandardCharsets.UTF_8);
        return bytes.length <= SIGNIFICANT_BYTES ? bytes : Arrays.copyOf(bytes, SIGNIFICANT_BYTES);
    }
}
