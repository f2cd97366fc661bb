package org.bobine.persistence.internal.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A test entity of a second contribution, with an assigned id and a unique label. */
@Entity
@Table(name = "tags_tag")
public class Tag {

    @Id
    private Long id;

    @Column(name = "label", nullable = false, length = 50)
    private String label;

    protected Tag() {
    }

    public Tag(long id, String label) {
        this.id = id;
        this.label = label;
    }

    public Long getId() {
        return id;
    }

    public String getLabel() {
        return label;
    }
}
