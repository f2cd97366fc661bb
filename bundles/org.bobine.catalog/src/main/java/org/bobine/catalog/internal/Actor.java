package org.bobine.catalog.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;

/**
 * An ActivityPub actor: the identity behind an account ({@link #PERSON}) or a video channel ({@link #GROUP}),
 * local ({@code host} null) or remote. Accounts and channels of one host share the namespace of actor names;
 * {@link #handle()} is unique.
 */
@Entity
@Table(name = "catalog_actor")
public class Actor {

    /** The type of the actor of an account. */
    static final String PERSON = "Person";
    /** The type of the actor of a video channel. */
    static final String GROUP = "Group";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, length = 20)
    private String type;

    @Column(nullable = false, length = 255)
    private String name;

    @Column(length = 255)
    private String host;

    @Column(nullable = false, length = 512)
    private String handle;

    /** Avatars and banners, largest first; read-only here: images are added and removed as entities. */
    @OneToMany(mappedBy = "actor")
    @OrderBy("width desc")
    private List<ActorImage> images = new ArrayList<>();

    @Column(nullable = false, length = 2000)
    private String url;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "deleted_at")
    private Instant deletedAt;

    protected Actor() {
    }

    /**
     * @param host the actor's host, lower case; {@code null} for a local actor
     */
    Actor(String type, String name, String host, String url, Instant createdAt) {
        this.type = type;
        this.name = name;
        this.host = host;
        this.handle = Handle.key(name, host);
        this.url = url;
        this.createdAt = createdAt;
    }

    Long id() {
        return id;
    }

    String type() {
        return type;
    }

    String name() {
        return name;
    }

    /** @return the host of a remote actor; {@code null} for a local one */
    String host() {
        return host;
    }

    boolean isLocal() {
        return host == null;
    }

    /** @return the name for a local actor, {@code name@host} for a remote one */
    String handle() {
        return handle;
    }

    String url() {
        return url;
    }

    Instant createdAt() {
        return createdAt;
    }

    /** @return when the account or channel of this actor was removed; {@code null} while it exists */
    Instant deletedAt() {
        return deletedAt;
    }

    /** The account or channel is gone; the actor stays so that its name is never given again. */
    void markDeleted(Instant when) {
        this.deletedAt = when;
    }

    /** @return the actor's images of one type ({@link ActorImage#AVATAR}...), largest first */
    List<ActorImage> images(int type) {
        return images.stream().filter(i -> i.type() == type).toList();
    }
}
