package org.bobine.catalog.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** PeerTube's video constants and their English labels. */
class VideoConstantsTest {

    @Test
    void categoriesLicencesAndPrivaciesAreNumberedAsInPeerTube() {
        assertThat(VideoConstants.CATEGORIES).hasSize(18).containsEntry(1, "Music").containsEntry(11, "News & Politics")
                .containsEntry(15, "Science & Technology").containsEntry(18, "Food");
        assertThat(VideoConstants.LICENCES).hasSize(7).containsEntry(1, "Attribution")
                .containsEntry(6, "Attribution - Non Commercial - No Derivatives")
                .containsEntry(7, "Public Domain Dedication");
        assertThat(VideoConstants.PRIVACIES).containsExactlyInAnyOrderEntriesOf(Map.of(1, "Public", 2, "Unlisted", 3, "Private",
                4, "Internal", 5, "Password protected"));
        assertThat(VideoConstants.PLAYLIST_PRIVACIES).containsOnlyKeys(1, 2, 3);
        assertThat(VideoConstants.COMMENTS_POLICIES).containsEntry(3, "Requires approval");
        assertThat(VideoConstants.STATES).containsEntry(1, "Published").containsEntry(2, "To transcode");
    }

    @Test
    void languagesAreLivingIso6391CodesPlusPeerTubesThreeLetterOnes() {
        assertThat(VideoConstants.LANGUAGES).containsEntry("en", "English").containsEntry("fr", "French")
                .containsEntry("he", "Hebrew").containsEntry("eo", "Esperanto").containsEntry("la", "Latin")
                .containsEntry("sh", "Serbo-Croatian").containsEntry("ase", "American Sign Language")
                .containsEntry("tlh", "Klingon").containsEntry("jbo", "Lojban");
        assertThat(VideoConstants.LANGUAGES).doesNotContainKeys("iw", "in", "ji", "mo", "sa", "ia", "vo", "bh");
        assertThat(VideoConstants.LANGUAGES.size()).isBetween(180, 200);
    }

    @Test
    void jsonUsesStringIdsAndUnknownLabels() {
        assertThat(VideoConstants.asJson(VideoConstants.PRIVACIES)).containsEntry("1", "Public");
        assertThat(VideoConstants.label(null, VideoConstants.CATEGORIES)).containsEntry("id", null)
                .containsEntry("label", "Unknown");
        assertThat(VideoConstants.label(99, VideoConstants.CATEGORIES)).containsEntry("label", "Unknown");
        assertThat(VideoConstants.label("fr", VideoConstants.LANGUAGES)).containsEntry("id", "fr")
                .containsEntry("label", "French");
        assertThat(VideoConstants.resolutionLabel(720)).isEqualTo("720p");
        assertThat(VideoConstants.resolutionLabel(0)).isEqualTo("Audio");
    }
}
