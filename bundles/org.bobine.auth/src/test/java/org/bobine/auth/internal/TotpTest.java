package org.bobine.auth.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class TotpTest {

    /** RFC 6238, appendix B: the SHA-1 secret, and the last 6 of its 8-digit codes. */
    private static final byte[] RFC_SECRET = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @Test
    void codesAreThoseOfRfc6238() {
        assertThat(Totp.code(RFC_SECRET, Instant.ofEpochSecond(59))).isEqualTo("287082");
        assertThat(Totp.code(RFC_SECRET, Instant.ofEpochSecond(1111111109))).isEqualTo("081804");
        assertThat(Totp.code(RFC_SECRET, Instant.ofEpochSecond(1234567890))).isEqualTo("005924");
        assertThat(Totp.code(RFC_SECRET, Instant.ofEpochSecond(2000000000))).isEqualTo("279037");
    }

    @Test
    void base32RoundTripsAndMatchesRfc4648() {
        assertThat(Totp.base32("foobar".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MZXW6YTBOI");
        assertThat(new String(Totp.decodeBase32("MZXW6YTBOI"), StandardCharsets.US_ASCII)).isEqualTo("foobar");
        String secret = Totp.newSecret();
        assertThat(secret).hasSize(32).matches("[A-Z2-7]+");
        assertThat(Totp.decodeBase32(secret)).hasSize(20);
    }

    @Test
    void theCurrentNeighbouringStepsAreAcceptedAndNothingElse() {
        String secret = Totp.base32(RFC_SECRET);
        Instant now = Instant.ofEpochSecond(1111111109);
        assertThat(Totp.verify(secret, "081804", now)).isTrue();
        assertThat(Totp.verify(secret, Totp.code(RFC_SECRET, now.minusSeconds(30)), now)).isTrue();
        assertThat(Totp.verify(secret, Totp.code(RFC_SECRET, now.plusSeconds(30)), now)).isTrue();
        assertThat(Totp.verify(secret, Totp.code(RFC_SECRET, now.plusSeconds(90)), now)).isFalse();
        assertThat(Totp.verify(secret, "81804", now)).isFalse();
        assertThat(Totp.verify(secret, null, now)).isFalse();
        assertThat(Totp.uri("videos.example.org", "root", secret))
                .startsWith("otpauth://totp/videos.example.org:root?secret=" + secret + "&issuer=videos.example.org");
    }
}
