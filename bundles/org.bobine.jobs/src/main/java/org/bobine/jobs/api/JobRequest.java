package org.bobine.jobs.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A job to enqueue: its type and payload, and how it is scheduled. Immutable; each {@code with} method returns
 * a copy.
 *
 * <pre>{@code
 * queue.enqueue(JobRequest.of("video-transcoding", Map.of("videoUUID", uuid))
 *         .withPriority(100)
 *         .withMaxAttempts(3));
 * }</pre>
 *
 * <p>Defaults: priority {@link #DEFAULT_PRIORITY}, run at once, {@link #DEFAULT_MAX_ATTEMPTS} attempts, backoff
 * {@link #DEFAULT_BACKOFF}.
 */
public final class JobRequest {

    /** The priority of a job that was given none: before every job of a higher number. */
    public static final int DEFAULT_PRIORITY = 0;

    /** How many times a job is started at most, unless told otherwise: once. */
    public static final int DEFAULT_MAX_ATTEMPTS = 1;

    /** The wait before the second attempt, unless told otherwise; it doubles at each further attempt. */
    public static final Duration DEFAULT_BACKOFF = Duration.ofMinutes(1);

    /** The longest type name. */
    public static final int MAX_TYPE_LENGTH = 100;

    private final String type;
    private final Object payload;
    private final int priority;
    private final Instant runAt;
    private final Duration delay;
    private final int maxAttempts;
    private final Duration backoff;

    private JobRequest(String type, Object payload, int priority, Instant runAt, Duration delay, int maxAttempts,
            Duration backoff) {
        this.type = type;
        this.payload = payload;
        this.priority = priority;
        this.runAt = runAt;
        this.delay = delay;
        this.maxAttempts = maxAttempts;
        this.backoff = backoff;
    }

    /**
     * @param type the job's type, 1 to {@value #MAX_TYPE_LENGTH} characters
     * @param payload what the handler needs, serialisable to JSON with Jackson (records, maps, lists, strings,
     *        numbers...), or {@code null}
     * @return a request with the defaults
     * @throws IllegalArgumentException if the type is empty or too long
     */
    public static JobRequest of(String type, Object payload) {
        Objects.requireNonNull(type, "type");
        if (type.isEmpty() || type.length() > MAX_TYPE_LENGTH) {
            throw new IllegalArgumentException("A job type has 1 to " + MAX_TYPE_LENGTH + " characters: " + type);
        }
        return new JobRequest(type, payload, DEFAULT_PRIORITY, null, Duration.ZERO, DEFAULT_MAX_ATTEMPTS,
                DEFAULT_BACKOFF);
    }

    /**
     * @param priority lower numbers run first, as in PeerTube; jobs of one priority run in the order they are due
     * @return a copy with that priority
     */
    public JobRequest withPriority(int priority) {
        return new JobRequest(type, payload, priority, runAt, delay, maxAttempts, backoff);
    }

    /**
     * @param delay how long after enqueueing the job may run; replaces any {@link #withRunAt(Instant)}
     * @return a copy with that delay
     * @throws IllegalArgumentException if the delay is negative
     */
    public JobRequest withDelay(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("A negative delay: " + delay);
        }
        return new JobRequest(type, payload, priority, null, delay, maxAttempts, backoff);
    }

    /**
     * @param runAt when the job may run at the earliest; replaces any {@link #withDelay(Duration)}
     * @return a copy that runs then
     */
    public JobRequest withRunAt(Instant runAt) {
        return new JobRequest(type, payload, priority, Objects.requireNonNull(runAt, "runAt"), Duration.ZERO,
                maxAttempts, backoff);
    }

    /**
     * @param maxAttempts how many times the job is started at most before it is {@link JobState#FAILED}, at
     *        least 1
     * @return a copy with that limit
     * @throws IllegalArgumentException if below 1
     */
    public JobRequest withMaxAttempts(int maxAttempts) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("At least one attempt: " + maxAttempts);
        }
        return new JobRequest(type, payload, priority, runAt, delay, maxAttempts, backoff);
    }

    /**
     * @param backoff the wait after the first failure; the wait doubles after each further failure
     *        (exponential backoff)
     * @return a copy with that backoff
     * @throws IllegalArgumentException if negative
     */
    public JobRequest withBackoff(Duration backoff) {
        if (backoff.isNegative()) {
            throw new IllegalArgumentException("A negative backoff: " + backoff);
        }
        return new JobRequest(type, payload, priority, runAt, delay, maxAttempts, backoff);
    }

    /** @return the job's type */
    public String type() {
        return type;
    }

    /** @return the payload, serialised to JSON when enqueued */
    public Object payload() {
        return payload;
    }

    /** @return the priority */
    public int priority() {
        return priority;
    }

    /**
     * @param now the time of enqueueing
     * @return when the job may run at the earliest
     */
    public Instant runAt(Instant now) {
        return runAt != null ? runAt : now.plus(delay);
    }

    /** @return how many attempts at most */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** @return the wait after the first failure */
    public Duration backoff() {
        return backoff;
    }

    @Override
    public String toString() {
        return "JobRequest[" + type + ", priority " + priority + ", " + maxAttempts + " attempts]";
    }
}
