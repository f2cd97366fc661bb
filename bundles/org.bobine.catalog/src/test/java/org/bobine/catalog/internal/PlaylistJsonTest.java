package org.bobine.catalog.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** Playlists and their elements, field by field, in PeerTube's shapes. */
class PlaylistJsonTest {

    static final Instant CREATED = Instant.parse("2026-03-01T10:00:00.123Z");

    @Test
    void aPlaylistHasPeerTubesFieldsInOrder() {
        Actor actor = new Actor(Actor.PERSON, "alice", null, "https://videos.example.org/accounts/alice", CREATED);
        Account alice = new Account(actor, 1L, "Alice", CREATED);
        UUID uuid = UUID.fromString("9c9de5e8-0a1e-484a-b099-e80766180a6d");
        VideoPlaylist playlist = new VideoPlaylist(uuid, "https://videos.example.org/video-playlists/" + uuid, alice,
                null, "Watch later", null, VideoConstants.PRIVATE, VideoPlaylist.WATCH_LATER, CREATED);

        Map<String, Object> json = PlaylistJson.playlist(playlist, 3, "videos.example.org");
        assertThat(json.keySet()).containsExactly("id", "uuid", "shortUUID", "isLocal", "url", "displayName",
                "description", "privacy", "videosLength", "type", "thumbnailPath", "embedPath", "ownerAccount",
                "videoChannel", "createdAt", "updatedAt");
        assertThat(json).containsEntry("uuid", uuid.toString()).containsEntry("shortUUID", ShortUuid.encode(uuid))
                .containsEntry("isLocal", true).containsEntry("videosLength", 3L)
                .containsEntry("privacy", Map.of("id", 3, "label", "Private"))
                .containsEntry("type", Map.of("id", 2, "label", "Watch later"))
                .containsEntry("thumbnailPath", null).containsEntry("videoChannel", null)
                .containsEntry("embedPath", "/video-playlists/embed/" + uuid)
                .containsEntry("createdAt", "2026-03-01T10:00:00.123Z");
        assertThat(CatalogTest.<Map<String, Object>>at(json, "ownerAccount")).containsEntry("name", "alice")
                .containsEntry("displayName", "Alice").containsEntry("host", "videos.example.org")
                .containsEntry("url", "https://videos.example.org/accounts/alice")
                .containsEntry("avatars", List.of()).containsOnlyKeys("id", "name", "displayName", "url", "host",
                        "avatars");
    }

    @Test
    void anElementShowsItsVideoOnlyWhenRegular() {
        VideoPlaylistElement element = new VideoPlaylistElement(null, null, 2, 5, null, CREATED);
        Map<String, Object> json = PlaylistJson.element(element, PlaylistJson.ELEMENT_DELETED, Map.of("id", 1));
        assertThat(json.keySet()).containsExactly("id", "position", "startTimestamp", "stopTimestamp", "type",
                "video");
        assertThat(json).containsEntry("position", 2).containsEntry("startTimestamp", 5)
                .containsEntry("stopTimestamp", null).containsEntry("type", 1).containsEntry("video", null);
        assertThat(PlaylistJson.element(element, PlaylistJson.ELEMENT_REGULAR, Map.of("id", 1)))
                .containsEntry("video", Map.of("id", 1)).containsEntry("type", 0);
        assertThat(PlaylistJson.elementType(null, 1L)).isEqualTo(PlaylistJson.ELEMENT_DELETED);
    }
}
