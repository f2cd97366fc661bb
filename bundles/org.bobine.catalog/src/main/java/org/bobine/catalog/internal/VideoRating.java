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
 * The rating of a video by an account, local or remote: {@link #LIKE} or {@link #DISLIKE}. No rating is no row.
 * The video's counters are kept by {@link Ratings}, which changes both together.
 */
@Entity
@Table(name = "catalog_video_rating")
public class VideoRating {

    static final String LIKE = "like";
    static final String DISLIKE = "dislike";
    /** What the API answers, and accepts, for no rating. */
    static final String NONE = "none";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "account_id", nullable = false)
    private Account account;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "video_id", nullable = false)
    private Video video;

    @Column(nullable = false, length = 7)
    private String rating;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected VideoRating() {
    }

    VideoRating(Account account, Video video, String rating, Instant createdAt) {
        this.account = account;
        this.video = video;
        this.rating = rating;
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
    }

    Video video() {
        return video;
    }

    String rating() {
        return rating;
    }

    void change(String rating, Instant now) {
        this.rating = rating;
        this.updatedAt = now;
    }
}
