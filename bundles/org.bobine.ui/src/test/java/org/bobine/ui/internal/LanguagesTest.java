package org.bobine.ui.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class LanguagesTest {

    static String negotiate(String cookie, String header) {
        return Languages.negotiate(cookie, header).tag();
    }

    @Test
    void theSwitchersChoiceWinsThenAcceptLanguageThenEnglish() {
        assertThat(negotiate("de", "fr")).isEqualTo("de");
        assertThat(negotiate("klingon", "fr-CA,fr;q=0.9,en;q=0.8")).isEqualTo("fr");
        assertThat(negotiate(null, "xx-YY, de;q=0.5, en;q=0.4")).isEqualTo("de");
        assertThat(negotiate(null, "en;q=0.2, ru;q=0.9")).isEqualTo("ru");
        assertThat(negotiate(null, "ru;q=0, sv")).isEqualTo("sv");
        assertThat(negotiate(null, null)).isEqualTo("en");
        assertThat(negotiate(null, "*")).isEqualTo("en");
        assertThat(negotiate(null, "###, ;;;")).isEqualTo("en");
        assertThat(negotiate(null, "fr,".repeat(1000))).isEqualTo("fr");
    }

    @Test
    void chineseAndPortugueseVariantsMapToTheShippedOnes() {
        assertThat(negotiate(null, "zh-TW")).isEqualTo("zh-Hant");
        assertThat(negotiate(null, "zh-Hant-HK")).isEqualTo("zh-Hant");
        assertThat(negotiate(null, "zh-HK")).isEqualTo("zh-Hant");
        assertThat(negotiate(null, "zh-CN")).isEqualTo("zh-Hans");
        assertThat(negotiate(null, "zh")).isEqualTo("zh-Hans");
        assertThat(negotiate(null, "pt-PT")).isEqualTo("pt-BR");
        assertThat(negotiate("zh-hant", null)).isEqualTo("zh-Hant");
    }

    @Test
    void pluralCategoriesFollowCldr() {
        assertThat(PluralRules.category("en", 1)).isEqualTo("one");
        assertThat(PluralRules.category("en", 0)).isEqualTo("other");
        assertThat(PluralRules.category("fr", 0)).isEqualTo("one");
        assertThat(PluralRules.category("pt-BR", 1)).isEqualTo("one");
        assertThat(PluralRules.category("fr", 2)).isEqualTo("other");
        assertThat(PluralRules.category("ru", 1)).isEqualTo("one");
        assertThat(PluralRules.category("ru", 21)).isEqualTo("one");
        assertThat(PluralRules.category("ru", 11)).isEqualTo("many");
        assertThat(PluralRules.category("ru", 3)).isEqualTo("few");
        assertThat(PluralRules.category("ru", 13)).isEqualTo("many");
        assertThat(PluralRules.category("ru", 24)).isEqualTo("few");
        assertThat(PluralRules.category("ru", 5)).isEqualTo("many");
        assertThat(PluralRules.category("cs", 1)).isEqualTo("one");
        assertThat(PluralRules.category("cs", 4)).isEqualTo("few");
        assertThat(PluralRules.category("cs", 5)).isEqualTo("other");
        assertThat(PluralRules.category("ja", 1)).isEqualTo("other");
        assertThat(PluralRules.category("zh-Hant", 1)).isEqualTo("other");
    }

    @Test
    void messagesFormatNumbersDatesAndPluralsForTheirLanguage() {
        var all = Messages.loadAll();
        Messages ru = all.get("ru");
        assertThat(ru.plural("video.views", 1)).isEqualTo("1 просмотр");
        assertThat(ru.plural("video.views", 3)).isEqualTo("3 просмотра");
        assertThat(ru.plural("video.views", 11)).isEqualTo("11 просмотров");
        Messages de = all.get("de");
        assertThat(de.plural("video.views", 1234)).isEqualTo("1.234 Aufrufe");
        assertThat(all.get("en").plural("video.views", 1234)).isEqualTo("1,234 views");
        assertThat(all.get("fr").plural("video.views", 0)).isEqualTo("0 vue");
        assertThat(all.get("fr").size(1_500_000)).isEqualTo("1,5 Mo");
        assertThat(all.get("en").size(2_000)).isEqualTo("2 kB");
        assertThat(all.get("ja").plural("video.views", 7)).isEqualTo("7 回視聴");
        Instant now = Instant.parse("2026-03-10T12:00:00Z");
        assertThat(all.get("en").age(now.minusSeconds(3 * 86400), now)).isEqualTo("3 days ago");
        assertThat(all.get("de").age(now.minusSeconds(7200), now)).isEqualTo("vor 2 Stunden");
        assertThat(all.get("en").age(now.minusSeconds(5), now)).isEqualTo("just now");
        assertThat(all.get("en").date(now)).isEqualTo("Mar 10, 2026");
        assertThat(all.get("de").date(now)).isEqualTo("10.03.2026");
        assertThat(all.get("en").format("user.loggedIn", "name", "root")).isEqualTo("Logged in as root");
    }
}
