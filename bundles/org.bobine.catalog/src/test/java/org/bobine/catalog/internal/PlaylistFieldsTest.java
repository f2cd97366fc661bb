package org.bobine.catalog.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;

import org.bobine.web.api.ApiException;
import org.junit.jupiter.api.Test;

/** PeerTube's rules for playlist, element and reorder bodies. */
class PlaylistFieldsTest {

    static Map<String, String> invalid(Runnable call) {
        try {
            call.run();
        } catch (ApiException e) {
            assertThat(e.status()).isEqualTo(400);
            return e.invalidParams();
        }
        throw new AssertionError("accepted");
    }

    @Test
    void aPlaylistIsPrivateWithoutChannelByDefault() {
        PlaylistFields.NewPlaylist playlist = PlaylistFields.forCreation(Map.of("displayName", "Mine"));
        assertThat(playlist).isEqualTo(new PlaylistFields.NewPlaylist("Mine", null, VideoConstants.PRIVATE, null));
        assertThat(PlaylistFields.forCreation(Map.of("displayName", "x", "privacy", "1", "videoChannelId", "7",
                "description", "Long enough"))).isEqualTo(new PlaylistFields.NewPlaylist("x", "Long enough", 1, 7L));
    }

    @Test
    void fieldsOutsidePeerTubesLimitsAreRefusedByName() {
        assertThat(invalid(() -> PlaylistFields.forCreation(Map.of()))).containsOnlyKeys("displayName");
        assertThat(invalid(() -> PlaylistFields.forCreation(Map.of("displayName", "")))).containsKey("displayName");
        assertThat(invalid(() -> PlaylistFields.forCreation(Map.of("displayName", "x".repeat(121)))))
                .containsKey("displayName");
        PlaylistFields.forCreation(Map.of("displayName", "x".repeat(120)));
        assertThat(invalid(() -> PlaylistFields.forCreation(Map.of("displayName", "x", "description", "ab"))))
                .containsOnlyKeys("description");
        assertThat(invalid(() -> PlaylistFields.forCreation(Map.of("displayName", "x", "description",
                "x".repeat(1001))))).containsOnlyKeys("description");
        assertThat(invalid(() -> PlaylistFields.forCreation(Map.of("displayName", "x", "privacy", 4))))
                .containsOnlyKeys("privacy");
        assertThat(invalid(() -> PlaylistFields.forCreation(Map.of("displayName", "x", "videoChannelId", "a"))))
                .containsOnlyKeys("videoChannelId");
    }

    @Test
    void aPlaylistThatIsNotPrivateNeedsAChannel() {
        assertThatThrownBy(() -> PlaylistFields.forCreation(Map.of("displayName", "x", "privacy", 1)))
                .isInstanceOf(ApiException.class).extracting(e -> ((ApiException) e).status()).isEqualTo(400);
        assertThatThrownBy(() -> PlaylistFields.forCreation(Map.of("displayName", "x", "privacy", 2)))
                .isInstanceOf(ApiException.class);
    }

    @Test
    void anUpdateKeepsWhatIsNotGiven() {
        assertThat(PlaylistFields.forUpdate(Map.of())).isEqualTo(new PlaylistFields.PlaylistUpdate(null, false, null,
                null, false, null));
        Map<String, Object> body = new HashMap<>();
        body.put("description", null);
        body.put("videoChannelId", null);
        body.put("privacy", 3);
        assertThat(PlaylistFields.forUpdate(body)).isEqualTo(new PlaylistFields.PlaylistUpdate(null, true, null, 3,
                true, null));
    }

    @Test
    void elementsHaveAVideoAndTimestampsOfZeroOrMore() {
        assertThat(PlaylistFields.forNewElement(Map.of("videoId", 12, "startTimestamp", 0, "stopTimestamp", "40")))
                .isEqualTo(new PlaylistFields.NewElement("12", 0, 40));
        assertThat(invalid(() -> PlaylistFields.forNewElement(Map.of("startTimestamp", -1))))
                .containsOnlyKeys("videoId", "startTimestamp");
        assertThat(invalid(() -> PlaylistFields.forNewElement(Map.of("videoId", "x", "stopTimestamp", 1.5))))
                .containsOnlyKeys("stopTimestamp");
        assertThat(PlaylistFields.forElementUpdate(Map.of("stopTimestamp", 9)))
                .isEqualTo(new PlaylistFields.ElementUpdate(false, null, true, 9));
    }

    @Test
    void aReorderHasAStartAPlaceAndALength() {
        assertThat(PlaylistFields.forReorder(Map.of("startPosition", 2, "insertAfterPosition", 0)))
                .isEqualTo(new PlaylistFields.Reorder(2, 0, 1));
        assertThat(invalid(() -> PlaylistFields.forReorder(Map.of("startPosition", 0, "insertAfterPosition", -1,
                "reorderLength", 0)))).containsOnlyKeys("startPosition", "insertAfterPosition", "reorderLength");
    }
}
