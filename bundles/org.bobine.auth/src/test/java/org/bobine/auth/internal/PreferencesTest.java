package org.bobine.auth.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bobine.auth.api.VideoQuota;
import org.junit.jupiter.api.Test;

class PreferencesTest {

    static final Preferences DEFAULTS = new Preferences("do_not_list", true, true, true, false, true, null,
            "instance-default", false, false, false);

    @Test
    void onlyTheGivenFieldsChange() {
        Map<String, String> invalid = new LinkedHashMap<>();
        Preferences changed = DEFAULTS.with(Map.of("nsfwPolicy", "blur", "autoPlayVideo", false,
                "videoLanguages", List.of("fr", "pt-BR", "fr")), invalid);
        assertThat(invalid).isEmpty();
        assertThat(changed.nsfwPolicy()).isEqualTo("blur");
        assertThat(changed.autoPlayVideo()).isFalse();
        assertThat(changed.videoLanguages()).containsExactly("fr", "pt-BR");
        assertThat(changed.p2pEnabled()).isTrue();
        assertThat(changed.theme()).isEqualTo("instance-default");
    }

    @Test
    void olderClientsNameP2pWebTorrent() {
        Map<String, String> invalid = new LinkedHashMap<>();
        assertThat(DEFAULTS.with(Map.of("webTorrentEnabled", false), invalid).p2pEnabled()).isFalse();
        assertThat(invalid).isEmpty();
    }

    @Test
    void noLanguageOrNullMeansEveryLanguage() {
        Map<String, String> invalid = new LinkedHashMap<>();
        Map<String, Object> cleared = new HashMap<>();
        cleared.put("videoLanguages", null);
        Preferences some = DEFAULTS.with(Map.of("videoLanguages", List.of("en")), invalid);
        assertThat(some.with(cleared, invalid).videoLanguages()).isNull();
        assertThat(some.with(Map.of("videoLanguages", List.of()), invalid).videoLanguages()).isNull();
        assertThat(invalid).isEmpty();
    }

    @Test
    void badValuesAreNamed() {
        Map<String, String> invalid = new LinkedHashMap<>();
        DEFAULTS.with(Map.of("nsfwPolicy", "show", "p2pEnabled", "yes", "theme", "Not A Theme!",
                "videoLanguages", Collections.nCopies(20, "en"), "noWelcomeModal", 1), invalid);
        assertThat(invalid).containsOnlyKeys("nsfwPolicy", "p2pEnabled", "theme", "videoLanguages",
                "noWelcomeModal");
        invalid.clear();
        DEFAULTS.with(Map.of("videoLanguages", Arrays.asList("en", "english!")), invalid);
        assertThat(invalid).containsOnlyKeys("videoLanguages");
    }

    @Test
    void anUploadMustFitUnderEveryLimitThatIsSet() {
        VideoQuota.Usage used = new VideoQuota.Usage(900, 100);
        assertThat(VideoQuotaService.allows(-1, -1, used, Long.MAX_VALUE / 2)).isTrue();
        assertThat(VideoQuotaService.allows(1000, -1, used, 100)).isTrue();
        assertThat(VideoQuotaService.allows(1000, -1, used, 101)).isFalse();
        assertThat(VideoQuotaService.allows(-1, 150, used, 50)).isTrue();
        assertThat(VideoQuotaService.allows(-1, 150, used, 51)).isFalse();
        assertThat(VideoQuotaService.allows(0, -1, new VideoQuota.Usage(0, 0), 1)).isFalse();
    }
}
