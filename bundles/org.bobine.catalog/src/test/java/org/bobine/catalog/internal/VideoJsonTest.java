package org.bobine.catalog.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** Videos in PeerTube's JSON shapes, field by field. */
class VideoJsonTest {

    static final Instant CREATED = CatalogJsonTest.CREATED;
    static final UUID UUID_ = UUID.fromString("9c9de5e8-0a1e-484a-b099-e80766180a6d");
    static final String BASE = "https://videos.example.org";
    static final String HOST = "videos.example.org";

    static Video video(int privacy, String description) {
        Actor actor = new Actor(Actor.GROUP, "alice_channel", null, BASE + "/video-channels/alice_channel", CREATED);
        VideoChannel channel = new VideoChannel(actor, CatalogJsonTest.localAccount(), "Main alice channel", null,
                null, CREATED);
        VideoFields.Metadata metadata = new VideoFields.Metadata("Birds", description, "Thanks", 16, null, "fr",
                privacy, false, 2, true, false, null, null, null, List.of("owl"), List.of());
        return new Video(UUID_, channel, BASE + "/videos/watch/" + UUID_, metadata, VideoConstants.PUBLISHED, 42,
                1.7778, CREATED);
    }

    static VideoFile file(Video video, int resolution) {
        return new VideoFile(video, new Videos.WebVideoFile(resolution, null, resolution, 1000L * resolution, 30,
                "mp4", "key-" + resolution), "f-" + resolution + ".mp4", CREATED);
    }

    static final String[] VIDEO_FIELDS = {"id", "uuid", "shortUUID", "url", "name", "category", "licence", "language",
        "privacy", "nsfw", "truncatedDescription", "description", "isLocal", "duration", "aspectRatio", "views",
        "viewers", "likes", "dislikes", "thumbnailPath", "previewPath", "embedPath", "createdAt", "updatedAt",
        "publishedAt", "originallyPublishedAt", "isLive", "account", "channel"};

    @Test
    void aListItemHasTheFieldsOfPeerTubesVideo() {
        Video video = video(VideoConstants.PUBLIC, "x".repeat(300));
        Map<String, Object> json = VideoJson.video(video, BASE, HOST, VideoJson.Extras.NONE, List.of());
        assertThat(json).containsOnlyKeys(VIDEO_FIELDS);
        assertThat(json).containsEntry("uuid", UUID_.toString()).containsEntry("shortUUID", "kkGMgK9ZtnKfYAgnEtQxbv")
                .containsEntry("url", BASE + "/videos/watch/" + UUID_).containsEntry("name", "Birds")
                .containsEntry("category", Map.of("id", 16, "label", "Animals"))
                .containsEntry("privacy", Map.of("id", 1, "label", "Public"))
                .containsEntry("language", Map.of("id", "fr", "label", "French"))
                .containsEntry("isLocal", true).containsEntry("duration", 42).containsEntry("aspectRatio", 1.7778)
                .containsEntry("views", 0L).containsEntry("embedPath", "/videos/embed/" + UUID_)
                .containsEntry("publishedAt", "2024-05-06T07:08:09.123Z").containsEntry("originallyPublishedAt", null)
                .containsEntry("isLive", false);
        assertThat(CatalogTest.<Map<String, Object>>at(json, "licence")).containsEntry("id", null)
                .containsEntry("label", "Unknown");
        assertThat((String) json.get("description")).hasSize(250).endsWith("...");
        assertThat(json.get("truncatedDescription")).isEqualTo(json.get("description"));
        assertThat(CatalogTest.<Map<String, Object>>at(json, "channel")).containsOnlyKeys("id", "name",
                "displayName", "url", "host", "avatars").containsEntry("name", "alice_channel")
                .containsEntry("host", HOST);
        assertThat(CatalogTest.<Map<String, Object>>at(json, "account")).containsEntry("name", "alice")
                .containsEntry("displayName", "Alice");

        Map<String, Object> more = VideoJson.video(video, BASE, HOST, new VideoJson.Extras(true, true),
                List.of(file(video, 720)));
        assertThat(more).containsKeys("state", "waitTranscoding", "scheduledUpdate", "files", "streamingPlaylists");
        assertThat((List<?>) more.get("files")).hasSize(1);
    }

    @Test
    void detailsAddPeerTubesVideoDetailsFields() {
        Video video = video(VideoConstants.PUBLIC, "Hawks");
        Map<String, Object> json = VideoJson.details(video, List.of("owl"), List.of(file(video, 480),
                file(video, 1080)), BASE, HOST);
        assertThat(json).containsKeys(VIDEO_FIELDS).containsKeys("descriptionPath", "support", "tags",
                "commentsEnabled", "commentsPolicy", "downloadEnabled", "waitTranscoding", "state", "scheduledUpdate",
                "inputFileUpdatedAt", "trackerUrls", "files", "streamingPlaylists");
        assertThat(json).containsEntry("description", "Hawks").containsEntry("support", "Thanks")
                .containsEntry("descriptionPath", "/api/v1/videos/" + UUID_ + "/description")
                .containsEntry("tags", List.of("owl")).containsEntry("commentsEnabled", false)
                .containsEntry("commentsPolicy", Map.of("id", 2, "label", "Disabled"))
                .containsEntry("state", Map.of("id", 1, "label", "Published"))
                .containsEntry("trackerUrls", List.of("wss://videos.example.org/tracker/socket",
                        "https://videos.example.org/tracker/announce"))
                .containsEntry("streamingPlaylists", List.of());
        assertThat(CatalogTest.<Map<String, Object>>at(json, "channel")).containsKey("ownerAccount");
        List<Map<String, Object>> files = CatalogTest.at(json, "files");
        assertThat(files).extracting(f -> f.get("resolution")).containsExactly(
                Map.of("id", 1080, "label", "1080p"), Map.of("id", 480, "label", "480p"));
        assertThat(files.get(0)).containsOnlyKeys("id", "resolution", "magnetUri", "size", "fps", "width", "height",
                "torrentUrl", "torrentDownloadUrl", "fileUrl", "fileDownloadUrl", "metadataUrl", "storage");
        assertThat(files.get(0)).containsEntry("size", 1_080_000L).containsEntry("fps", 30)
                .containsEntry("fileUrl", BASE + "/static/web-videos/f-1080.mp4")
                .containsEntry("fileDownloadUrl", BASE + "/download/web-videos/f-1080.mp4")
                .containsEntry("torrentUrl", null).containsEntry("magnetUri", null).containsEntry("storage", 0);
    }

    @Test
    void filesOfPrivateVideosAreUnderThePrivatePath() {
        Video video = video(VideoConstants.PRIVATE, null);
        List<Map<String, Object>> files = VideoJson.files(video, List.of(file(video, 720)), BASE);
        assertThat(files.get(0)).containsEntry("fileUrl", BASE + "/static/web-videos/private/f-720.mp4");
    }
}
