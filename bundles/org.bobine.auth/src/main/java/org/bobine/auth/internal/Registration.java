package org.bobine.auth.internal;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A request to join an instance whose registrations a moderator approves. */
@Entity
@Table(name = "auth_registration")
public class Registration {

    /** PeerTube's registration states. */
    static final int PENDING = 1;
    static final int REJECTED = 2;
    static final int ACCEPTED = 3;
    static final String[] STATE_LABELS = {null, "Pending", "Rejected", "Accepted"};

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false)
    private int state;

    @Column(name = "registration_reason", nullable = false, length = 3000)
    private String registrationReason;

    @Column(name = "moderation_response", length = 3000)
    private String moderationResponse;

    @Column(nullable = false, length = 50)
    private String username;

    @Column(nullable = false, length = 400)
    private String email;

    @Column(name = "email_verified")
    private Boolean emailVerified;

    @Column(name = "password_hash", nullable = false, length = 100)
    private String passwordHash;

    @Column(name = "account_display_name", nullable = false, length = 120)
    private String accountDisplayName;

    @Column(name = "channel_name", nullable = false, length = 50)
    private String channelName;

    @Column(name = "channel_display_name", nullable = false, length = 120)
    private String channelDisplayName;

    @Column(name = "user_id")
    private Long userId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Registration() {
        // For JPA.
    }

    Registration(String reason, String username, String email, Boolean emailVerified, String passwordHash,
            String accountDisplayName, String channelName, String channelDisplayName, Instant now) {
        this.state = PENDING;
        this.registrationReason = reason;
        this.username = username;
        this.email = email;
        this.emailVerified = emailVerified;
        this.passwordHash = passwordHash;
        this.accountDisplayName = accountDisplayName;
        this.channelName = channelName;
        this.channelDisplayName = channelDisplayName;
        this.createdAt = now;
        this.updatedAt = now;
    }

    Long id() {
        return id;
    }

    int state() {
        return state;
    }

    String registrationReason() {
        return registrationReason;
    }

    String moderationResponse() {
        return moderationResponse;
    }

    String username() {
        return username;
    }

    String email() {
        return email;
    }

    Boolean emailVerified() {
        return emailVerified;
    }

    void emailVerified(boolean verified) {
        this.emailVerified = verified;
        this.updatedAt = Instant.now();
    }

    String passwordHash() {
        return passwordHash;
    }

    String accountDisplayName() {
        return accountDisplayName;
    }

    String channelName() {
        return channelName;
    }

    String channelDisplayName() {
        return channelDisplayName;
    }

    Long userId() {
        return userId;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant updatedAt() {
        return updatedAt;
    }

    void accept(String response, long createdUserId, Instant now) {
        this.state = ACCEPTED;
        this.moderationResponse = response;
        this.userId = createdUserId;
        this.updatedAt = now;
    }

    void reject(String response, Instant now) {
        this.state = REJECTED;
        this.moderationResponse = response;
        this.updatedAt = now;
    }
}
