package org.bobine.auth.api;

import jakarta.persistence.EntityManager;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Told of the creation and deletion of local users, inside the transaction that creates or deletes them: the
 * given entity manager is that transaction's (all contributed entities share one persistence unit), so what a
 * listener writes with it is committed with the user or not at all. A listener must not keep the entity
 * manager past the call.
 *
 * <p>A listener that throws aborts the operation: the transaction is rolled back and the exception reaches the
 * client (an {@code org.bobine.web.api.ApiException} keeps its status and message, for example a 409 when the
 * default channel's name is taken). Listeners are called in the order of their service ranking.
 */
@ConsumerType
public interface UserLifecycle {

    /**
     * Validates, before anything is written, that a user with these names could be created: for example
     * that no account or channel already has the name. Called for a registration request as for a direct
     * sign-up, possibly while the caller's transaction is open: a listener reads with its own means, not with
     * that transaction.
     *
     * @param username the user name (the account's name)
     * @param channelName the name of the default channel
     * @throws RuntimeException (an {@code ApiException}) when the names cannot be used
     */
    default void checkNames(String username, String channelName) {
    }

    /** The user was just inserted (the id is set) in {@code em}'s transaction. */
    void created(EntityManager em, CreatedUser user);

    /**
     * The user changed the public side of their profile, in {@code em}'s transaction.
     *
     * @param displayName the new display name of the user's account, or {@code null} when unchanged
     * @param description the new description of the user's account, or {@code null} when unchanged
     */
    void profileChanged(EntityManager em, long userId, String displayName, String description);

    /** The user with this id is about to be deleted in {@code em}'s transaction. */
    void deleting(EntityManager em, long userId);
}
