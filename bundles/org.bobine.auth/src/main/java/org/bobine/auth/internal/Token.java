package org.bobine.auth.internal;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A pair of OAuth tokens given to a user through a client; only their SHA-256 digests are kept. */
@Entity
@Table(name = "auth_token")
public class Token {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "user_id", nullable = false)
    private long userId;

    @Column(name = "client_id", nullable = false)
    private long clientId;

    @Column(name = "access_token_hash", nullable = false, length = 64)
    private String accessTokenHash;

    @Column(name = "access_token_expires_at", nullable = false)
    private Instant accessTokenExpiresAt;

    @Column(name = "refresh_token_hash", nullable = false, length = 64)
    private String refreshTokenHash;

    @Column(name = "refresh_token_expires_at", nullable = false)
    private Instant refreshTokenExpiresAt;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected Token() {
        // For JPA.
    }

    Token(long userId, long clientId, String accessTokenHash, Instant accessTokenExpiresAt, String refreshTokenHash,
            Instant refreshTokenExpiresAt, Instant createdAt) {
        this.userId = userId;
        this.clientId = clientId;
        this.accessTokenHash = accessTokenHash;
        this.accessTokenExpiresAt = accessTokenExpiresAt;
        this.refreshTokenHash = refreshTokenHash;
        this.refreshTokenExpiresAt = refreshTokenExpiresAt;
        this.createdAt = createdAt;
    }

    long userId() {
        return userId;
    }

    long clientId() {
        return clientId;
    }

    String accessTokenHash() {
        return accessTokenHash;
    }

    Instant accessTokenExpiresAt() {
        return accessTokenExpiresAt;
    }

    Instant refreshTokenExpiresAt() {
        return refreshTokenExpiresAt;
    }
}
