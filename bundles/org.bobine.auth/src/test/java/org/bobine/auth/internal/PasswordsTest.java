package org.bobine.auth.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

import org.bobine.web.api.ApiException;

import org.junit.jupiter.api.Test;

class PasswordsTest {

    @Test
    void hashesAreSaltedBcryptThatMatchOnlyTheirPassword() {
        String hash = Passwords.hash("correct horse");
        assertThat(hash).startsWith("$2b$10$").hasSize(60);
        assertThat(Passwords.hash("correct horse")).isNotEqualTo(hash);
        assertThat(Passwords.matches("correct horse", hash)).isTrue();
        assertThat(Passwords.matches("correct horsE", hash)).isFalse();
        assertThat(Passwords.matches("correct horse", "not a hash")).isFalse();
        assertThat(Passwords.matches(null, hash)).isFalse();
    }

    @Test
    void standardBcryptHashesAreAccepted() {
        // A published test vector of bcrypt ($2a$, cost 5), as other implementations produce them.
        assertThat(Passwords.matches("U*U", "$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW")).isTrue();
    }

    @Test
    void onlyTheFirst72BytesCountAsInEveryBcrypt() {
        String long1 = "x".repeat(72) + "first";
        String hash = Passwords.hash(long1);
        assertThat(Passwords.matches("x".repeat(72) + "second", hash)).isTrue();
        assertThat(Passwords.matches("x".repeat(71), hash)).isFalse();
    }

    @Test
    void loginAttemptsAreCountedPerAddressInASlidingWindow() {
        RateLimit limit = new RateLimit(3, Duration.ofMinutes(5));
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < 3; i++) {
            assertThat(limit.attempt("10.0.0.1", start.plusSeconds(i))).isZero();
        }
        Duration wait = limit.attempt("10.0.0.1", start.plusSeconds(10));
        assertThat(wait).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(5));
        assertThat(limit.attempt("10.0.0.2", start.plusSeconds(10))).isZero();
        assertThat(limit.attempt("10.0.0.1", start.plus(Duration.ofMinutes(5)).plusSeconds(1))).isZero();
    }

    @Test
    void limitsThatCountOnlySuccessesCheckWithoutRecording() {
        RateLimit limit = new RateLimit(2, Duration.ofMinutes(5));
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < 5; i++) {
            assertThat(limit.check("10.0.0.1", now)).as("refused attempts are not recorded").isZero();
        }
        limit.record("10.0.0.1", now);
        limit.record("10.0.0.1", now.plusSeconds(1));
        assertThat(limit.check("10.0.0.1", now.plusSeconds(2))).isPositive();
        assertThatThrownBy(() -> limit.enforceWithoutRecording("10.0.0.1", now.plusSeconds(2), "slow down"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(429);
                    assertThat(e.headers()).containsKey("Retry-After");
                });
    }

    @Test
    void tokensAreKeptAsDigests() {
        assertThat(TokenStore.digest("abc")).isEqualTo(
                "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
