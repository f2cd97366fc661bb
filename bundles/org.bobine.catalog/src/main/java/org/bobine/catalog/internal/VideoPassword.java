package org.bobine.catalog.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
 * A password of a password-protected video. PeerTube shows the passwords to whoever manages the video, who shares
 * them with viewers; viewers give one in the {@code x-peertube-video-password} header. The database removes the
 * rows with their video.
 */
@Entity
@Table(name = "catalog_video_password")
public class VideoPassword {

    /** The request header in which viewers give a password. */
    static final String HEADER = "x-peertube-video-password";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "video_id", nullable = false)
    private Video video;

    @Column(nullable = false, length = 100)
    private String password;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected VideoPassword() {
    }

    private VideoPassword(Video video, String password, Instant now) {
        this.video = video;
        this.password = password;
        this.createdAt = now;
        this.updatedAt = now;
    }

    Long id() {
        return id;
    }

    /** PeerTube's {@code VideoPassword}. */
    Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("password", password);
        json.put("videoId", video.id());
        json.put("createdAt", CatalogJson.date(createdAt));
        json.put("updatedAt", CatalogJson.date(updatedAt));
        return json;
    }

    /** The passwords of a video, oldest first. */
    static List<VideoPassword> of(EntityManager em, Video video) {
        return em.createQuery("select p from VideoPassword p where p.video = :video order by p.id",
                VideoPassword.class).setParameter("video", video).getResultList();
    }

    /** Replaces the passwords of a video, in the caller's transaction; none removes them all. */
    static void replace(EntityManager em, Video video, List<String> passwords) {
        em.createQuery("delete from VideoPassword p where p.video = :video").setParameter("video", video)
                .executeUpdate();
        Instant now = Actors.now();
        for (String password : passwords) {
            em.persist(new VideoPassword(video, password, now));
        }
    }

    /** Whether a video has passwords. */
    static boolean any(EntityManager em, Video video) {
        return em.createQuery("select count(p) from VideoPassword p where p.video = :video", Long.class)
                .setParameter("video", video).getSingleResult() > 0;
    }

    /** Whether {@code given} is one of the passwords of a video. */
    static boolean matches(EntityManager em, long videoId, String given) {
        return given != null && em.createQuery("select count(p) from VideoPassword p where p.video.id = :video "
                + "and p.password = :password", Long.class).setParameter("video", videoId)
                .setParameter("password", given).getSingleResult() > 0;
    }
}
