package org.bobine.catalog.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bobine.web.api.ApiException;

/**
 * PeerTube's rules and messages for the metadata of a video, shared by uploads ({@link #forCreation}) and
 * updates ({@link #forUpdate}). Values come from JSON (typed) or from form fields (strings), so numbers and
 * booleans are accepted in both forms; every failure names its field.
 */
final class VideoFields {

    static final int NAME_MIN = 3;
    static final int NAME_MAX = 120;
    static final int DESCRIPTION_MIN = 3;
    static final int DESCRIPTION_MAX = 10_000;
    static final int SUPPORT_MIN = 3;
    static final int SUPPORT_MAX = 1_000;
    static final int TAGS_MAX = 5;
    static final int TAG_MIN = 2;
    static final int TAG_MAX = 30;
    static final int PASSWORD_MIN = 2;
    static final int PASSWORD_MAX = 100;

    /** The fields {@link #forUpdate} knows, as {@link Update#has} names them. */
    static final Set<String> UPDATABLE = Set.of("name", "description", "support", "category", "licence", "language",
            "privacy", "nsfw", "commentsPolicy", "downloadEnabled", "waitTranscoding", "originallyPublishedAt",
            "scheduleUpdate", "tags", "channelId", "videoPasswords");

    /**
     * The metadata of a video, valid. With an update, only the fields it {@link Update#has} mean anything.
     *
     * @param schedulePrivacy the privacy the video takes at {@code scheduleUpdateAt}; both null when nothing is
     *        scheduled
     * @param passwords the passwords of a password-protected video ({@code videoPasswords}), distinct
     */
    record Metadata(String name, String description, String support, Integer category, Integer licence,
            String language, int privacy, boolean nsfw, int commentsPolicy, boolean downloadEnabled,
            boolean waitTranscoding, Instant originallyPublishedAt, Instant scheduleUpdateAt,
            Integer schedulePrivacy, List<String> tags, List<String> passwords) {

        Metadata {
            tags = List.copyOf(tags);
            passwords = List.copyOf(passwords);
        }

        /** PeerTube's defaults for what an upload does not say; the name is still needed. */
        static Metadata defaults(String name) {
            return new Metadata(name, null, null, null, null, null, VideoConstants.PRIVATE, false,
                    VideoConstants.COMMENTS_ENABLED, true, false, null, null, null, List.of(), List.of());
        }
    }

    /**
     * A valid update: the fields given, and their values in {@code metadata}.
     *
     * @param channelId the channel the video moves to, or {@code null}
     */
    record Update(Set<String> given, Metadata metadata, Long channelId) {

        Update {
            given = Set.copyOf(given);
        }

        boolean has(String field) {
            return given.contains(field);
        }
    }

    private VideoFields() {
    }

    /** Checks the metadata of a new video; absent fields take PeerTube's defaults. */
    static Metadata forCreation(Map<String, ?> body) {
        Map<String, String> invalid = new LinkedHashMap<>();
        if (body.get("name") == null) {
            invalid.put("name", "Should have a valid name");
        }
        Update parsed = parse(body, invalid);
        if (parsed.metadata().privacy() == VideoConstants.PASSWORD_PROTECTED && !parsed.has("videoPasswords")
                && !invalid.containsKey("privacy")) {
            invalid.put("videoPasswords", PASSWORDS_MISSING);
        }
        if (!invalid.isEmpty()) {
            throw ApiException.invalidParams(invalid);
        }
        return parsed.metadata();
    }

    /** Checks an update; absent fields stay as they are, and nullable ones given as null are removed. */
    static Update forUpdate(Map<String, ?> body) {
        Map<String, String> invalid = new LinkedHashMap<>();
        Update parsed = parse(body, invalid);
        if (!invalid.isEmpty()) {
            throw ApiException.invalidParams(invalid);
        }
        return parsed;
    }

