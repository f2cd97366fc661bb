package org.bobine.catalog.internal;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.bobine.web.api.ApiException;
import org.bobine.web.api.ApiRequest;

/** PeerTube's rules for the fields of a video channel, in creation and update requests. */
final class ChannelFields {

    /** PeerTube's rule for actor names (users and channels), 1 to 50 characters. */
    static final Pattern NAME = Pattern.compile("[a-z0-9_]+([a-z0-9_.-]+[a-z0-9_]+)?");
    static final int NAME_MAX = 50;
    static final int DISPLAY_NAME_MAX = 120;
    static final int TEXT_MIN = 3;
    static final int TEXT_MAX = 1000;

    /** The body of {@code POST /video-channels}, valid. */
    record NewChannel(String name, String displayName, String description, String support) {
    }

    /**
     * The body of {@code PUT /video-channels/{handle}}, valid: a field that was not given is left as it is; a
     * description or support text given as {@code null} is removed.
     */
    record ChannelUpdate(String displayName, boolean descriptionGiven, String description, boolean supportGiven,
            String support, boolean bulkVideosSupportUpdate) {
    }

    private ChannelFields() {
    }

    /** The fields of a JSON body, or of a form body (PeerTube takes both). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> read(ApiRequest request) {
        String type = request.header("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        if (type.startsWith("application/x-www-form-urlencoded")) {
            return new LinkedHashMap<>(request.form());
        }
        if (type.startsWith("multipart/form-data")) {
            // PeerTube's web client sends a video's metadata as multipart text fields, in bracket notation.
            return UploadFields.structured(request.multipartFields());
        }
        Object body = request.body(Object.class);
        if (!(body instanceof Map)) {
            throw ApiException.badRequest("The request body must be a JSON object");
        }
        return (Map<String, Object>) body;
    }

    static NewChannel forCreation(Map<String, Object> body) {
        Map<String, String> invalid = new LinkedHashMap<>();
        Object name = body.get("name");
        if (!validName(name)) {
            invalid.put("name", "Should have a valid channel name");
        }
        Object displayName = body.get("displayName");
        if (!validDisplayName(displayName)) {
            invalid.put("displayName", "Should have a valid display name");
        }
        Object description = body.get("description");
        if (description != null && !validText(description)) {
            invalid.put("description", "Should have a valid description");
        }
        Object support = body.get("support");
        if (support != null && !validText(support)) {
            invalid.put("support", "Should have a valid support text");
        }
        if (!invalid.isEmpty()) {
            throw ApiException.invalidParams(invalid);
        }
        return new NewChannel((String) name, (String) displayName, (String) description, (String) support);
    }

    static ChannelUpdate forUpdate(Map<String, Object> body) {
        Map<String, String> invalid = new LinkedHashMap<>();
        Object displayName = body.get("displayName");
        if (body.containsKey("displayName") && !validDisplayName(displayName)) {
            invalid.put("displayName", "Should have a valid display name");
        }
        Object description = body.get("description");
        if (description != null && !validText(description)) {
            invalid.put("description", "Should have a valid description");
        }
        Object support = body.get("support");
        if (support != null && !validText(support)) {
            invalid.put("support", "Should have a valid support text");
        }
        Object bulk = body.get("bulkVideosSupportUpdate");
        Boolean bulkUpdate = bulk == null ? Boolean.FALSE : bulk instanceof Boolean b ? b
                : "true".equals(bulk) ? Boolean.TRUE : "false".equals(bulk) ? Boolean.FALSE : null;
        if (bulkUpdate == null) {
            invalid.put("bulkVideosSupportUpdate", "Should have a valid bulkVideosSupportUpdate boolean field");
        }
        if (!invalid.isEmpty()) {
            throw ApiException.invalidParams(invalid);
        }
        return new ChannelUpdate((String) displayName, body.containsKey("description"), (String) description,
                body.containsKey("support"), (String) support, bulkUpdate);
    }

    static boolean validName(Object value) {
        return value instanceof String s && !s.isEmpty() && s.length() <= NAME_MAX && NAME.matcher(s).matches();
    }

    static boolean validDisplayName(Object value) {
        return value instanceof String s && !s.isEmpty() && s.length() <= DISPLAY_NAME_MAX;
    }

    static boolean validText(Object value) {
        return value instanceof String s && s.length() >= TEXT_MIN && s.length() <= TEXT_MAX;
    }
}
