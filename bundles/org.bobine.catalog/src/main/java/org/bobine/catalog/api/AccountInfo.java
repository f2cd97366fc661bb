package org.bobine.catalog.api;

import java.time.Instant;

/**
 * The public data of an account.
 *
 * @param actor its name, host, display name and avatar
 * @param description its description, as markdown, or {@code null}
 * @param createdAt when it was created
 */
public record AccountInfo(ActorSummary actor, String description, Instant createdAt) {
}
