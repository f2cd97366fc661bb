package org.bobine.web.api;

/**
 * PeerTube's user rights, with PeerTube's numbers. Administrators have every right; moderators the rights of
 * {@link #MODERATOR_RIGHTS}; users none (they act on their own objects only). Endpoints check them with
 * {@link ApiRequest#requireRight(UserRight)}.
 */
public enum UserRight {
    /** Every right (administrators). */
    ALL(0),
    MANAGE_USERS(1),
    MANAGE_SERVER_FOLLOW(2),
    MANAGE_LOGS(3),
    MANAGE_DEBUG(4),
    MANAGE_SERVER_REDUNDANCY(5),
    MANAGE_ABUSES(6),
    MANAGE_JOBS(7),
    MANAGE_CONFIGURATION(8),
    MANAGE_INSTANCE_CUSTOM_PAGE(9),
    MANAGE_ACCOUNTS_BLOCKLIST(10),
    MANAGE_SERVERS_BLOCKLIST(11),
    MANAGE_VIDEO_BLACKLIST(12),
    MANAGE_ANY_VIDEO_CHANNEL(13),
    REMOVE_ANY_VIDEO(14),
    REMOVE_ANY_VIDEO_PLAYLIST(15),
    MANAGE_ANY_VIDEO_COMMENT(16),
    UPDATE_ANY_VIDEO(17),
    UPDATE_ANY_VIDEO_PLAYLIST(18),
    GET_ANY_LIVE(19),
    SEE_ALL_VIDEOS(20),
    SEE_ALL_COMMENTS(21),
    CHANGE_VIDEO_OWNERSHIP(22),
    MANAGE_PLUGINS(23),
    MANAGE_VIDEOS_REDUNDANCIES(24),
    MANAGE_VIDEO_FILES(25),
    RUN_VIDEO_TRANSCODING(26),
    MANAGE_VIDEO_IMPORTS(27),
    MANAGE_REGISTRATIONS(28),
    MANAGE_RUNNERS(29),
    MANAGE_USER_EXPORTS(30),
    MANAGE_USER_IMPORTS(31),
    MANAGE_INSTANCE_WATCHED_WORDS(32),
    MANAGE_INSTANCE_AUTO_TAGS(33);

    /** The rights of moderators, as PeerTube gives them. */
    public static final java.util.Set<UserRight> MODERATOR_RIGHTS = java.util.Collections.unmodifiableSet(
            java.util.EnumSet.of(MANAGE_VIDEO_BLACKLIST, MANAGE_ABUSES, MANAGE_ANY_VIDEO_CHANNEL, REMOVE_ANY_VIDEO,
                    REMOVE_ANY_VIDEO_PLAYLIST, MANAGE_ANY_VIDEO_COMMENT, UPDATE_ANY_VIDEO, SEE_ALL_VIDEOS,
                    MANAGE_ACCOUNTS_BLOCKLIST, MANAGE_SERVERS_BLOCKLIST, MANAGE_USERS, SEE_ALL_COMMENTS,
                    MANAGE_REGISTRATIONS, MANAGE_INSTANCE_WATCHED_WORDS, MANAGE_INSTANCE_AUTO_TAGS));

    private final int id;

    UserRight(int id) {
        this.id = id;
    }

    /** @return PeerTube's number of this right */
    public int id() {
        return id;
    }

    /**
     * @param role PeerTube's role number ({@link ApiUser#ADMINISTRATOR}, {@link ApiUser#MODERATOR},
     *        {@link ApiUser#USER})
     * @return whether a user of that role has this right
     */
    public boolean grantedTo(int role) {
        return role == ApiUser.ADMINISTRATOR || role == ApiUser.MODERATOR && MODERATOR_RIGHTS.contains(this);
    }
}
