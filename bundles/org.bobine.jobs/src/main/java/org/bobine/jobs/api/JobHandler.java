package org.bobine.jobs.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Runs the jobs of one type: a whiteboard service, registered with the properties {@link #TYPE} and
 * optionally {@link #CONCURRENCY}, most simply with the component property type {@link JobHandlerType}:
 *
 * <pre>{@code
 * @Component
 * @JobHandlerType(type = "video-transcoding", concurrency = 2)
 * public class Transcoder implements JobHandler {
 *     public void process(JobContext job) throws Exception {
 *         TranscodingPayload payload = job.payload(TranscodingPayload.class);
 *         ...
 *         job.progress(50);
 *     }
 * }
 * }</pre>
 *
 * <p>A node runs a job only when it has a handler of its type; jobs of types without a handler wait. When two
 * handlers declare one type, the one with the higher service ranking is used. Jobs run on threads of the
 * queue, at most {@link #CONCURRENCY} at a time per type and node, at a lower thread priority than request
 * threads.
 *
 * <p>Returning normally completes the job. Throwing fails the attempt: the job runs again after its backoff
 * until it has had its {@link JobRequest#withMaxAttempts(int) attempts}, then it is
 * {@link JobState#FAILED} with the exception's message kept. A job may run more than once (a node that dies
 * leaves its job to another node), so handlers must be safe to repeat.
 */
@ConsumerType
public interface JobHandler {

    /** Service property: the type of job this handler runs (a {@code String}). Required. */
    String TYPE = "bobine.job.type";

    /**
     * Service property: how many jobs of the type one node runs at once (an {@code Integer}, at least 1).
     * Default {@value #DEFAULT_CONCURRENCY}.
     */
    String CONCURRENCY = "bobine.job.concurrency";

    /** The concurrency of a handler that declares none. */
    int DEFAULT_CONCURRENCY = 1;

    /**
     * Runs one attempt of a job.
     *
     * @param context the job, its payload, progress and whether to stop
     * @throws Exception any failure, which fails the attempt
     */
    void process(JobContext context) throws Exception;
}
