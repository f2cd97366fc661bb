package org.bobine.catalog.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Accounts and channels in PeerTube's JSON shapes. */
class CatalogJsonTest {

    static final Instant CREATED = Instant.parse("2024-05-06T07:08:09.123Z");

    static Account localAccount() {
        Actor actor = new Actor(Actor.PERSON, "alice", null, "https://videos.example.org/accounts/alice", CREATED);
        return new Account(actor, 7L, "Alice", CREATED);
    }

    @Test
    void aLocalAccountCarriesTheInstanceHostAndItsUser() {
        Map<String, Object> json = CatalogJson.account(localAccount(), "videos.example.org");
        assertThat(json).containsOnlyKeys("id", "url", "name", "host", "displayName", "description", "avatars",
                "hostRedundancyAllowed", "followingCount", "followersCount", "createdAt", "updatedAt", "userId");
        assertThat(json).containsEntry("url", "https://videos.example.org/accounts/alice")
                .containsEntry("name", "alice").containsEntry("host", "videos.example.org")
                .containsEntry("displayName", "Alice").containsEntry("avatars", List.of())
                .containsEntry("followersCount", 0).containsEntry("followingCount", 0)
                .containsEntry("createdAt", "2024-05-06T07:08:09.123Z").containsEntry("userId", 7L);
    }

    @Test
    void aRemoteAccountCarriesItsHostAndNoUser() {
        Actor actor = new Actor(Actor.PERSON, "bob", "peertube.example", "https://peertube.example/accounts/bob",
                CREATED);
        Map<String, Object> json = CatalogJson.account(new Account(actor, null, "Bob", CREATED), "videos.example.org");
        assertThat(json).containsEntry("host", "peertube.example").doesNotContainKey("userId");
    }

    @Test
    void aChannelCarriesItsOwner() {
        Actor actor = new Actor(Actor.GROUP, "alice_channel", null,
                "https://videos.example.org/video-channels/alice_channel", CREATED);
        VideoChannel channel = new VideoChannel(actor, localAccount(), "Main alice channel", "About", "Thanks",
                CREATED);
        Map<String, Object> json = CatalogJson.channel(channel, "videos.example.org");
        assertThat(json).containsOnlyKeys("id", "url", "name", "host", "displayName", "description", "support",
                "isLocal", "avatars", "banners", "hostRedundancyAllowed", "followingCount", "followersCount",
                "ownerAccount", "createdAt", "updatedAt");
        assertThat(json).containsEntry("name", "alice_channel").containsEntry("isLocal", true)
                .containsEntry("support", "Thanks").containsEntry("banners", List.of())
                .containsEntry("updatedAt", "2024-05-06T07:08:09.123Z");
        assertThat(((Map<?, ?>) json.get("ownerAccount")).get("name")).isEqualTo("alice");
    }

    @Test
    void datesAlwaysHaveMilliseconds() {
        assertThat(CatalogJson.date(Instant.parse("2024-01-01T00:00:00Z"))).isEqualTo("2024-01-01T00:00:00.000Z");
    }
}
