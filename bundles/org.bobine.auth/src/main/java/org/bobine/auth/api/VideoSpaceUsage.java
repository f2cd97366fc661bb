package org.bobine.auth.api;

import java.time.Instant;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Reports how much video storage users take, for {@link VideoQuota}. Registered by the bundles that store
 * videos; when several are registered, their figures add up. PeerTube's rule: each video counts the size of
 * its largest file.
 */
@ConsumerType
public interface VideoSpaceUsage {

    /**
     * @param userId a local user
     * @param since count only videos created at or after this instant; {@code null} for all of them
     * @return the bytes the user's videos take
     */
    long bytesUsed(long userId, Instant since);
}
