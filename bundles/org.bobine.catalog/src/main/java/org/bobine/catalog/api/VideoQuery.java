package org.bobine.catalog.api;

/**
 * Which videos a list shows, in which order, and which page of them.
 *
 * @param sort the order
 * @param localOnly only the videos uploaded to this instance
 * @param start how many videos of the list to skip, at least 0
 * @param count how many to return, 1 to {@link #MAX_COUNT}
 */
public record VideoQuery(Sort sort, boolean localOnly, int start, int count) {

    /** The largest page, as in the REST API. */
    public static final int MAX_COUNT = 100;

    /** The orders of video lists. */
    public enum Sort {
        /** The most recently published first. */
        RECENT,
        /** The most viewed over the instance's trending interval first. */
        TRENDING,
        /** PeerTube's "hot" order: views and likes, weighted towards recent videos. */
        HOT,
        /** The most viewed of all time first. */
        MOST_VIEWED,
        /** The most liked first. */
        MOST_LIKED
    }

    /**
     * @throws IllegalArgumentException when {@code sort} is missing, {@code start} is negative or {@code count}
     *         is outside 1 to {@link #MAX_COUNT}
     */
    public VideoQuery {
        if (sort == null) {
            throw new IllegalArgumentException("a video list needs a sort");
        }
        if (start < 0) {
            throw new IllegalArgumentException("start must be 0 or more, not " + start);
        }
        if (count < 1 || count > MAX_COUNT) {
            throw new IllegalArgumentException("count must be 1 to " + MAX_COUNT + ", not " + count);
        }
    }
}
