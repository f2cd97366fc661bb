package org.bobine.catalog.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Playlists in PeerTube's shapes: {@code VideoPlaylist}, and {@code VideoPlaylistElement} whose {@code type} says
 * whether its video can be shown. The playlist's owner account and channel must be loaded with their actors.
 * A playlist's {@code thumbnailPath} is its uploaded thumbnail, else the thumbnail of its first video that anyone may
 * see ({@link PlaylistRoutes}), else {@code null}.
 */
final class PlaylistJson {

    static final Map<Integer, String> TYPES = Map.of(VideoPlaylist.REGULAR, "Regular", VideoPlaylist.WATCH_LATER,
            "Watch later");

    /** PeerTube's element types: what an element shows of its video. */
    static final int ELEMENT_REGULAR = 0;
    static final int ELEMENT_DELETED = 1;
    static final int ELEMENT_PRIVATE = 2;
    static final int ELEMENT_UNAVAILABLE = 3;

    /** Where thumbnails are served, videos' and playlists' alike. */
    static final String THUMBNAILS_PATH = "/lazy-static/thumbnails/";

    private PlaylistJson() {
    }

    /** PeerTube's {@code VideoPlaylist}. */
    static Map<String, Object> playlist(VideoPlaylist playlist, long videosLength, String localHost) {
        return playlist(playlist, videosLength, null, localHost);
    }

    /**
     * PeerTube's {@code VideoPlaylist}.
     *
     * @param firstVideoThumbnail the thumbnail of the playlist's first video that anyone may see, shown when the
     *        playlist has none of its own; {@code null} when there is none
     */
    static Map<String, Object> playlist(VideoPlaylist playlist, long videosLength, String firstVideoThumbnail,
            String localHost) {
        Map<String, Object> json = new LinkedHashMap<>(20);
        json.put("id", playlist.id());
        json.put("uuid", playlist.uuid().toString());
        json.put("shortUUID", ShortUuid.encode(playlist.uuid()));
        json.put("isLocal", playlist.isLocal());
        json.put("url", playlist.url());
        json.put("displayName", playlist.displayName());
        json.put("description", playlist.description());
        json.put("privacy", VideoConstants.label(playlist.privacy(), VideoConstants.PLAYLIST_PRIVACIES));
        json.put("videosLength", videosLength);
        json.put("type", VideoConstants.label(playlist.type(), TYPES));
        String thumbnail = playlist.thumbnailName() != null ? playlist.thumbnailName() : firstVideoThumbnail;
        json.put("thumbnailPath", thumbnail == null ? null : THUMBNAILS_PATH + thumbnail);
        json.put("embedPath", "/video-playlists/embed/" + playlist.uuid());
        Account owner = playlist.ownerAccount();
        json.put("ownerAccount", summary(owner.id(), owner.displayName(), owner.actor(), localHost));
        VideoChannel channel = playlist.channel();
        json.put("videoChannel", channel == null ? null
                : summary(channel.id(), channel.displayName(), channel.actor(), localHost));
        json.put("createdAt", CatalogJson.date(playlist.createdAt()));
        json.put("updatedAt", CatalogJson.date(playlist.updatedAt()));
        return json;
    }

    /**
     * PeerTube's {@code VideoPlaylistElement}: {@code video} is the video as lists show it when the type is
     * {@link #ELEMENT_REGULAR}, otherwise {@code null}.
     */
    static Map<String, Object> element(VideoPlaylistElement element, int type, Map<String, Object> video) {
        Map<String, Object> json = new LinkedHashMap<>(8);
        json.put("id", element.id());
        json.put("position", element.position());
        json.put("startTimestamp", element.startTimestamp());
        json.put("stopTimestamp", element.stopTimestamp());
        json.put("type", type);
        json.put("video", type == ELEMENT_REGULAR ? video : null);
        return json;
    }

    /**
     * What an element shows to a viewer, as PeerTube decides: a removed video is deleted; the viewer's own videos,
     * and internal ones for any logged-in viewer, are shown; other private, internal and password-protected videos
     * are private; videos not published yet are unavailable.
     *
     * @param viewerAccountId the viewer's account, or {@code null} for an anonymous viewer
     */
    static int elementType(Video video, Long viewerAccountId) {
        if (video == null) {
            return ELEMENT_DELETED;
        }
        if (viewerAccountId != null && viewerAccountId.equals(video.channel().account().id())) {
            return ELEMENT_REGULAR;
        }
        int privacy = video.privacy();
        if (privacy == VideoConstants.INTERNAL && viewerAccountId != null) {
            return ELEMENT_REGULAR;
        }
        if (privacy == VideoConstants.PRIVATE || privacy == VideoConstants.INTERNAL
                || privacy == VideoConstants.PASSWORD_PROTECTED) {
            return ELEMENT_PRIVATE;
        }
        boolean published = video.state() == VideoConstants.PUBLISHED
                || (video.state() == VideoConstants.TO_TRANSCODE && !video.waitTranscoding());
        return published ? ELEMENT_REGULAR : ELEMENT_UNAVAILABLE;
    }

    /** PeerTube's {@code AccountSummary} and {@code VideoChannelSummary}. */
    private static Map<String, Object> summary(Long id, String displayName, Actor actor, String localHost) {
        Map<String, Object> json = new LinkedHashMap<>(8);
        json.put("id", id);
        json.put("name", actor.name());
        json.put("displayName", displayName);
        json.put("url", actor.url());
        json.put("host", actor.isLocal() ? localHost : actor.host());
        json.put("avatars", CatalogJson.images(actor, ActorImage.AVATAR));
        return json;
    }
}
