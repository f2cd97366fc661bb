package org.bobine.jobs.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** What all nodes share about the queue: whether it is paused. */
@Entity
@Table(name = "jobs_queue")
public class QueueSettings {

    static final String DEFAULT = "default";

    @Id
    @Column(length = 50)
    String name;

    @Column(nullable = false)
    boolean paused;

    protected QueueSettings() {
    }
}
