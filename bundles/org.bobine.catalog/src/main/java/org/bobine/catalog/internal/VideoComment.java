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

/**
 * A comment on a video, local or remote. A thread's root has no origin; a reply names its thread's root and the
 * comment it answers, by id, so that a thread loads in one flat query and is built into a tree in memory.
 */
@Entity
@Table(name = "catalog_video_comment")
public class VideoComment {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(length = 2000)
    private String url;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "video_id", nullable = false)
    private Video video;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "account_id")
    private Account account;

    @Column(name = "origin_comment_id")
    private Long originCommentId;

    @Column(name = "in_reply_to_comment_id")
    private Long inReplyToCommentId;

    @Column(nullable = false, length = 10000)
    private String text;

    @Column(name = "is_local", nullable = false)
    private boolean local;

    @Column(name = "held_for_review", nullable = false)
    private boolean heldForReview;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "deleted_at")
    private Instant deletedAt;

    protected VideoComment() {
    }

    /**
     * @param url the ActivityPub id of a remote comment; {@code null} for a local one, which gets its URL from its
     *        id ({@link #assignLocalUrl})
     * @param inReplyTo the comment answered, {@code null} for a thread's root
     */
    VideoComment(Video video, Account account, VideoComment inReplyTo, String text, boolean local, String url,
            boolean heldForReview, Instant now) {
        this.video = video;
        this.account = account;
        if (inReplyTo != null) {
            this.inReplyToCommentId = inReplyTo.id;
            this.originCommentId = inReplyTo.threadId();
        }
        this.text = text;
        this.local = local;
        this.url = url;
        this.heldForReview = heldForReview;
        this.createdAt = now;
        this.updatedAt = now;
    }

    Long id() {
        return id;
    }

    String url() {
        return url;
    }

    Video video() {
        return video;
    }

    /** @return the author, {@code null} once deleted */
    Account account() {
        return account;
    }

    /** @return the id of the thread's root: this comment's own for a root */
    Long threadId() {
        return originCommentId != null ? originCommentId : id;
    }

    Long originCommentId() {
        return originCommentId;
    }

    Long inReplyToCommentId() {
        return inReplyToCommentId;
    }

    String text() {
        return text;
    }

    boolean isLocal() {
        return local;
    }

    boolean heldForReview() {
        return heldForReview;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant updatedAt() {
        return updatedAt;
    }

    Instant deletedAt() {
        return deletedAt;
    }

    boolean isDeleted() {
        return deletedAt != null;
    }

    /** A local comment's URL, once its id is known: {@code <video URL>/comments/<id>}. */
    void assignLocalUrl(String baseUrl) {
        url = baseUrl + "/videos/watch/" + video.uuid() + "/comments/" + id;
    }

    /** Makes this comment a tombstone: the thread keeps its place, the text and the author go. */
    void markDeleted(Instant now) {
        deletedAt = now;
        updatedAt = now;
        text = "";
        account = null;
    }

    void approve(Instant now) {
        heldForReview = false;
        updatedAt = now;
    }
}
