package org.bobine.auth.api;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The local users, for bundles that keep data per user and must catch up with users created or deleted while
 * they were not running (the {@link UserLifecycle} listeners are only told of what happens while they are
 * registered).
 */
@ProviderType
public interface UserDirectory {

    /**
     * The local users in the order of their ids, with the default names of their account and channel.
     *
     * @param afterId only users whose id is greater; 0 for the first page
     * @param count the most users to return
     */
    List<CreatedUser> page(long afterId, int count);

    /** Whether a local user has this id. */
    boolean exists(long userId);
}
