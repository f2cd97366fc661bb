package org.bobine.catalog.internal;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/**
 * The views a video got on one day (UTC), for the trending order. Rows are written by {@link VideoViews} with
 * relative updates, never through this entity; it exists so that the video lists can sum them in JPQL.
 */
@Entity
@Table(name = "catalog_video_views_daily")
@IdClass(VideoViewsDay.Key.class)
public class VideoViewsDay {

    /** The key of a row: the video and the day. */
    public static class Key implements Serializable {

        private static final long serialVersionUID = 1L;

        private Long videoId;
        private LocalDate viewDate;

        public Key() {
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(videoId, key.videoId)
                    && Objects.equals(viewDate, key.viewDate);
        }

        @Override
        public int hashCode() {
            return Objects.hash(videoId, viewDate);
        }
    }

    @Id
    @Column(name = "video_id")
    private Long videoId;

    @Id
    @Column(name = "view_date")
    private LocalDate viewDate;

    @Column(nullable = false)
    private long views;

    protected VideoViewsDay() {
    }

    long views() {
        return views;
    }
}
