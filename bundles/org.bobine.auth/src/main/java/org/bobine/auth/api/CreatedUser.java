package org.bobine.auth.api;

/**
 * A local user who was just created, with what they asked for at sign-up.
 *
 * @param id the user's id
 * @param username the user name, which is also the name of the user's account
 * @param email the user's e-mail address
 * @param displayName the display name of the user's account
 * @param channelName the name (handle) of the user's default channel
 * @param channelDisplayName the display name of the user's default channel
 */
public record CreatedUser(long id, String username, String email, String displayName, String channelName,
        String channelDisplayName) {
}