    private static Update parse(Map<String, ?> body, Map<String, String> invalid) {
        Metadata d = Metadata.defaults(null);
        Set<String> given = new LinkedHashSet<>();

        String name = d.name();
        Object value = body.get("name");
        if (value != null) {
            given.add("name");
            if (value instanceof String s && s.length() >= NAME_MIN && s.length() <= NAME_MAX) {
                name = s;
            } else {
                invalid.put("name", "Should have a valid name");
            }
        }
        String description = text(body, "description", DESCRIPTION_MIN, DESCRIPTION_MAX, given, invalid,
                "Should have a valid description");
        String support = text(body, "support", SUPPORT_MIN, SUPPORT_MAX, given, invalid,
                "Should have a valid support text");

        Integer category = null;
        if (body.containsKey("category")) {
            given.add("category");
            value = body.get("category");
            if (value != null) {
                category = integer(value);
                if (category == null || !VideoConstants.CATEGORIES.containsKey(category)) {
                    invalid.put("category", "Should have correct video category");
                }
            }
        }
        Integer licence = null;
        if (body.containsKey("licence")) {
            given.add("licence");
            value = body.get("licence");
            if (value != null) {
                licence = integer(value);
                if (licence == null || !VideoConstants.LICENCES.containsKey(licence)) {
                    invalid.put("licence", "Should have correct video licence");
                }
            }
        }
        String language = null;
        if (body.containsKey("language")) {
            given.add("language");
            value = body.get("language");
            if (value != null) {
                if (value instanceof String s && VideoConstants.LANGUAGES.containsKey(s)) {
                    language = s;
                } else {
                    invalid.put("language", "Should have correct video language");
                }
            }
        }

        int privacy = d.privacy();
        value = body.get("privacy");
        if (value != null) {
            given.add("privacy");
            Integer p = integer(value);
            if (p == null || !VideoConstants.PRIVACIES.containsKey(p)) {
                invalid.put("privacy", "Should have correct video privacy");
            } else {
                privacy = p;
            }
        }

        boolean nsfw = bool(body, "nsfw", d.nsfw(), given, invalid, "Should have a valid nsfw boolean");
        boolean downloadEnabled = bool(body, "downloadEnabled", d.downloadEnabled(), given, invalid,
                "Should have a valid downloadEnabled boolean");
        boolean waitTranscoding = bool(body, "waitTranscoding", d.waitTranscoding(), given, invalid,
                "Should have a valid waitTranscoding boolean");

        int commentsPolicy = d.commentsPolicy();
        value = body.get("commentsPolicy");
        if (value != null) {
            given.add("commentsPolicy");
            Integer p = integer(value);
            if (p == null || !VideoConstants.COMMENTS_POLICIES.containsKey(p)) {
                invalid.put("commentsPolicy", "Should have a valid commentsPolicy");
            } else {
                commentsPolicy = p;
            }
        } else if (body.get("commentsEnabled") != null) {
            // The legacy boolean stands for the policy when the policy is not given.
            Boolean enabled = booleanValue(body.get("commentsEnabled"));
            if (enabled == null) {
                invalid.put("commentsEnabled", "Should have a valid commentsEnabled boolean");
            } else {
                given.add("commentsPolicy");
                commentsPolicy = enabled ? VideoConstants.COMMENTS_ENABLED : VideoConstants.COMMENTS_DISABLED;
            }
        }

        Instant originallyPublishedAt = null;
        if (body.containsKey("originallyPublishedAt")) {
            given.add("originallyPublishedAt");
            value = body.get("originallyPublishedAt");
            if (value != null) {
                originallyPublishedAt = date(value);
                if (originallyPublishedAt == null) {
                    invalid.put("originallyPublishedAt", "Should have a valid original publication date");
                }
            }
        }

        Instant scheduleAt = null;
        Integer schedulePrivacy = null;
        Object schedule = body.get("scheduleUpdate");
        Object scheduleAtValue = schedule instanceof Map<?, ?> m ? m.get("updateAt")
                : body.get("scheduleUpdate[updateAt]");
        Object schedulePrivacyValue = schedule instanceof Map<?, ?> m ? m.get("privacy")
                : body.get("scheduleUpdate[privacy]");
        if (body.containsKey("scheduleUpdate") || scheduleAtValue != null || schedulePrivacyValue != null) {
            given.add("scheduleUpdate");
            if (schedule != null && !(schedule instanceof Map)) {
                invalid.put("scheduleUpdate", "Should have a valid schedule update");
            } else if (schedule != null || scheduleAtValue != null || schedulePrivacyValue != null) {
                scheduleAt = scheduleAtValue == null ? null : date(scheduleAtValue);
                if (scheduleAt == null) {
                    invalid.put("scheduleUpdate.updateAt", "Should have a valid schedule update date");
                }
                if (schedulePrivacyValue != null) {
                    schedulePrivacy = integer(schedulePrivacyValue);
                    if (schedulePrivacy == null || (schedulePrivacy != VideoConstants.PUBLIC
                            && schedulePrivacy != VideoConstants.UNLISTED
                            && schedulePrivacy != VideoConstants.INTERNAL)) {
                        invalid.put("scheduleUpdate.privacy", "Should have correct schedule update privacy");
                    }
                } else {
                    // PeerTube's default: the video becomes public.
                    schedulePrivacy = VideoConstants.PUBLIC;
                }
            }
        }

        List<String> tags = List.of();
        if (body.containsKey("tags")) {
            given.add("tags");
            tags = tags(body.get("tags"));
            if (tags == null) {
                invalid.put("tags", "Should have an array of up to " + TAGS_MAX + " tags between " + TAG_MIN + " and "
                        + TAG_MAX + " characters each");
                tags = List.of();
            }
        }

        List<String> passwords = List.of();
        // As PeerTube, passwords are ignored when the request makes the video anything but password protected.
        if (body.containsKey("videoPasswords")
                && (!given.contains("privacy") || privacy == VideoConstants.PASSWORD_PROTECTED)) {
            given.add("videoPasswords");
            passwords = passwords(body.get("videoPasswords"), invalid);
        }

        Long channelId = null;
        if (body.get("channelId") != null) {
            given.add("channelId");
            Integer id = integer(body.get("channelId"));
            if (id == null || id < 1) {
                invalid.put("channelId", "Should have correct video channel id");
            } else {
                channelId = id.longValue();
            }
        }

        return new Update(given, new Metadata(name, description, support, category, licence, language, privacy,
                nsfw, commentsPolicy, downloadEnabled, waitTranscoding, originallyPublishedAt, scheduleAt,
                schedulePrivacy, tags, passwords), channelId);
    }

