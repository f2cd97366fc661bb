package org.bobine.catalog.api;

import java.util.List;

/**
 * One page of a video list.
 *
 * @param total how many videos the whole list has
 * @param videos the videos of this page, in the list's order
 */
public record VideoPage(long total, List<VideoSummary> videos) {

    /** Copies the list, so that a page never changes after it is made. */
    public VideoPage {
        videos = List.copyOf(videos);
    }
}
