package org.bobine.ui.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.NumberFormat;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The message catalogue of one language: {@code i18n/messages_<tag>.properties} in this bundle, UTF-8. A message
 * may hold placeholders, {@code {name}}; a message that varies with a number is a family of keys
 * {@code key.<plural category>} ({@link PluralRules}) whose {@code {count}} is the number, formatted for the
 * language. A key missing from a catalogue falls back to English (a unit test keeps every catalogue complete).
 * Immutable and thread-safe.
 */
final class Messages {

    static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-zA-Z]+)}");

    private final Languages.Language language;
    private final Map<String, String> messages;
    private final Messages fallback;
    private final DateTimeFormatter dates;

    private Messages(Languages.Language language, Map<String, String> messages, Messages fallback) {
        this.language = language;
        this.messages = messages;
        this.fallback = fallback;
        this.dates = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(language.locale())
                .withZone(ZoneOffset.UTC);
    }

    /** Loads the catalogues of every language of {@link Languages#ALL}. */
    static Map<String, Messages> loadAll() {
        Messages english = new Messages(Languages.ENGLISH, read(Languages.ENGLISH.tag()), null);
        Map<String, Messages> all = new HashMap<>();
        for (Languages.Language language : Languages.ALL) {
            all.put(language.tag(), language == Languages.ENGLISH ? english
                    : new Messages(language, read(language.tag()), english));
        }
        return Map.copyOf(all);
    }

    /** The raw entries of one catalogue. */
    static Map<String, String> read(String tag) {
        String name = "/i18n/messages_" + tag + ".properties";
        try (InputStream in = Messages.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("No message catalogue " + name);
            }
            Properties properties = new Properties();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            Map<String, String> map = new HashMap<>();
            properties.forEach((k, v) -> map.put((String) k, (String) v));
            return Map.copyOf(map);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Languages.Language language() {
        return language;
    }

    /** @return the message, placeholders left as they are */
    String get(String key) {
        String message = messages.get(key);
        if (message != null) {
            return message;
        }
        if (fallback != null) {
            return fallback.get(key);
        }
        return key;
    }

    /**
     * @param args names and values, alternately
     * @return the message with its placeholders replaced
     */
    String format(String key, Object... args) {
        return fill(get(key), args);
    }

    /** @return the variant of a plural message for {@code count}, with {@code {count}} and the other placeholders */
    String plural(String key, long count, Object... args) {
        String category = PluralRules.category(language.tag(), count);
        String message = messages.get(key + "." + category);
        if (message == null) {
            message = fallback != null ? fallback.plural(key, count) : key;
        }
        Object[] all = new Object[args.length + 2];
        all[0] = "count";
        all[1] = number(count);
        System.arraycopy(args, 0, all, 2, args.length);
        return fill(message, all);
    }

    String number(long n) {
        return NumberFormat.getIntegerInstance(language.locale()).format(n);
    }

    /** @return a number with at most one decimal, as the language writes it */
    String decimal(double n) {
        NumberFormat format = NumberFormat.getNumberInstance(language.locale());
        format.setMaximumFractionDigits(1);
        return format.format(n);
    }

    String date(Instant instant) {
        return instant == null ? "" : dates.format(instant);
    }

    /** @return how long ago, for example "3 days ago", in the largest unit that is at least 1 */
    String age(Instant then, Instant now) {
        if (then == null) {
            return "";
        }
        long seconds = Math.max(0, Duration.between(then, now).getSeconds());
        if (seconds < 60) {
            return get("age.now");
        }
        long minutes = seconds / 60;
        if (minutes < 60) {
            return plural("age.minutes", minutes);
        }
        long hours = minutes / 60;
        if (hours < 24) {
            return plural("age.hours", hours);
        }
        long days = hours / 24;
        if (days < 30) {
            return plural("age.days", days);
        }
        if (days < 365) {
            return plural("age.months", days / 30);
        }
        return plural("age.years", days / 365);
    }

    /** @return a size in bytes as the language writes it, in kB, MB or GB */
    String size(long bytes) {
        if (bytes < 1_000_000) {
            return format("size.kb", "size", decimal(bytes / 1000.0));
        }
        if (bytes < 1_000_000_000) {
            return format("size.mb", "size", decimal(bytes / 1_000_000.0));
        }
        return format("size.gb", "size", decimal(bytes / 1_000_000_000.0));
    }

    private static String fill(String message, Object... args) {
        if (args.length == 0 || message.indexOf('{') < 0) {
            return message;
        }
        Matcher m = PLACEHOLDER.matcher(message);
        StringBuilder out = new StringBuilder(message.length() + 16);
        while (m.find()) {
            String value = null;
            for (int i = 0; i + 1 < args.length; i += 2) {
                if (args[i].equals(m.group(1))) {
                    value = String.valueOf(args[i + 1]);
                    break;
                }
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
