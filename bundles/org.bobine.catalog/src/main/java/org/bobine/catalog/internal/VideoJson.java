package org.bobine.catalog.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bobine.p2p.api.P2pLinks;

/**
 * Videos in PeerTube's shapes: {@code Video} in lists, {@code VideoDetails} for one video. The video's channel,
 * its actor, its account and the account's actor must be loaded; tags and files are given apart, loaded a page
 * at a time; the actors' images are best loaded for the whole page beforehand ({@link Videos#loadImages}), as
 * otherwise each actor loads its own.
 * Thumbnails, previews, torrents and HLS playlists are absent until they exist.
 */
final class VideoJson {

    /** The length of PeerTube's truncated descriptions, ellipsis included. */
    static final int TRUNCATED_DESCRIPTION = 250;

    private VideoJson() {
    }

    /**
     * What a list item adds to PeerTube's {@code Video}.
     *
     * @param state {@code state}, {@code waitTranscoding} and {@code scheduledUpdate}
     * @param files {@code files} and {@code streamingPlaylists}
     */
    record Extras(boolean state, boolean files) {
        static final Extras NONE = new Extras(false, false);
    }

    /** PeerTube's {@code Video}, as lists show it. */
    static Map<String, Object> video(Video video, String baseUrl, String localHost, Extras extras,
            List<VideoFile> files) {
        Map<String, Object> json = common(video, baseUrl, localHost);
        json.put("account", summary(video.channel().account().id(), video.channel().account().displayName(),
                video.channel().account().actor(), localHost));
        json.put("channel", summary(video.channel().id(), video.channel().displayName(), video.channel().actor(),
                localHost));
        if (extras.state()) {
            json.put("state", VideoConstants.label(video.state(), VideoConstants.STATES));
            json.put("waitTranscoding", video.waitTranscoding());
            json.put("scheduledUpdate", scheduledUpdate(video));
        }
        if (extras.files()) {
            json.put("files", files(video, files, baseUrl));
            json.put("streamingPlaylists", streamingPlaylists(video, files, baseUrl));
        }
        return json;
    }

    /** PeerTube's {@code VideoDetails}. */
    static Map<String, Object> details(Video video, List<String> tags, List<VideoFile> files, String baseUrl,
            String localHost) {
        Map<String, Object> json = common(video, baseUrl, localHost);
        json.put("description", video.description());
        json.put("descriptionPath", "/api/v1/videos/" + video.uuid() + "/description");
        json.put("support", video.support());
        json.put("account", CatalogJson.account(video.channel().account(), localHost));
        json.put("channel", CatalogJson.channel(video.channel(), localHost));
        json.put("tags", tags);
        json.put("commentsEnabled", video.commentsPolicy() != VideoConstants.COMMENTS_DISABLED);
        json.put("commentsPolicy", VideoConstants.label(video.commentsPolicy(), VideoConstants.COMMENTS_POLICIES));
        json.put("downloadEnabled", video.downloadEnabled());
        json.put("waitTranscoding", video.waitTranscoding());
        json.put("state", VideoConstants.label(video.state(), VideoConstants.STATES));
        json.put("scheduledUpdate", scheduledUpdate(video));
        json.put("inputFileUpdatedAt", null);
        json.put("trackerUrls", P2pLinks.trackerUrls(baseUrl));
        json.put("files", files(video, files, baseUrl));
        json.put("streamingPlaylists", streamingPlaylists(video, files, baseUrl));
        return json;
    }

