package org.bobine.jobs.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * What a {@link JobHandler} is given to run one attempt of a job. Valid only during
 * {@link JobHandler#process(JobContext)}; used from the handler's thread (or threads it waits for).
 */
@ProviderType
public interface JobContext {

    /** @return the job's id */
    long id();

    /** @return the job's type */
    String type();

    /** @return the payload as JSON ({@code null} as the JSON text {@code null}) */
    String payloadJson();

    /**
     * @param <T> the payload's Java type
     * @param type the payload's Java type (a record, a {@code Map}...), read with Jackson
     * @return the payload
     * @throws IllegalArgumentException if the payload does not fit the type
     */
    <T> T payload(Class<T> type);

    /** @return which attempt this is: 1 for the first */
    int attempt();

    /** @return how many attempts the job has at most */
    int maxAttempts();

    /**
     * Records the job's progress, visible to the admin API and {@link JobQueue#job(long)} within a few seconds.
     * Cheap: the queue writes the latest value to the database from its own thread.
     *
     * @param percent 0 to 100; values outside are clamped
     */
    void progress(int percent);

    /**
     * Whether the handler should stop: the job was cancelled, or this node is stopping (the bundle is stopped or
     * the handler's service goes away). The thread that runs the handler is interrupted too. A handler that
     * stops because its node stops should throw (or return quickly); the job is then left to run again, on this
     * node after a restart or on another one, without counting the attempt.
     *
     * @return whether to stop
     */
    boolean isStopping();
}
