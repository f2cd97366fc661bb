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
 * A video at a position of a playlist, optionally between two timestamps (seconds). The video is {@code null} once
 * it was removed from the catalog: the element stays, shown as deleted.
 */
@Entity
@Table(name = "catalog_video_playlist_element")
public class VideoPlaylistElement {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "playlist_id", nullable = false)
    private VideoPlaylist playlist;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "video_id")
    private Video video;

    @Column(nullable = false)
    private int position;

    @Column(name = "start_timestamp")
    private Integer startTimestamp;

    @Column(name = "stop_timestamp")
    private Integer stopTimestamp;

    @Column(length = 2000)
    private String url;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected VideoPlaylistElement() {
    }

    VideoPlaylistElement(VideoPlaylist playlist, Video video, int position, Integer startTimestamp,
            Integer stopTimestamp, Instant createdAt) {
        this.playlist = playlist;
        this.video = video;
        this.position = position;
        this.startTimestamp = startTimestamp;
        this.stopTimestamp = stopTimestamp;
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
    }

    Long id() {
        return id;
    }

    VideoPlaylist playlist() {
        return playlist;
    }

    /** @return the video, or {@code null} when it was removed */
    Video video() {
        return video;
    }

    int position() {
        return position;
    }

    Integer startTimestamp() {
        return startTimestamp;
    }

    Integer stopTimestamp() {
        return stopTimestamp;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant updatedAt() {
        return updatedAt;
    }

    void updateTimestamps(Integer startTimestamp, Integer stopTimestamp, Instant when) {
        this.startTimestamp = startTimestamp;
        this.stopTimestamp = stopTimestamp;
        this.updatedAt = when;
    }
}
