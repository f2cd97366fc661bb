package org.bobine.catalog.internal;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** An account: the public identity of a local user, or of a remote person. */
@Entity
@Table(name = "catalog_account")
public class Account {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "actor_id", nullable = false)
    private Actor actor;

    @Column(name = "user_id")
    private Long userId;

    @Column(name = "display_name", nullable = false, length = 120)
    private String displayName;

    @Column(length = 1000)
    private String description;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Account() {
    }

    /** @param userId the local user whose account this is; {@code null} for a remote account */
    Account(Actor actor, Long userId, String displayName, Instant createdAt) {
        this.actor = actor;
        this.userId = userId;
        this.displayName = displayName;
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
    }

    Long id() {
        return id;
    }

    Actor actor() {
        return actor;
    }

    /** @return the local user's id; {@code null} for a remote account */
    Long userId() {
        return userId;
    }

    String displayName() {
        return displayName;
    }

    String description() {
        return description;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant updatedAt() {
        return updatedAt;
    }

    /** Changes the profile; a {@code null} argument leaves that field as it is. */
    void updateProfile(String displayName, String description, Instant when) {
        if (displayName != null) {
            this.displayName = displayName;
        }
        if (description != null) {
            this.description = description;
        }
        this.updatedAt = when;
    }
}
