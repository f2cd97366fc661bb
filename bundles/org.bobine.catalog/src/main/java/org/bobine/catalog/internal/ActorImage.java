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

import org.bobine.storage.api.FileStore;

/**
 * One size of an actor's avatar or banner: a file of the {@code avatars} or {@code banners} storage area under a
 * random name that is never reused.
 */
@Entity
@Table(name = "catalog_actor_image")
public class ActorImage {

    /** PeerTube's {@code ActorImageType}. */
    static final int AVATAR = 1;
    static final int BANNER = 2;
    /** The file store's area of banners (avatars are in {@code FileStore.AVATARS}). */
    static final String BANNERS_AREA = "banners";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "actor_id", nullable = false)
    private Actor actor;

    @Column(nullable = false)
    private int type;

    @Column(name = "file_name", nullable = false, length = 100)
    private String fileName;

    @Column(nullable = false)
    private int width;

    @Column(nullable = false)
    private int height;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected ActorImage() {
    }

    ActorImage(Actor actor, int type, String fileName, int width, int height, Instant createdAt) {
        this.actor = actor;
        this.type = type;
        this.fileName = fileName;
        this.width = width;
        this.height = height;
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
    }

    /** @return the file store's area of this image's file */
    String area() {
        return type == BANNER ? BANNERS_AREA : FileStore.AVATARS;
    }

    /** @return the public path of this image's file */
    String path() {
        return (type == BANNER ? AvatarFilesServlet.BANNERS_PREFIX : AvatarFilesServlet.PREFIX) + fileName;
    }

    int type() {
        return type;
    }

    String fileName() {
        return fileName;
    }

    int width() {
        return width;
    }

    int height() {
        return height;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant updatedAt() {
        return updatedAt;
    }
}
