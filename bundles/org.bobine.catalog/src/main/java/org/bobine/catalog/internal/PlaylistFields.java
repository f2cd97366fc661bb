package org.bobine.catalog.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.bobine.web.api.ApiException;
import org.bobine.web.api.ApiRequest;

/**
 * PeerTube's rules for the bodies of the playlist routes: a playlist's fields (display name 1–120 characters,
 * description 3–1000, privacy 1 public / 2 unlisted / 3 private, channel), an element's (video, start and stop
 * timestamps in seconds, 0 or more) and a reorder's. Bodies are JSON, forms or multipart fields, as PeerTube takes
 * them; numbers may come as text.
 */
final class PlaylistFields {

    static final int DISPLAY_NAME_MAX = 120;
    static final int DESCRIPTION_MIN = 3;
    static final int DESCRIPTION_MAX = 1000;

    /** The body of {@code POST /video-playlists}, valid. Privacy is private when not given, as in PeerTube. */
    record NewPlaylist(String displayName, String description, int privacy, Long channelId) {
    }

    /**
     * The body of {@code PUT /video-playlists/{id}}, valid: what was not given stays; a description or channel given
     * as {@code null} (or empty) is removed.
     */
    record PlaylistUpdate(String displayName, boolean descriptionGiven, String description, Integer privacy,
            boolean channelGiven, Long channelId) {
    }

    /** The body of {@code POST /video-playlists/{id}/videos}, valid. */
    record NewElement(String videoId, Integer startTimestamp, Integer stopTimestamp) {
    }

    /** The body of {@code PUT /video-playlists/{id}/videos/{elementId}}, valid: what was not given stays. */
    record ElementUpdate(boolean startGiven, Integer startTimestamp, boolean stopGiven, Integer stopTimestamp) {
    }

    /** The body of {@code POST /video-playlists/{id}/videos/reorder}, valid; the length is 1 when not given. */
    record Reorder(int startPosition, int insertAfterPosition, int reorderLength) {
    }

    private PlaylistFields() {
    }

    /** The fields of a JSON, form or multipart body. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> read(ApiRequest request) {
        String type = request.header("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        if (type.startsWith("application/x-www-form-urlencoded")) {
            return new LinkedHashMap<>(request.form());
        }
        if (type.startsWith("multipart/form-data")) {
            Map<String, Object> fields = new LinkedHashMap<>();
            for (Map.Entry<String, List<String>> field : request.multipartFields().entrySet()) {
                if (!field.getValue().isEmpty()) {
                    fields.put(field.getKey(), field.getValue().get(0));
                }
            }
            return fields;
        }
        Object body = request.body(Object.class);
        if (!(body instanceof Map)) {
            throw ApiException.badRequest("The request body must be a JSON object");
        }
        return (Map<String, Object>) body;
    }

    static NewPlaylist forCreation(Map<String, Object> body) {
        Map<String, String> invalid = new LinkedHashMap<>();
        String displayName = displayName(body.get("displayName"), invalid);
        String description = description(body.get("description"), invalid);
        Integer privacy = body.containsKey("privacy") ? privacy(body.get("privacy"), invalid) : null;
        Long channelId = channelId(body.get("videoChannelId"), invalid);
        if (!invalid.isEmpty()) {
            throw ApiException.invalidParams(invalid);
        }
        int effective = privacy == null ? VideoConstants.PRIVATE : privacy;
        requireChannelUnlessPrivate(effective, channelId);
        return new NewPlaylist(displayName, description, effective, channelId);
    }

    static PlaylistUpdate forUpdate(Map<String, Object> body) {
        Map<String, String> invalid = new LinkedHashMap<>();
        String displayName = body.get("displayName") == null ? null : displayName(body.get("displayName"), invalid);
        boolean descriptionGiven = body.containsKey("description");
        String description = description(body.get("description"), invalid);
        Integer privacy = body.get("privacy") == null || "".equals(body.get("privacy")) ? null
                : privacy(body.get("privacy"), invalid);
        boolean channelGiven = body.containsKey("videoChannelId");
        Long channelId = channelId(body.get("videoChannelId"), invalid);
        if (!invalid.isEmpty()) {
            throw ApiException.invalidParams(invalid);
        }
        return new PlaylistUpdate(displayName, descriptionGiven, description, privacy, channelGiven, channelId);
    }

    /** @throws ApiException 400 when a playlist that is not private would have no channel, as PeerTube refuses */
    static void requireChannelUnlessPrivate(int privacy, Long channelId) {
        if (privacy != VideoConstants.PRIVATE && channelId == null) {
            throw ApiException.badRequest("Cannot set \"public\" or \"unlisted\" a playlist that is not assigned to a "
                    + "channel.");
        }
    }

