package org.bobine.catalog.internal;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/**
 * A video playlist, local or remote (as its owner account's actor says), with PeerTube's privacy and type. Its
 * videos are {@link VideoPlaylistElement}s at positions 1..n.
 */
@Entity
@Table(name = "catalog_video_playlist")
public class VideoPlaylist {

    static final int REGULAR = 1;
    static final int WATCH_LATER = 2;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, unique = true)
    private UUID uuid;

    @Column(nullable = false, length = 2000)
    private String url;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "owner_account_id", nullable = false)
    private Account ownerAccount;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "channel_id")
    private VideoChannel channel;

    @Column(name = "display_name", nullable = false, length = 120)
    private String displayName;

    @Column(length = 1000)
    private String description;

    @Column(nullable = false)
    private int privacy;

    @Column(nullable = false)
    private int type;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    /** The uploaded thumbnail's name in the {@code thumbnails} area of the file store, or {@code null}. */
    @Column(name = "thumbnail_name", length = 100)
    private String thumbnailName;

    protected VideoPlaylist() {
    }

    VideoPlaylist(UUID uuid, String url, Account ownerAccount, VideoChannel channel, String displayName,
            String description, int privacy, int type, Instant createdAt) {
        this.uuid = uuid;
        this.url = url;
        this.ownerAccount = ownerAccount;
        this.channel = channel;
        this.displayName = displayName;
        this.description = description;
        this.privacy = privacy;
        this.type = type;
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
    }

    Long id() {
        return id;
    }

    UUID uuid() {
        return uuid;
    }

    String url() {
        return url;
    }

    Account ownerAccount() {
        return ownerAccount;
    }

    /** @return the channel, or {@code null} for a playlist of no channel (private ones, watch later) */
    VideoChannel channel() {
        return channel;
    }

    String displayName() {
        return displayName;
    }

    String description() {
        return description;
    }

    int privacy() {
        return privacy;
    }

    int type() {
        return type;
    }

    boolean isLocal() {
        return ownerAccount.actor().isLocal();
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant updatedAt() {
        return updatedAt;
    }

    void update(String displayName, String description, int privacy, VideoChannel channel, Instant when) {
        this.displayName = displayName;
        this.description = description;
        this.privacy = privacy;
        this.channel = channel;
        this.updatedAt = when;
    }

    String thumbnailName() {
        return thumbnailName;
    }

    /** Sets the uploaded thumbnail; @return the name of the one it replaces, or {@code null} */
    String replaceThumbnail(String name, Instant when) {
        String old = thumbnailName;
        thumbnailName = name;
        updatedAt = when;
        return old;
    }

    /** A change of its elements changes the playlist too, as PeerTube dates it. */
    void touch(Instant when) {
        this.updatedAt = when;
    }
}
