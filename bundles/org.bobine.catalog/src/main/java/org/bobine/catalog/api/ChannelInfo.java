package org.bobine.catalog.api;

import java.time.Instant;

/**
 * The public data of a video channel.
 *
 * @param actor its name, host, display name and avatar
 * @param description its description, as markdown, or {@code null}
 * @param support its support text, as markdown, or {@code null}
 * @param owner the account that owns it
 * @param createdAt when it was created
 */
public record ChannelInfo(ActorSummary actor, String description, String support, ActorSummary owner,
        Instant createdAt) {
}
