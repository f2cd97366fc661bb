package org.bobine.web.api;

/**
 * The local user on whose behalf a request is made, as established from its bearer token by the instance's
 * {@link Authenticator}.
 *
 * @param id the user's id
 * @param username the user's name
 * @param role PeerTube's role number: {@link #ADMINISTRATOR}, {@link #MODERATOR} or {@link #USER}
 */
public record ApiUser(long id, String username, int role) {

    /** PeerTube's role number of administrators. */
    public static final int ADMINISTRATOR = 0;
    /** PeerTube's role number of moderators. */
    public static final int MODERATOR = 1;
    /** PeerTube's role number of users. */
    public static final int USER = 2;
}