    private static Map<String, Object> common(Video video, String baseUrl, String localHost) {
        Map<String, Object> json = new LinkedHashMap<>(48);
        String description = truncated(video.description());
        json.put("id", video.id());
        json.put("uuid", video.uuid().toString());
        json.put("shortUUID", ShortUuid.encode(video.uuid()));
        json.put("url", video.url());
        json.put("name", video.name());
        json.put("category", VideoConstants.label(video.category(), VideoConstants.CATEGORIES));
        json.put("licence", VideoConstants.label(video.licence(), VideoConstants.LICENCES));
        json.put("language", VideoConstants.label(video.language(), VideoConstants.LANGUAGES));
        json.put("privacy", VideoConstants.label(video.privacy(), VideoConstants.PRIVACIES));
        json.put("nsfw", video.nsfw());
        json.put("truncatedDescription", description);
        json.put("description", description);
        json.put("isLocal", video.isLocal());
        json.put("duration", video.duration());
        json.put("aspectRatio", video.aspectRatio());
        json.put("views", video.views());
        json.put("viewers", 0);
        json.put("likes", video.likes());
        json.put("dislikes", video.dislikes());
        json.put("thumbnailPath", video.thumbnailName() == null ? null
                : "/lazy-static/thumbnails/" + video.thumbnailName());
        json.put("previewPath", video.previewName() == null ? null : "/lazy-static/previews/" + video.previewName());
        json.put("embedPath", "/videos/embed/" + video.uuid());
        json.put("createdAt", CatalogJson.date(video.createdAt()));
        json.put("updatedAt", CatalogJson.date(video.updatedAt()));
        json.put("publishedAt", CatalogJson.date(video.publishedAt()));
        json.put("originallyPublishedAt", CatalogJson.date(video.originallyPublishedAt()));
        json.put("isLive", false);
        return json;
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

    private static Map<String, Object> scheduledUpdate(Video video) {
        if (video.scheduleUpdateAt() == null) {
            return null;
        }
        Map<String, Object> json = new LinkedHashMap<>(2);
        json.put("updateAt", CatalogJson.date(video.scheduleUpdateAt()));
        json.put("privacy", video.schedulePrivacy());
        return json;
    }

    /** The web-video files (those of no playlist), largest resolution first. */
    static List<Map<String, Object>> files(Video video, List<VideoFile> files, String baseUrl) {
        return files(video, files.stream().filter(file -> file.playlist() == null).toList(), baseUrl,
                "/static/web-videos/", "/download/web-videos/");
    }

    /**
     * PeerTube's {@code streamingPlaylists}: the video's HLS playlist with its files, largest resolution first;
     * empty when it has none.
     */
    static List<Map<String, Object>> streamingPlaylists(Video video, List<VideoFile> files, String baseUrl) {
        List<VideoFile> hls = files.stream().filter(file -> file.playlist() != null).toList();
        if (hls.isEmpty()) {
            return List.of();
        }
        VideoStreamingPlaylist playlist = hls.get(0).playlist();
        String folder = "/static/streaming-playlists/hls/" + (VideoFilesServlet.isHidden(video.privacy())
                ? "private/" : "") + video.uuid() + "/";
        Map<String, Object> json = new LinkedHashMap<>(8);
        json.put("id", playlist.id());
        json.put("type", VideoStreamingPlaylist.HLS);
        json.put("playlistUrl", baseUrl + folder + playlist.masterFilename());
        json.put("segmentsSha256Url", baseUrl + folder + playlist.segmentsSha256Filename());
        json.put("redundancies", List.of());
        json.put("files", files(video, hls, baseUrl, folder, "/download/streaming-playlists/hls/videos/"));
        return List.of(json);
    }

    private static List<Map<String, Object>> files(Video video, List<VideoFile> files, String baseUrl,
            String folder, String downloadFolder) {
        List<VideoFile> sorted = new ArrayList<>(files);
        sorted.sort(Comparator.comparingInt(VideoFile::resolution).reversed());
        boolean hidden = video.privacy() == VideoConstants.PRIVATE || video.privacy() == VideoConstants.INTERNAL
                || video.privacy() == VideoConstants.PASSWORD_PROTECTED;
        boolean webVideos = folder.equals("/static/web-videos/");
        List<Map<String, Object>> json = new ArrayList<>(sorted.size());
        for (VideoFile file : sorted) {
            Map<String, Object> f = new LinkedHashMap<>(16);
            f.put("id", file.id());
            f.put("resolution", Map.of("id", file.resolution(), "label",
                    VideoConstants.resolutionLabel(file.resolution())));
            f.put("magnetUri", null);
            f.put("size", file.size());
            f.put("fps", file.fps());
            f.put("width", file.width());
            f.put("height", file.height());
            f.put("torrentUrl", null);
            f.put("torrentDownloadUrl", null);
            if (file.url() != null) {
                f.put("fileUrl", file.url());
                f.put("fileDownloadUrl", file.url());
            } else {
                f.put("fileUrl", baseUrl + (hidden && webVideos ? folder + "private/" : folder) + file.filename());
                f.put("fileDownloadUrl", baseUrl + downloadFolder + file.filename());
            }
            putTorrent(f, video, file, baseUrl, hidden);
            f.put("metadataUrl", baseUrl + "/api/v1/videos/" + video.uuid() + "/metadata/" + file.id());
            f.put("storage", file.url() != null ? null : 0);
            json.add(f);
        }
        return json;
    }

    /** A file's torrent and magnet link, once the P2P bundle has made its torrent. */
    private static void putTorrent(Map<String, Object> f, Video video, VideoFile file, String baseUrl,
            boolean hidden) {
        if (file.torrentFilename() == null || file.infoHash() == null) {
            return;
        }
        String torrentUrl = P2pLinks.torrentUrl(baseUrl, file.torrentFilename());
        f.put("torrentUrl", torrentUrl);
        f.put("torrentDownloadUrl", P2pLinks.torrentDownloadUrl(baseUrl, file.torrentFilename()));
        f.put("magnetUri", P2pLinks.magnetUri(torrentUrl, file.infoHash(), video.name(),
                P2pLinks.trackerUrls(baseUrl), hidden ? List.of() : List.of((String) f.get("fileUrl"))));
    }

    /** PeerTube's truncation: at most 250 characters, the last three an ellipsis when cut. */
    static String truncated(String description) {
        if (description == null || description.length() <= TRUNCATED_DESCRIPTION) {
            return description;
        }
        return description.substring(0, TRUNCATED_DESCRIPTION - 3) + "...";
    }
}
