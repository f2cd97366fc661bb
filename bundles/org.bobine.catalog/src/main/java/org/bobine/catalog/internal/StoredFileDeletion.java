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

    protected StoredFileDeletion() {
        // For JPA.
    }

    StoredFileDeletion(String area, String storageKey, Instant createdAt) {
        this.area = area;
        this.storageKey = storageKey;
        this.createdAt = createdAt;
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
