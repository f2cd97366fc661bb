package org.bobine.auth.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The users' video quotas: {@code videoQuota} in all and {@code videoQuotaDaily} over the last 24 hours, in
 * bytes, {@code -1} for no limit. Uploads and imports ask it before they store the first byte.
 */
@ProviderType
public interface VideoQuota {

    /** What a user uses now, in bytes. */
    record Usage(long total, long lastDay) {
    }

    /**
     * Whether the user may add {@code bytes} more of video now, that is whether the total and the last 24
     * hours' usage would both stay within the user's quotas.
     *
     * @throws IllegalArgumentException when no such user exists
     */
    boolean mayAdd(long userId, long bytes);

    /** What the user uses now. */
    Usage used(long userId);
}
