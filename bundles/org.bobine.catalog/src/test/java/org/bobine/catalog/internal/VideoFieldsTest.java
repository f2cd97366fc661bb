package org.bobine.catalog.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.bobine.web.api.ApiException;
import org.junit.jupiter.api.Test;

/** PeerTube's limits and messages for the metadata of videos, each failure naming its field. */
class VideoFieldsTest {

    static Map<String, String> invalid(Map<String, ?> body) {
        try {
            VideoFields.forCreation(body);
        } catch (ApiException e) {
            assertThat(e.status()).isEqualTo(400);
            return e.invalidParams();
        }
        return Map.of();
    }

    @Test
    void anUploadWithANameOnlyTakesPeerTubesDefaults() {
        VideoFields.Metadata m = VideoFields.forCreation(Map.of("name", "Birds"));
        assertThat(m).isEqualTo(VideoFields.Metadata.defaults("Birds"));
        assertThat(m.privacy()).isEqualTo(VideoConstants.PRIVATE);
        assertThat(m.commentsPolicy()).isEqualTo(VideoConstants.COMMENTS_ENABLED);
        assertThat(m.downloadEnabled()).isTrue();
        assertThat(m.nsfw()).isFalse();
        assertThat(m.waitTranscoding()).isFalse();
        assertThat(m.tags()).isEmpty();
    }

    @Test
    void everyFieldIsReadFromJsonOrFromFormStrings() {
        Map<String, Object> json = new HashMap<>();
        json.put("name", "Birds of prey");
        json.put("description", "Hawks and owls");
        json.put("support", "Thanks");
        json.put("category", 16);
        json.put("licence", 7);
        json.put("language", "fr");
        json.put("privacy", 1);
        json.put("nsfw", true);
        json.put("commentsPolicy", 3);
        json.put("downloadEnabled", false);
        json.put("waitTranscoding", true);
        json.put("originallyPublishedAt", "2019-03-04T05:06:07.000Z");
        json.put("scheduleUpdate", Map.of("updateAt", "2030-01-01T00:00:00Z", "privacy", 2));
        json.put("tags", List.of("hawk", "owl", "owl"));
        VideoFields.Metadata m = VideoFields.forCreation(json);
        assertThat(m).isEqualTo(new VideoFields.Metadata("Birds of prey", "Hawks and owls", "Thanks", 16, 7, "fr", 1,
                true, 3, false, true, Instant.parse("2019-03-04T05:06:07Z"), Instant.parse("2030-01-01T00:00:00Z"), 2,
                List.of("hawk", "owl"), List.of()));

        Map<String, String> form = Map.of("name", "Birds", "category", "16", "privacy", "2", "nsfw", "true",
                "scheduleUpdate[updateAt]", "2030-01-01", "tags", "hawk", "originallyPublishedAt", "2019-03-04");
        VideoFields.Metadata f = VideoFields.forCreation(form);
        assertThat(f.category()).isEqualTo(16);
        assertThat(f.privacy()).isEqualTo(2);
        assertThat(f.nsfw()).isTrue();
        assertThat(f.scheduleUpdateAt()).isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
        assertThat(f.schedulePrivacy()).as("PeerTube's default").isEqualTo(VideoConstants.PUBLIC);
        assertThat(f.tags()).containsExactly("hawk");
        assertThat(f.originallyPublishedAt()).isEqualTo(Instant.parse("2019-03-04T00:00:00Z"));
    }

    @Test
    void limitsAreThoseOfPeerTube() {
        assertThat(invalid(Map.of())).containsOnlyKeys("name");
        assertThat(invalid(Map.of("name", "ab"))).containsEntry("name", "Should have a valid name");
        assertThat(invalid(Map.of("name", "abc"))).isEmpty();
        assertThat(invalid(Map.of("name", "x".repeat(120)))).isEmpty();
        assertThat(invalid(Map.of("name", "x".repeat(121)))).containsOnlyKeys("name");
        assertThat(invalid(Map.of("name", "abc", "description", "ab"))).containsEntry("description",
                "Should have a valid description");
        assertThat(invalid(Map.of("name", "abc", "description", "x".repeat(10_000)))).isEmpty();
        assertThat(invalid(Map.of("name", "abc", "description", "x".repeat(10_001)))).containsOnlyKeys("description");
        assertThat(invalid(Map.of("name", "abc", "support", "x".repeat(1_001)))).containsEntry("support",
                "Should have a valid support text");
        assertThat(invalid(Map.of("name", "abc", "tags", List.of("a", "bb")))).containsOnlyKeys("tags");
        assertThat(invalid(Map.of("name", "abc", "tags", List.of("x".repeat(31))))).containsOnlyKeys("tags");
        assertThat(invalid(Map.of("name", "abc", "tags", List.of("a1", "a2", "a3", "a4", "a5", "a6"))))
                .containsEntry("tags", "Should have an array of up to 5 tags between 2 and 30 characters each");
        assertThat(invalid(Map.of("name", "abc", "tags", List.of("a1", "a2", "a3", "a4", "a5")))).isEmpty();
    }

