package org.bobine.auth.internal;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A local user: who logs in, with which role and quotas. */
@Entity
@Table(name = "auth_user")
public class User {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, length = 50)
    private String username;

    @Column(nullable = false, length = 400)
    private String email;

    @Column(name = "password_hash", nullable = false, length = 100)
    private String passwordHash;

    @Column(nullable = false)
    private int role;

    @Column(nullable = false)
    private boolean blocked;

    @Column(name = "blocked_reason", length = 250)
    private String blockedReason;

    @Column(name = "video_quota", nullable = false)
    private long videoQuota;

    @Column(name = "video_quota_daily", nullable = false)
    private long videoQuotaDaily;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "last_login_date")
    private Instant lastLoginDate;

    @Column(name = "otp_secret", length = 64)
    private String otpSecret;

    protected User() {
        // For JPA.
    }

    User(String username, String email, String passwordHash, int role, long videoQuota, long videoQuotaDaily,
            Instant createdAt) {
        this.username = username;
        this.email = email;
        this.passwordHash = passwordHash;
        this.role = role;
        this.videoQuota = videoQuota;
        this.videoQuotaDaily = videoQuotaDaily;
        this.createdAt = createdAt;
    }

    Long id() {
        return id;
    }

    String username() {
        return username;
    }

    String email() {
        return email;
    }

    String passwordHash() {
        return passwordHash;
    }

    int role() {
        return role;
    }

    boolean blocked() {
        return blocked;
    }

    String blockedReason() {
        return blockedReason;
    }

    long videoQuota() {
        return videoQuota;
    }

    long videoQuotaDaily() {
        return videoQuotaDaily;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant lastLoginDate() {
        return lastLoginDate;
    }

    /** Changes the fields that are not {@code null}. */
    void update(String newEmail, String newPasswordHash, Integer newRole, Long newVideoQuota,
            Long newVideoQuotaDaily) {
        if (newEmail != null) {
            this.email = newEmail;
        }
        if (newPasswordHash != null) {
            this.passwordHash = newPasswordHash;
        }
        if (newRole != null) {
            this.role = newRole;
        }
        if (newVideoQuota != null) {
            this.videoQuota = newVideoQuota;
        }
        if (newVideoQuotaDaily != null) {
            this.videoQuotaDaily = newVideoQuotaDaily;
        }
    }

    void block(String reason) {
        this.blocked = true;
        this.blockedReason = reason;
    }

    void unblock() {
        this.blocked = false;
        this.blockedReason = null;
    }

    String otpSecret() {
        return otpSecret;
    }

    void otpSecret(String secret) {
        this.otpSecret = secret;
    }

    void loggedIn(Instant when) {
        this.lastLoginDate = when;
    }
}
