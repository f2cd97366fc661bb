package org.bobine.jobs.internal;

import java.time.Duration;

/**
 * The queue's timings and limits.
 *
 * @param lease how long a claimed job stays with its node without a heartbeat; renewed every third of it
 * @param idlePollMin the first wait of the poller after finding no work; doubles up to {@code idlePollMax}
 * @param idlePollMax the longest wait of an idle poller (enqueueing on this node wakes it at once)
 * @param cleanupInterval how often finished jobs are removed
 * @param keepCompleted how long completed jobs are kept
 * @param keepFailed how long failed jobs are kept
 * @param maxStored how many finished jobs are kept at most
 * @param stopTimeout how long stopping waits for running jobs to end
 */
record Timing(Duration lease, Duration idlePollMin, Duration idlePollMax, Duration cleanupInterval,
        Duration keepCompleted, Duration keepFailed, int maxStored, Duration stopTimeout) {

    /** PeerTube's retention (completed 2 days, failed 7 days, 10 000 jobs), a one-minute lease. */
    static final Timing DEFAULTS = new Timing(Duration.ofMinutes(1), Duration.ofMillis(100), Duration.ofSeconds(2),
            Duration.ofHours(1), Duration.ofDays(2), Duration.ofDays(7), 10_000, Duration.ofSeconds(10));
}
