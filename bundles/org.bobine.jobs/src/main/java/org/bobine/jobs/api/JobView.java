package org.bobine.jobs.api;

import java.time.Instant;

/**
 * What a job looks like at one moment.
 *
 * @param id the job's number, unique in the instance
 * @param type the job's type: the {@link JobHandlerType#type()} of the handlers that run it
 * @param state the job's state
 * @param payloadJson the job's payload, as JSON
 * @param priority the job's priority: lower numbers run first
 * @param progress the progress its handler last reported, 0 to 100
 * @param attempts how many times the job was started
 * @param maxAttempts how many times at most it is started before it fails
 * @param error the message of the last failure, or {@code null}
 * @param parentId the job that waits for this one, or {@code null}
 * @param createdAt when the job was enqueued
 * @param runAt when the job is due to run (its delay, or the backoff after a failure)
 * @param processedOn when the job was last started, or {@code null}
 * @param finishedOn when the job completed or failed, or {@code null}
 */
public record JobView(long id, String type, JobState state, String payloadJson, int priority, int progress,
        int attempts, int maxAttempts, String error, Long parentId, Instant createdAt, Instant runAt,
        Instant processedOn, Instant finishedOn) {
}
