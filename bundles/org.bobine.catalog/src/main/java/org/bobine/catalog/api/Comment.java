package org.bobine.catalog.api;

import java.time.Instant;

/**
 * A comment that starts a thread under a video.
 *
 * @param id its number
 * @param author its author's account, or {@code null} when the comment was deleted
 * @param html its text rendered to HTML that is safe to insert in a page (raw HTML escaped, links to http, https
 *        and mailto targets only, no images); empty when the comment was deleted
 * @param createdAt when it was written
 * @param replies how many replies the thread has
 */
public record Comment(long id, ActorSummary author, String html, Instant createdAt, long replies) {
}
