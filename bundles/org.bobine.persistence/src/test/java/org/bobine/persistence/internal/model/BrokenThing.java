package org.bobine.persistence.internal.model;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A test entity whose contribution's migration fails. */
@Entity
@Table(name = "broken_thing")
public class BrokenThing {

    @Id
    private Long id;

    protected BrokenThing() {
    }
}
