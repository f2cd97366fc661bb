package org.bobine.catalog.internal;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A file of the file store to delete once the transaction that recorded it has committed. */
@Entity
@Table(name = "catalog_stored_file_deletion")
public class StoredFileDeletion {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, length = 50)
    private String area;

    @Column(name = "storage_key", nullable = false, length = 512)
    private String storageKey;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    /** Kept until then (files staged before the transaction that may reference them); null: at once. */
    @Column(name = "not_before")
    private Instant notBefore;

    protected StoredFileDeletion() {
        // For JPA.
    }

    StoredFileDeletion(String area, String storageKey, Instant createdAt) {
        this.area = area;
        this.storageKey = storageKey;
        this.createdAt = createdAt;
    }

    StoredFileDeletion(String area, String storageKey, Instant createdAt, Instant notBefore) {
        this(area, storageKey, createdAt);
        this.notBefore = notBefore;
    }

    Long id() {
        return id;
    }

    String area() {
        return area;
    }

    String storageKey() {
        return storageKey;
    }
}
