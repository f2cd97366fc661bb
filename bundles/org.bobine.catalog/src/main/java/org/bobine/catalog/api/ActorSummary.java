package org.bobine.catalog.api;

/**
 * An account or a channel as a list or a page names it.
 *
 * @param name the actor's name, unique on its host (for example {@code root_channel})
 * @param host the host it belongs to; this instance's host for local actors
 * @param displayName the name people see
 * @param avatarPath the path of its largest avatar on this instance, or {@code null} when it has none
 * @param local whether it belongs to this instance
 */
public record ActorSummary(String name, String host, String displayName, String avatarPath, boolean local) {

    /** @return {@code name} for a local actor, {@code name@host} for a remote one, as page paths use them */
    public String handle() {
        return local ? name : name + "@" + host;
    }
}