    /** PeerTube's message when a password-protected video comes without passwords. */
    static final String PASSWORDS_MISSING = "Video passwords are missing.";

    /**
     * Checks the passwords of a password-protected video with PeerTube's rules and messages: at least one, no
     * two alike, each a string of {@value #PASSWORD_MIN} to {@value #PASSWORD_MAX} characters.
     *
     * @param invalid where a failure is reported, under {@code videoPasswords}
     * @return the passwords, or none when they are not valid
     */
    static List<String> passwords(Object value, Map<String, String> invalid) {
        Collection<?> values = value instanceof Collection<?> c ? c : value == null ? List.of() : List.of(value);
        String failure = null;
        if (values.isEmpty()) {
            failure = "At least one video password is required.";
        } else if (new HashSet<>(values).size() != values.size()) {
            failure = "Duplicate video passwords are not allowed.";
        } else {
            for (Object password : values) {
                if (!(password instanceof String s)) {
                    failure = "Video password should be a string.";
                    break;
                }
                if (s.length() < PASSWORD_MIN || s.length() > PASSWORD_MAX) {
                    failure = "Invalid video password. Password length should be at least " + PASSWORD_MIN
                            + " characters and no more than " + PASSWORD_MAX + " characters.";
                    break;
                }
            }
        }
        if (failure != null) {
            invalid.put("videoPasswords", failure);
            return List.of();
        }
        return values.stream().map(String.class::cast).toList();
    }

    private static String text(Map<String, ?> body, String field, int min, int max, Set<String> given,
            Map<String, String> invalid, String message) {
        if (!body.containsKey(field)) {
            return null;
        }
        given.add(field);
        Object value = body.get(field);
        if (value == null) {
            return null;
        }
        if (value instanceof String s && s.length() >= min && s.length() <= max) {
            return s;
        }
        invalid.put(field, message);
        return null;
    }

    private static boolean bool(Map<String, ?> body, String field, boolean fallback, Set<String> given,
            Map<String, String> invalid, String message) {
        Object value = body.get(field);
        if (value == null) {
            return fallback;
        }
        given.add(field);
        Boolean b = booleanValue(value);
        if (b == null) {
            invalid.put(field, message);
            return fallback;
        }
        return b;
    }

    static Boolean booleanValue(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        if ("true".equals(value)) {
            return Boolean.TRUE;
        }
        if ("false".equals(value)) {
            return Boolean.FALSE;
        }
        return null;
    }

    /** @return the integer a JSON number or a string of digits holds, or {@code null} */
    static Integer integer(Object value) {
        if (value instanceof Integer i) {
            return i;
        }
        if (value instanceof Long l && l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE) {
            return l.intValue();
        }
        if (value instanceof String s && !s.isEmpty() && s.length() <= 9 && s.chars().allMatch(Character::isDigit)) {
            return Integer.parseInt(s);
        }
        return null;
    }

    /** @return an ISO 8601 date or date-time (UTC when it names no offset), or {@code null} */
    static Instant date(Object value) {
        if (!(value instanceof String s)) {
            return null;
        }
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            // Without an offset, or without a time.
        }
        try {
            return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            // Without a time.
        }
        try {
            return LocalDate.parse(s).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** @return the tags, valid and without repeats, or {@code null} when they break PeerTube's rules */
    static List<String> tags(Object value) {
        Collection<?> values;
        if (value == null) {
            return List.of();
        } else if (value instanceof Collection<?> c) {
            values = c;
        } else if (value instanceof String s) {
            values = List.of(s);
        } else {
            return null;
        }
        if (values.size() > TAGS_MAX) {
            return null;
        }
        List<String> tags = new ArrayList<>();
        for (Object tag : values) {
            if (!(tag instanceof String s) || s.length() < TAG_MIN || s.length() > TAG_MAX) {
                return null;
            }
            if (!tags.contains(s)) {
                tags.add(s);
            }
        }
        return tags;
    }
}
