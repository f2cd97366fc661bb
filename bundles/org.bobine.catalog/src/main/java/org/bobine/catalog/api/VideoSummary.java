package org.bobine.catalog.api;

import java.time.Instant;

/**
 * A video as lists show it.
 *
 * @param id the video's number on this instance
 * @param uuid its UUID
 * @param shortUuid its short UUID, as the {@code /w/{shortUUID}} paths use it
 * @param name its title
 * @param duration in seconds
 * @param views its view count
 * @param likes its likes
 * @param dislikes its dislikes
 * @param publishedAt when it was published
 * @param thumbnailPath the path of its thumbnail on this instance, or {@code null} while it has none
 * @param previewPath the path of its larger preview image, or {@code null} while it has none
 * @param local whether it was uploaded to this instance
 * @param nsfw whether it is marked sensitive
 * @param channel the channel it is published in
 * @param account the channel's owner
 */
public record VideoSummary(long id, String uuid, String shortUuid, String name, int duration, long views, int likes,
        int dislikes, Instant publishedAt, String thumbnailPath, String previewPath, boolean local, boolean nsfw,
        ActorSummary channel, ActorSummary account) {
}
