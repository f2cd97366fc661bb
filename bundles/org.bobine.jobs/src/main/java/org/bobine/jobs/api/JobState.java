package org.bobine.jobs.api;

import java.util.Optional;

/**
 * The state of a job as PeerTube's API names it ({@code GET /api/v1/jobs/{state}}).
 */
public enum JobState {
    /** Running on a node now. */
    ACTIVE("active"),
    /** Ran successfully. */
    COMPLETED("completed"),
    /** Failed at its last attempt (or was given up); its error is kept. */
    FAILED("failed"),
    /** Ready to run, without priority ({@code 0}). */
    WAITING("waiting"),
    /** Ready to run later: created with a delay, or waiting for its next attempt after a failure. */
    DELAYED("delayed"),
    /** Ready to run, but the queue is paused. */
    PAUSED("paused"),
    /** Created with children, and waiting for all of them to complete. */
    WAITING_CHILDREN("waiting-children"),
    /** Ready to run, with a priority other than {@code 0}. */
    PRIORITIZED("prioritized");

    private final String wireName;

    JobState(String wireName) {
        this.wireName = wireName;
    }

    /** @return PeerTube's name of the state, such as {@code waiting-children} */
    public String wireName() {
        return wireName;
    }

    /**
     * @param wireName PeerTube's name of a state
     * @return the state of that name, if there is one
     */
    public static Optional<JobState> fromWireName(String wireName) {
        for (JobState state : values()) {
            if (state.wireName.equals(wireName)) {
                return Optional.of(state);
            }
        }
        return Optional.empty();
    }
}
