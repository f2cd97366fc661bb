package org.bobine.jobs.internal;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row of the queue; see V1__create_job.sql for the meaning of the columns. */
@Entity
@Table(name = "jobs_job")
public class QueuedJob {

    static final String WAITING = "waiting";
    static final String ACTIVE = "active";
    static final String COMPLETED = "completed";
    static final String FAILED = "failed";
    static final String WAITING_CHILDREN = "waiting-children";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @Column(name = "job_type", nullable = false, length = 100)
    String type;

    @Column(nullable = false, length = 20)
    String state;

    @Column(nullable = false, length = 1_000_000)
    String payload;

    @Column(nullable = false)
    int priority;

    @Column(nullable = false)
    int progress;

    @Column(nullable = false)
    int attempts;

    @Column(name = "max_attempts", nullable = false)
    int maxAttempts;

    @Column(name = "backoff_ms", nullable = false)
    long backoffMs;

    @Column(length = 4000)
    String error;

    @Column(name = "parent_id")
    Long parentId;

    @Column(name = "cancel_requested", nullable = false)
    boolean cancelRequested;

    @Column(name = "run_at", nullable = false)
    Instant runAt;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    @Column(name = "processed_on")
    Instant processedOn;

    @Column(name = "finished_on")
    Instant finishedOn;

    @Column(name = "locked_by", length = 100)
    String lockedBy;

    @Column(name = "locked_until")
    Instant lockedUntil;

    protected QueuedJob() {
    }
}