    @Test
    void enumerationsMustBeKnown() {
        Map<String, String> invalid = invalid(Map.of("name", "abc", "category", 19, "licence", 0, "language", "xx",
                "privacy", 6, "commentsPolicy", 4));
        assertThat(invalid).containsOnlyKeys("category", "licence", "language", "privacy", "commentsPolicy");
        assertThat(invalid).containsEntry("category", "Should have correct video category")
                .containsEntry("licence", "Should have correct video licence")
                .containsEntry("language", "Should have correct video language")
                .containsEntry("privacy", "Should have correct video privacy");
        assertThat(invalid(Map.of("name", "abc", "privacy", 5))).as("password protected needs passwords")
                .containsOnly(Map.entry("videoPasswords", "Video passwords are missing."));
        assertThat(invalid(Map.of("name", "abc", "privacy", 5, "videoPasswords", List.of("ok", "x"))))
                .containsOnlyKeys("videoPasswords");
        assertThat(invalid(Map.of("name", "abc", "privacy", 5, "videoPasswords", List.of("ok")))).isEmpty();
        assertThat(invalid(Map.of("name", "abc", "privacy", 1, "videoPasswords", List.of()))).as("ignored")
                .isEmpty();
        assertThat(invalid(Map.of("name", "abc", "language", "ase"))).isEmpty();
    }

    @Test
    void booleansDatesAndSchedulesAreChecked() {
        assertThat(invalid(Map.of("name", "abc", "nsfw", "yes", "downloadEnabled", 1, "waitTranscoding", "no",
                "commentsEnabled", "maybe"))).containsOnlyKeys("nsfw", "downloadEnabled", "waitTranscoding",
                        "commentsEnabled");
        assertThat(invalid(Map.of("name", "abc", "originallyPublishedAt", "yesterday"))).containsEntry(
                "originallyPublishedAt", "Should have a valid original publication date");
        assertThat(invalid(Map.of("name", "abc", "scheduleUpdate", Map.of("privacy", 1))))
                .containsOnlyKeys("scheduleUpdate.updateAt");
        assertThat(invalid(Map.of("name", "abc", "scheduleUpdate", Map.of("updateAt", "2030-01-01", "privacy", 3))))
                .containsEntry("scheduleUpdate.privacy", "Should have correct schedule update privacy");
        assertThat(invalid(Map.of("name", "abc", "scheduleUpdate", "tomorrow"))).containsOnlyKeys("scheduleUpdate");
    }

    @Test
    void theLegacyCommentsEnabledStandsForThePolicyWhenItIsMissing() {
        assertThat(VideoFields.forCreation(Map.of("name", "abc", "commentsEnabled", false)).commentsPolicy())
                .isEqualTo(VideoConstants.COMMENTS_DISABLED);
        assertThat(VideoFields.forCreation(Map.of("name", "abc", "commentsEnabled", "true")).commentsPolicy())
                .isEqualTo(VideoConstants.COMMENTS_ENABLED);
        assertThat(VideoFields.forCreation(Map.of("name", "abc", "commentsEnabled", false, "commentsPolicy", 3))
                .commentsPolicy()).isEqualTo(VideoConstants.COMMENTS_REQUIRE_APPROVAL);
    }

    @Test
    void anUpdateSaysWhichFieldsItGivesAndNullRemovesOptionalOnes() {
        Map<String, Object> body = new HashMap<>();
        body.put("description", null);
        body.put("category", null);
        body.put("privacy", 2);
        body.put("channelId", 7);
        VideoFields.Update update = VideoFields.forUpdate(body);
        assertThat(update.given()).containsExactlyInAnyOrder("description", "category", "privacy", "channelId");
        assertThat(update.metadata().description()).isNull();
        assertThat(update.metadata().category()).isNull();
        assertThat(update.metadata().privacy()).isEqualTo(2);
        assertThat(update.channelId()).isEqualTo(7L);
        assertThat(VideoFields.forUpdate(Map.of()).given()).isEmpty();
        assertThatThrownBy(() -> VideoFields.forUpdate(Map.of("name", "ab", "channelId", "x")))
                .isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.invalidParams()).containsOnlyKeys("name", "channelId"));
    }
}
