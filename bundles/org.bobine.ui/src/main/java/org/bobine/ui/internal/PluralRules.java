package org.bobine.ui.internal;

import java.util.List;

/**
 * The plural categories of Unicode CLDR for whole numbers, in the languages of the interface. A message that
 * varies with a number has one variant per category of its language ({@code key.one}, {@code key.other}, ...).
 */
final class PluralRules {

    private PluralRules() {
    }

    /** @return the categories a catalogue of this language must give for each plural message */
    static List<String> categories(String tag) {
        return switch (family(tag)) {
            case "none" -> List.of("other");
            case "ru" -> List.of("one", "few", "many");
            case "cs" -> List.of("one", "few", "other");
            default -> List.of("one", "other");
        };
    }

    /** @return the category of a whole number {@code n} (0 or more) in this language */
    static String category(String tag, long n) {
        long abs = Math.abs(n);
        return switch (family(tag)) {
            case "none" -> "other";
            // French and Brazilian Portuguese: 0 and 1 are singular.
            case "fr" -> abs <= 1 ? "one" : "other";
            case "ru" -> {
                long d = abs % 10;
                long h = abs % 100;
                if (d == 1 && h != 11) {
                    yield "one";
                }
                if (d >= 2 && d <= 4 && (h < 12 || h > 14)) {
                    yield "few";
                }
                yield "many";
            }
            case "cs" -> abs == 1 ? "one" : abs >= 2 && abs <= 4 ? "few" : "other";
            default -> abs == 1 ? "one" : "other";
        };
    }

    private static String family(String tag) {
        String primary = tag.split("-", 2)[0];
        return switch (primary) {
            case "ja", "zh" -> "none";
            case "fr", "pt" -> "fr";
            case "ru" -> "ru";
            case "cs" -> "cs";
            default -> "one-other";
        };
    }
}
