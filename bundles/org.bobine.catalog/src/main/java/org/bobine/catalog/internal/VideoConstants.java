package org.bobine.catalog.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * PeerTube's video constants: categories, licences, languages, privacies, states, comment policies, with their
 * English labels, as {@code /api/v1/videos/categories} and the others list them and as the JSON of videos labels
 * them. Built once.
 */
final class VideoConstants {

    static final int PUBLIC = 1;
    static final int UNLISTED = 2;
    static final int PRIVATE = 3;
    static final int INTERNAL = 4;
    static final int PASSWORD_PROTECTED = 5;

    static final int PUBLISHED = 1;
    static final int TO_TRANSCODE = 2;
    static final int TRANSCODING_FAILED = 7;

    static final int COMMENTS_ENABLED = 1;
    static final int COMMENTS_DISABLED = 2;
    static final int COMMENTS_REQUIRE_APPROVAL = 3;

    /** The label of an enumeration value that is not set or not known, as PeerTube writes it. */
    static final String UNKNOWN = "Unknown";

    static final Map<Integer, String> CATEGORIES = numbered("Music", "Films", "Vehicles", "Art", "Sports", "Travels",
            "Gaming", "People", "Comedy", "Entertainment", "News & Politics", "How To", "Education", "Activism",
            "Science & Technology", "Animals", "Kids", "Food");

    static final Map<Integer, String> LICENCES = numbered("Attribution", "Attribution - Share Alike",
            "Attribution - No Derivatives", "Attribution - Non Commercial",
            "Attribution - Non Commercial - Share Alike", "Attribution - Non Commercial - No Derivatives",
            "Public Domain Dedication");

    static final Map<Integer, String> PRIVACIES = numbered("Public", "Unlisted", "Private", "Internal",
            "Password protected");

    static final Map<Integer, String> PLAYLIST_PRIVACIES = numbered("Public", "Unlisted", "Private");

    static final Map<Integer, String> STATES = numbered("Published", "To transcode", "To import",
            "Waiting for livestream", "Livestream ended", "To move to an external storage", "Transcoding failed",
            "External storage move failed", "To edit*", "To move to file system", "Move to file system failed");

    static final Map<Integer, String> COMMENTS_POLICIES = numbered("Enabled", "Disabled", "Requires approval");

    /**
     * ISO 639-1 codes of Java's list that PeerTube leaves out: ancient and constructed languages (Esperanto and
     * Latin excepted), a collective code, and codes that ISO withdrew.
     */
    private static final Set<String> NOT_LISTED = Set.of("ae", "cu", "pi", "sa", "ia", "ie", "io", "vo", "bh", "in",
            "iw", "ji", "mo");

    /** The ISO 639-3 codes PeerTube adds (sign languages, and living or constructed languages without 639-1). */
    private static final Map<String, String> THREE_LETTER = Map.ofEntries(Map.entry("sgn", "Sign Languages"),
            Map.entry("ase", "American Sign Language"), Map.entry("asf", "Australian Sign Language"),
            Map.entry("bfi", "British Sign Language"), Map.entry("bzs", "Brazilian Sign Language"),
            Map.entry("csl", "Chinese Sign Language"), Map.entry("cse", "Czech Sign Language"),
            Map.entry("dsl", "Danish Sign Language"), Map.entry("fsl", "French Sign Language"),
            Map.entry("gsg", "German Sign Language"), Map.entry("pks", "Pakistan Sign Language"),
            Map.entry("jsl", "Japanese Sign Language"), Map.entry("sfb", "French Belgian Sign Language"),
            Map.entry("sfs", "South African Sign Language"), Map.entry("swl", "Swedish Sign Language"),
            Map.entry("rsl", "Russian Sign Language"), Map.entry("kab", "Kabyle"), Map.entry("tlh", "Klingon"),
            Map.entry("jbo", "Lojban"), Map.entry("avk", "Kotava"), Map.entry("zgh", "Standard Moroccan Tamazight"));

    /** Language codes and English names, sorted by code. */
    static final Map<String, String> LANGUAGES = languages();

    private VideoConstants() {
    }

    private static Map<Integer, String> numbered(String... labels) {
        Map<Integer, String> map = new LinkedHashMap<>();
        for (int i = 0; i < labels.length; i++) {
            map.put(i + 1, labels[i]);
        }
        return Collections.unmodifiableMap(map);
    }

    private static Map<String, String> languages() {
        Map<String, String> map = new TreeMap<>();
        for (String code : Locale.getISOLanguages()) {
            if (!NOT_LISTED.contains(code)) {
                map.put(code, Locale.forLanguageTag(code).getDisplayLanguage(Locale.ENGLISH));
            }
        }
        // Serbo-Croatian has an ISO 639-1 code that Java does not list.
        map.put("sh", "Serbo-Croatian");
        map.putAll(THREE_LETTER);
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    /** The constants as {@code GET /videos/categories} and the others answer: ids as strings. */
    static Map<String, String> asJson(Map<?, String> constants) {
        Map<String, String> json = new LinkedHashMap<>();
        constants.forEach((id, label) -> json.put(String.valueOf(id), label));
        return Collections.unmodifiableMap(json);
    }

    /** PeerTube's {@code {id, label}} of a value that may be null or unknown. */
    static Map<String, Object> label(Object id, Map<?, String> constants) {
        String label = id == null ? null : constants.get(id);
        Map<String, Object> json = new LinkedHashMap<>(2);
        json.put("id", id);
        json.put("label", label == null ? UNKNOWN : label);
        return json;
    }

    /** PeerTube's label of a resolution: {@code 720p}, or {@code Audio} for an audio-only file (0). */
    static String resolutionLabel(int resolution) {
        return resolution == 0 ? "Audio" : resolution + "p";
    }
}