    static NewElement forNewElement(Map<String, Object> body) {
        Map<String, String> invalid = new LinkedHashMap<>();
        Object videoId = body.get("videoId");
        String video = videoId instanceof Number || videoId instanceof String ? String.valueOf(videoId).trim() : "";
        if (video.isEmpty()) {
            invalid.put("videoId", "Should have a valid video id");
        }
        Integer start = timestamp(body.get("startTimestamp"), "startTimestamp", "start", invalid);
        Integer stop = timestamp(body.get("stopTimestamp"), "stopTimestamp", "stop", invalid);
        if (!invalid.isEmpty()) {
            throw ApiException.invalidParams(invalid);
        }
        return new NewElement(video, start, stop);
    }

    static ElementUpdate forElementUpdate(Map<String, Object> body) {
        Map<String, String> invalid = new LinkedHashMap<>();
        Integer start = timestamp(body.get("startTimestamp"), "startTimestamp", "start", invalid);
        Integer stop = timestamp(body.get("stopTimestamp"), "stopTimestamp", "stop", invalid);
        if (!invalid.isEmpty()) {
            throw ApiException.invalidParams(invalid);
        }
        return new ElementUpdate(body.containsKey("startTimestamp"), start, body.containsKey("stopTimestamp"), stop);
    }

    static Reorder forReorder(Map<String, Object> body) {
        Map<String, String> invalid = new LinkedHashMap<>();
        Long start = integer(body.get("startPosition"));
        if (start == null || start < 1 || start > Integer.MAX_VALUE) {
            invalid.put("startPosition", "Should have a valid start position");
        }
        Long after = integer(body.get("insertAfterPosition"));
        if (after == null || after < 0 || after > Integer.MAX_VALUE) {
            invalid.put("insertAfterPosition", "Should have a valid insert after position");
        }
        Long length = body.get("reorderLength") == null ? Long.valueOf(1) : integer(body.get("reorderLength"));
        if (length == null || length < 1 || length > Integer.MAX_VALUE) {
            invalid.put("reorderLength", "Should have a valid reorder length");
        }
        if (!invalid.isEmpty()) {
            throw ApiException.invalidParams(invalid);
        }
        return new Reorder(start.intValue(), after.intValue(), length.intValue());
    }

    private static String displayName(Object value, Map<String, String> invalid) {
        if (!(value instanceof String text) || text.isEmpty() || text.length() > DISPLAY_NAME_MAX) {
            invalid.put("displayName", "Should have a valid display name");
            return null;
        }
        return text;
    }

    private static String description(Object value, Map<String, String> invalid) {
        if (value == null || "".equals(value)) {
            return null;
        }
        if (!(value instanceof String text) || text.length() < DESCRIPTION_MIN || text.length() > DESCRIPTION_MAX) {
            invalid.put("description", "Should have a valid description");
            return null;
        }
        return text;
    }

    private static Integer privacy(Object value, Map<String, String> invalid) {
        Long privacy = integer(value);
        if (privacy == null || !VideoConstants.PLAYLIST_PRIVACIES.containsKey(privacy.intValue())
                || privacy.intValue() != privacy) {
            invalid.put("privacy", "Should have correct playlist privacy");
            return null;
        }
        return privacy.intValue();
    }

    private static Long channelId(Object value, Map<String, String> invalid) {
        if (value == null || "".equals(value)) {
            return null;
        }
        Long id = integer(value);
        if (id == null || id < 1) {
            invalid.put("videoChannelId", "Should have a valid video channel id");
            return null;
        }
        return id;
    }

    private static Integer timestamp(Object value, String field, String which, Map<String, String> invalid) {
        if (value == null || "".equals(value)) {
            return null;
        }
        Long seconds = integer(value);
        if (seconds == null || seconds < 0 || seconds > Integer.MAX_VALUE) {
            invalid.put(field, "Should have a valid " + which + " timestamp");
            return null;
        }
        return seconds.intValue();
    }

    /** A whole number given as a JSON number or as text; {@code null} when it is not one. */
    static Long integer(Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            return ((Number) value).longValue();
        }
        if (value instanceof String text && !text.isEmpty() && text.length() <= 18
                && text.chars().allMatch(Character::isDigit)) {
            return Long.parseLong(text);
        }
        return null;
    }
}
