package org.bobine.catalog.internal;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/**
 * A video, local or remote (as its channel's actor says), with PeerTube's metadata. Its files are
 * {@link VideoFile}s; its tags are loaded apart, a page of videos at a time.
 */
@Entity
@Table(name = "catalog_video")
public class Video {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, unique = true)
    private UUID uuid;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "channel_id", nullable = false)
    private VideoChannel channel;

    @Column(name = "is_local", nullable = false)
    private boolean local;

    @Column(nullable = false, length = 2000)
    private String url;

    @Column(nullable = false, length = 120)
    private String name;

    @Column(length = 10000)
    private String description;

    @Column(length = 1000)
    private String support;

    private Integer category;

    private Integer licence;

    @Column(length = 10)
    private String language;

    @Column(nullable = false)
    private int privacy;

    @Column(nullable = false)
    private boolean nsfw;

    @Column(name = "comments_policy", nullable = false)
    private int commentsPolicy;

    @Column(name = "download_enabled", nullable = false)
    private boolean downloadEnabled;

    @Column(name = "wait_transcoding", nullable = false)
    private boolean waitTranscoding;

    @Column(nullable = false)
    private int state;

    @Column(nullable = false)
    private int duration;

    @Column(name = "aspect_ratio")
    private Double aspectRatio;

    @Column(nullable = false)
    private long views;

    @Column(nullable = false)
    private int likes;

    @Column(nullable = false)
    private int dislikes;

    @Column(name = "files_size", nullable = false)
    private long filesSize;

    @Column(name = "published_at", nullable = false)
    private Instant publishedAt;

    @Column(name = "originally_published_at")
    private Instant originallyPublishedAt;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    /** The names of the uploaded thumbnail and preview in the file store; written by uploads, in plain SQL. */
    @Column(name = "thumbnail_name", insertable = false, updatable = false)
    private String thumbnailName;

    @Column(name = "preview_name", insertable = false, updatable = false)
    private String previewName;

    @Column(name = "schedule_update_at")
    private Instant scheduleUpdateAt;

    @Column(name = "schedule_privacy")
    private Integer schedulePrivacy;

    @ElementCollection(fetch = FetchType.LAZY)
    @CollectionTable(name = "catalog_video_tag", joinColumns = @JoinColumn(name = "video_id"))
    @Column(name = "name", length = 30, nullable = false)
    private Set<String> tags = new LinkedHashSet<>();

    protected Video() {
    }

    Video(UUID uuid, VideoChannel channel, String url, VideoFields.Metadata metadata, int state, int duration,
            Double aspectRatio, Instant now) {
        this.uuid = uuid;
        this.channel = channel;
        this.local = channel.actor().isLocal();
        this.url = url;
        this.name = metadata.name();
        this.description = metadata.description();
        this.support = metadata.support();
        this.category = metadata.category();
        this.licence = metadata.licence();
        this.language = metadata.language();
        this.privacy = metadata.privacy();
        this.nsfw = metadata.nsfw();
        this.commentsPolicy = metadata.commentsPolicy();
        this.downloadEnabled = metadata.downloadEnabled();
        this.waitTranscoding = metadata.waitTranscoding();
        this.originallyPublishedAt = metadata.originallyPublishedAt();
        this.scheduleUpdateAt = metadata.scheduleUpdateAt();
        this.schedulePrivacy = metadata.schedulePrivacy();
        this.tags.addAll(metadata.tags());
        this.state = state;
        this.duration = duration;
        this.aspectRatio = aspectRatio;
        this.publishedAt = now;
        this.createdAt = now;
        this.updatedAt = now;
    }

    Long id() {
        return id;
    }

    UUID uuid() {
        return uuid;
    }

    VideoChannel channel() {
        return channel;
    }

    boolean isLocal() {
        return local;
    }

    String url() {
        return url;
    }

    String name() {
        return name;
    }

    String description() {
        return description;
    }

    String support() {
        return support;
    }

    Integer category() {
        return category;
    }

    Integer licence() {
        return licence;
    }

    String language() {
        return language;
    }

    int privacy() {
        return privacy;
    }

    boolean nsfw() {
        return nsfw;
    }

    int commentsPolicy() {
        return commentsPolicy;
    }

    boolean downloadEnabled() {
        return downloadEnabled;
    }

    boolean waitTranscoding() {
        return waitTranscoding;
    }

    int state() {
        return state;
    }

    int duration() {
        return duration;
    }

    Double aspectRatio() {
        return aspectRatio;
    }

    long views() {
        return views;
    }

    int likes() {
        return likes;
    }

    int dislikes() {
        return dislikes;
    }

    long filesSize() {
        return filesSize;
    }

    Instant publishedAt() {
        return publishedAt;
    }

    Instant originallyPublishedAt() {
        return originallyPublishedAt;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant updatedAt() {
        return updatedAt;
    }

    Instant scheduleUpdateAt() {
        return scheduleUpdateAt;
    }

    Integer schedulePrivacy() {
        return schedulePrivacy;
    }

    /** The tags; only inside the transaction that loaded the video. */
    Set<String> tags() {
        return tags;
    }

    /** Applies the fields an update gives, leaving the others as they are. */
    void update(VideoFields.Update change, Instant now) {
        if (change.has("name")) {
            name = change.metadata().name();
        }
        if (change.has("description")) {
            description = change.metadata().description();
        }
        if (change.has("support")) {
            support = change.metadata().support();
        }
        if (change.has("category")) {
            category = change.metadata().category();
        }
        if (change.has("licence")) {
            licence = change.metadata().licence();
        }
        if (change.has("language")) {
            language = change.metadata().language();
        }
        if (change.has("privacy")) {
            int wanted = change.metadata().privacy();
            if (privacy == VideoConstants.PRIVATE && wanted != VideoConstants.PRIVATE) {
                // A private video that is shown for the first time is new to its viewers, as in PeerTube.
                publishedAt = now;
            }
            privacy = wanted;
        }
        if (change.has("nsfw")) {
            nsfw = change.metadata().nsfw();
        }
        if (change.has("commentsPolicy")) {
            commentsPolicy = change.metadata().commentsPolicy();
        }
        if (change.has("downloadEnabled")) {
            downloadEnabled = change.metadata().downloadEnabled();
        }
        if (change.has("waitTranscoding")) {
            waitTranscoding = change.metadata().waitTranscoding();
        }
        if (change.has("originallyPublishedAt")) {
            originallyPublishedAt = change.metadata().originallyPublishedAt();
        }
        if (change.has("scheduleUpdate")) {
            scheduleUpdateAt = change.metadata().scheduleUpdateAt();
            schedulePrivacy = change.metadata().schedulePrivacy();
        }
        if (change.has("tags")) {
            tags.clear();
            tags.addAll(change.metadata().tags());
        }
        updatedAt = now;
    }

    /**
     * Applies the scheduled update: the video takes the scheduled privacy (public when none was given), and the
     * schedule is spent. A private video shown for the first time becomes new, as with any change of privacy.
     */
    void applyScheduledUpdate(Instant now) {
        int wanted = schedulePrivacy == null ? VideoConstants.PUBLIC : schedulePrivacy;
        if (privacy == VideoConstants.PRIVATE && wanted != VideoConstants.PRIVATE) {
            publishedAt = now;
        }
        privacy = wanted;
        scheduleUpdateAt = null;
        schedulePrivacy = null;
        updatedAt = now;
    }

    /** Moves to another state; becoming published for the first time after waiting makes the video new. */
    void moveTo(int newState, Instant now) {
        if (newState == VideoConstants.PUBLISHED && state != VideoConstants.PUBLISHED && waitTranscoding) {
            publishedAt = now;
        }
        state = newState;
        updatedAt = now;
    }

    /** Moves the video to another channel of the same account. */
    void moveToChannel(VideoChannel target, Instant now) {
        channel = target;
        updatedAt = now;
    }

    void addFileSize(long bytes) {
        filesSize += bytes;
    }

    /** @return the thumbnail's name in the {@code thumbnails} area of the file store, or {@code null} */
    String thumbnailName() {
        return thumbnailName;
    }

    /** @return the preview's name in the {@code previews} area of the file store, or {@code null} */
    String previewName() {
        return previewName;
    }
}
