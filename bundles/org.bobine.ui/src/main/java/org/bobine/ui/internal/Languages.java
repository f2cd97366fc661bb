package org.bobine.ui.internal;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The languages the pages are translated into, and which one a request gets: the one chosen with the switcher
 * (a cookie), else the best of {@code Accept-Language}, else English.
 */
final class Languages {

    /**
     * A language of the interface.
     *
     * @param tag its BCP 47 tag, as the switcher, the cookie, {@code <html lang>} and the catalogue's file use it
     * @param name its name in itself, for the switcher
     * @param locale what dates and numbers are formatted with
     */
    record Language(String tag, String name, Locale locale) {
    }

    static final Language ENGLISH = new Language("en", "English", Locale.ENGLISH);

    static final List<Language> ALL = List.of(ENGLISH,
            new Language("fr", "Français", Locale.FRENCH),
            new Language("de", "Deutsch", Locale.GERMAN),
            new Language("es", "Español", Locale.forLanguageTag("es")),
            new Language("it", "Italiano", Locale.ITALIAN),
            new Language("pt-BR", "Português (Brasil)", Locale.forLanguageTag("pt-BR")),
            new Language("nl", "Nederlands", Locale.forLanguageTag("nl")),
            new Language("ca", "Català", Locale.forLanguageTag("ca")),
            new Language("cs", "Čeština", Locale.forLanguageTag("cs")),
            new Language("eo", "Esperanto", Locale.forLanguageTag("eo")),
            new Language("ja", "日本語", Locale.JAPANESE),
            new Language("zh-Hans", "简体中文", Locale.forLanguageTag("zh-Hans")),
            new Language("zh-Hant", "繁體中文", Locale.forLanguageTag("zh-Hant")),
            new Language("sv", "Svenska", Locale.forLanguageTag("sv")),
            new Language("ru", "Русский", Locale.forLanguageTag("ru")));

    /** Longest {@code Accept-Language} header read; longer ones are cut there rather than parsed. */
    private static final int MAX_HEADER = 512;

    private Languages() {
    }

    /** @return the language of this exact tag (case-insensitive), if the interface has it */
    static Optional<Language> byTag(String tag) {
        if (tag == null) {
            return Optional.empty();
        }
        return ALL.stream().filter(l -> l.tag().equalsIgnoreCase(tag)).findFirst();
    }

    /**
     * @param chosen the tag of the switcher's cookie, or {@code null}
     * @param acceptLanguage the request's {@code Accept-Language}, or {@code null}
     * @return the language to show
     */
    static Language negotiate(String chosen, String acceptLanguage) {
        Optional<Language> cookie = byTag(chosen);
        if (cookie.isPresent()) {
            return cookie.get();
        }
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return ENGLISH;
        }
        String header = acceptLanguage.length() > MAX_HEADER ? acceptLanguage.substring(0, MAX_HEADER)
                : acceptLanguage;
        List<Locale.LanguageRange> ranges;
        try {
            ranges = Locale.LanguageRange.parse(header.substring(0, cutAtComma(header)));
        } catch (IllegalArgumentException e) {
            return ENGLISH;
        }
        for (Locale.LanguageRange range : ranges) {
            if (range.getWeight() <= 0) {
                continue;
            }
            Optional<Language> match = match(range.getRange());
            if (match.isPresent()) {
                return match.get();
            }
        }
        return ENGLISH;
    }

    /** A header cut at {@link #MAX_HEADER} may end inside a range: parse up to its last comma. */
    private static int cutAtComma(String header) {
        if (header.length() < MAX_HEADER) {
            return header.length();
        }
        int comma = header.lastIndexOf(',');
        return comma < 0 ? header.length() : comma;
    }

    /** The interface language for one range of {@code Accept-Language}, such as {@code fr-CA} or {@code zh-TW}. */
    static Optional<Language> match(String range) {
        String r = range.toLowerCase(Locale.ROOT);
        if (r.equals("*")) {
            return Optional.empty();
        }
        String primary = r.split("-", 2)[0];
        switch (primary) {
            case "zh" -> {
                boolean traditional = r.contains("-hant") || r.endsWith("-tw") || r.endsWith("-hk")
                        || r.endsWith("-mo") || r.contains("-tw-") || r.contains("-hk-");
                return byTag(traditional ? "zh-Hant" : "zh-Hans");
            }
            case "pt" -> {
                return byTag("pt-BR");
            }
            default -> {
                return ALL.stream().filter(l -> l.tag().equals(primary)).findFirst();
            }
        }
    }
}
