package org.bobine.auth.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a user chooses for themselves, in PeerTube's fields of {@code PUT /api/v1/users/me}.
 *
 * @param videoLanguages the languages of the videos the user wants listed; {@code null} for all
 */
record Preferences(String nsfwPolicy, boolean p2pEnabled, boolean videosHistoryEnabled, boolean autoPlayVideo,
        boolean autoPlayNextVideo, boolean autoPlayNextVideoPlaylist, List<String> videoLanguages, String theme,
        boolean noInstanceConfigWarningModal, boolean noWelcomeModal, boolean noAccountSetupWarningModal) {

    static final Set<String> NSFW_POLICIES = Set.of("do_not_list", "blur", "display");
    /** PeerTube's limit: fewer than 20 languages. */
    static final int MAX_LANGUAGES = 20;
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]{2,8}){0,2}");
    private static final Pattern THEME = Pattern.compile("[a-z0-9_-]{1,50}");

    /** The fields of {@code PUT /users/me} that this record holds. */
    static final Set<String> FIELDS = Set.of("nsfwPolicy", "p2pEnabled", "webTorrentEnabled", "videosHistoryEnabled",
            "autoPlayVideo", "autoPlayNextVideo", "autoPlayNextVideoPlaylist", "videoLanguages", "theme",
            "noInstanceConfigWarningModal", "noWelcomeModal", "noAccountSetupWarningModal");

    /**
     * These preferences with the fields given in a request body changed; a field of the wrong type or value is
     * reported in {@code invalid} under its name.
     */
    Preferences with(Map<String, Object> body, Map<String, String> invalid) {
        String policy = nsfwPolicy;
        if (body.containsKey("nsfwPolicy")) {
            if (body.get("nsfwPolicy") instanceof String s && NSFW_POLICIES.contains(s)) {
                policy = s;
            } else {
                invalid.put("nsfwPolicy", "Should have a valid display Not Safe For Work policy");
            }
        }
        // webTorrentEnabled is the name older clients use for p2pEnabled.
        boolean p2p = flag(body, "webTorrentEnabled", flag(body, "p2pEnabled", p2pEnabled, invalid), invalid);
        List<String> languages = videoLanguages;
        if (body.containsKey("videoLanguages")) {
            languages = languages(body.get("videoLanguages"), invalid);
        }
        String chosenTheme = theme;
        if (body.containsKey("theme")) {
            if (body.get("theme") instanceof String s && THEME.matcher(s).matches()) {
                chosenTheme = s;
            } else {
                invalid.put("theme", "Should have a valid theme");
            }
        }
        return new Preferences(policy, p2p,
                flag(body, "videosHistoryEnabled", videosHistoryEnabled, invalid),
                flag(body, "autoPlayVideo", autoPlayVideo, invalid),
                flag(body, "autoPlayNextVideo", autoPlayNextVideo, invalid),
                flag(body, "autoPlayNextVideoPlaylist", autoPlayNextVideoPlaylist, invalid), languages, chosenTheme,
                flag(body, "noInstanceConfigWarningModal", noInstanceConfigWarningModal, invalid),
                flag(body, "noWelcomeModal", noWelcomeModal, invalid),
                flag(body, "noAccountSetupWarningModal", noAccountSetupWarningModal, invalid));
    }

    private static boolean flag(Map<String, Object> body, String field, boolean current,
            Map<String, String> invalid) {
        if (!body.containsKey(field)) {
            return current;
        }
        if (body.get(field) instanceof Boolean value) {
            return value;
        }
        invalid.put(field, "Should have a valid " + field + " boolean");
        return current;
    }

    private static List<String> languages(Object value, Map<String, String> invalid) {
        if (value == null) {
            return null;
        }
        if (value instanceof List<?> list && list.size() < MAX_LANGUAGES) {
            List<String> codes = new ArrayList<>();
            for (Object code : list) {
                if (!(code instanceof String s) || !LANGUAGE.matcher(s).matches()) {
                    invalid.put("videoLanguages", "Should have a valid video languages attribute");
                    return null;
                }
                if (!codes.contains(s)) {
                    codes.add(s);
                }
            }
            // No language chosen means every language, as in PeerTube's client.
            return codes.isEmpty() ? null : List.copyOf(codes);
        }
        invalid.put("videoLanguages", "Should have a valid video languages attribute");
        return null;
    }
}
