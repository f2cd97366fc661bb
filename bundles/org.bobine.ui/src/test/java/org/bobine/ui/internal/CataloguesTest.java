package org.bobine.ui.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every catalogue is complete: it has every message of the English one, each plural message in exactly the
 * categories its language needs, no message English lacks, and the same placeholders as English.
 */
class CataloguesTest {

    static final Set<String> CATEGORIES = Set.of("zero", "one", "two", "few", "many", "other");

    static List<String> tags() {
        return Languages.ALL.stream().map(Languages.Language::tag).toList();
    }

    /** A plural key {@code family.category} gives its family; any other key is its own. */
    static String family(String key) {
        int dot = key.lastIndexOf('.');
        return dot > 0 && CATEGORIES.contains(key.substring(dot + 1)) ? key.substring(0, dot) : key;
    }

    static Set<String> placeholders(String message) {
        Set<String> names = new TreeSet<>();
        Matcher m = Messages.PLACEHOLDER.matcher(message);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** The English messages by family: the placeholders of each. */
    static Map<String, Set<String>> english() {
        Map<String, Set<String>> families = new TreeMap<>();
        Messages.read("en").forEach((key, message) -> families.put(family(key), placeholders(message)));
        return families;
    }

    @Test
    void fifteenLanguagesShip() {
        assertThat(tags()).hasSize(15).contains("en", "fr", "de", "es", "it", "pt-BR", "nl", "ca", "cs", "eo", "ja",
                "zh-Hans", "zh-Hant", "sv", "ru");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tags")
    void everyCatalogueIsCompleteWithValidPlaceholders(String tag) {
        Map<String, Set<String>> english = english();
        Set<String> pluralFamilies = new TreeSet<>();
        Messages.read("en").keySet().stream().filter(k -> !family(k).equals(k)).map(CataloguesTest::family)
                .forEach(pluralFamilies::add);
        Map<String, String> catalogue = Messages.read(tag);
        List<String> problems = new ArrayList<>();
        for (String family : english.keySet()) {
            if (pluralFamilies.contains(family)) {
                for (String category : PluralRules.categories(tag)) {
                    if (!catalogue.containsKey(family + "." + category)) {
                        problems.add("missing " + family + "." + category);
                    }
                }
            } else if (!catalogue.containsKey(family)) {
                problems.add("missing " + family);
            }
        }
        catalogue.forEach((key, message) -> {
            String family = family(key);
            if (!english.containsKey(family)) {
                problems.add("unknown key " + key);
                return;
            }
            if (pluralFamilies.contains(family) && !PluralRules.categories(tag).contains(key.substring(
                    family.length() + 1))) {
                problems.add(key + " is not a plural category of " + tag);
            }
            if (message.isBlank()) {
                problems.add(key + " is empty");
            }
            if (!placeholders(message).equals(english.get(family))) {
                problems.add(key + " has placeholders " + placeholders(message) + ", English has "
                        + english.get(family));
            }
            long open = message.chars().filter(c -> c == '{').count();
            long close = message.chars().filter(c -> c == '}').count();
            if (open != close || open != countPlaceholderUses(message)) {
                problems.add(key + " has unbalanced or malformed braces");
            }
        });
        assertThat(problems).isEmpty();
    }

    private static long countPlaceholderUses(String message) {
        Matcher m = Messages.PLACEHOLDER.matcher(message);
        long n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
