package org.bobine.catalog.internal;

import java.time.Instant;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/**
 * The caption of a video in one language: a WebVTT file of the {@code video-captions} storage area under a random
 * name, {@code <uuid>-<language>.vtt}, that is never reused. The database removes the rows with their video; the
 * removals of videos and channels record the files for deletion ({@link #scheduleFilesOf(EntityManager, Video)}).
 */
@Entity
@Table(name = "catalog_video_caption")
public class VideoCaption {

    /** The file store's area of caption files. */
    static final String AREA = "video-captions";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "video_id", nullable = false)
    private Video video;

    @Column(nullable = false, length = 10)
    private String language;

    @Column(name = "file_name", nullable = false, length = 100)
    private String fileName;

    @Column(name = "automatically_generated", nullable = false)
    private boolean automaticallyGenerated;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected VideoCaption() {
    }

    VideoCaption(Video video, String language, String fileName, Instant createdAt) {
        this.video = video;
        this.language = language;
        this.fileName = fileName;
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
    }

    /** A new file for this caption; @return the name of the file it replaces */
    String replaceFile(String newFileName, Instant now) {
        String old = fileName;
        fileName = newFileName;
        automaticallyGenerated = false;
        updatedAt = now;
        return old;
    }

    String language() {
        return language;
    }

    String fileName() {
        return fileName;
    }

    boolean automaticallyGenerated() {
        return automaticallyGenerated;
    }

    Instant updatedAt() {
        return updatedAt;
    }

    /** The captions of a video, by language. */
    static List<VideoCaption> of(EntityManager em, Video video) {
        return em.createQuery("select c from VideoCaption c where c.video = :video order by c.language",
                VideoCaption.class).setParameter("video", video).getResultList();
    }

    /** Records the caption files of a video being removed, for deletion once the caller's transaction commits. */
    static void scheduleFilesOf(EntityManager em, Video video) {
        StoredFileSweeper.schedule(em, AREA, em.createQuery("select c.fileName from VideoCaption c "
                + "where c.video = :video", String.class).setParameter("video", video).getResultList());
    }

    /** Records the caption files of a channel's videos, for deletion once the caller's transaction commits. */
    static void scheduleFilesOf(EntityManager em, VideoChannel channel) {
        StoredFileSweeper.schedule(em, AREA, em.createQuery("select c.fileName from VideoCaption c "
                + "where c.video.channel = :channel", String.class).setParameter("channel", channel).getResultList());
    }
}
