package org.bobine.web.api;

/**
 * The local user on whose behalf a request is made, as established from its bearer token by the instance's
 * {@link Authenticator}.
 *
 * @param id the user's id
 * @param username the user's name
 * @param role PeerTube's role number: {@link #ADMINISTRATOR}, {@link #MODERATOR} or {@link #USER}
 * @param nsfwPolicy how the user wants videos marked not safe for work: {@link #NSFW_DISPLAY},
 *        {@link #NSFW_BLUR} or {@link #NSFW_DO_NOT_LIST} (PeerTube's {@code nsfwPolicy})
 */
public record ApiUser(long id, String username, int role, String nsfwPolicy) {

    /** PeerTube's role number of administrators. */
    public static final int ADMINISTRATOR = 0;
    /** PeerTube's role number of moderators. */
    public static final int MODERATOR = 1;
    /** PeerTube's role number of users. */
    public static final int USER = 2;

    /** NSFW videos are listed and shown. */
    public static final String NSFW_DISPLAY = "display";
    /** NSFW videos are listed, their thumbnails blurred by the client. */
    public static final String NSFW_BLUR = "blur";
    /** NSFW videos are left out of lists unless asked for. */
    public static final String NSFW_DO_NOT_LIST = "do_not_list";

    /** A user with PeerTube's default NSFW policy, {@link #NSFW_DO_NOT_LIST}. */
    public ApiUser(long id, String username, int role) {
        this(id, username, role, NSFW_DO_NOT_LIST);
    }
}
