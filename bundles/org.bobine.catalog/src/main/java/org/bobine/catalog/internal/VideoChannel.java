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

/** A video channel, owned by an account; local or remote, as its actor says. */
@Entity
@Table(name = "catalog_video_channel")
public class VideoChannel {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "actor_id", nullable = false)
    private Actor actor;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "account_id", nullable = false)
    private Account account;

    @Column(name = "display_name", nullable = false, length = 120)
    private String displayName;

    @Column(length = 1000)
    private String description;

    @Column(length = 1000)
    private String support;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected VideoChannel() {
    }

    VideoChannel(Actor actor, Account account, String displayName, String description, String support,
            Instant createdAt) {
        this.actor = actor;
        this.account = account;
        this.displayName = displayName;
        this.description = description;
        this.support = support;
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
    }

    Long id() {
        return id;
    }

    Actor actor() {
        return actor;
    }

    Account account() {
        return account;
    }

    String displayName() {
        return displayName;
    }

    String description() {
        return description;
    }

    String support() {
        return support;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant updatedAt() {
        return updatedAt;
    }

    void update(String displayName, String description, String support, Instant when) {
        this.displayName = displayName;
        this.description = description;
        this.support = support;
        this.updatedAt = when;
    }
}
