package org.bobine.theme.internal;

/** Checks the paths of theme files, so that a request can never leave a theme's root. */
final class ThemePaths {

    private ThemePaths() {
    }

    /** A relative path with {@code /} separators and no empty, {@code .} or {@code ..} segment. */
    static boolean isSafe(String path) {
        if (path == null || path.isEmpty() || path.length() > 500 || path.startsWith("/") || path.endsWith("/")) {
            return false;
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return false;
            }
            for (char c : segment.toCharArray()) {
                if (c < 0x20 || c == '\\' || c == 0x7f || c == ':') {
                    return false;
                }
            }
        }
        return true;
    }

    /** The media type of a theme file, by extension. */
    static String mediaType(String path) {
        String lower = path.toLowerCase(java.util.Locale.ROOT);
        int dot = lower.lastIndexOf('.');
        String extension = dot < 0 ? "" : lower.substring(dot + 1);
        return switch (extension) {
            case "css" -> "text/css; charset=utf-8";
            case "js", "mjs" -> "text/javascript; charset=utf-8";
            case "json" -> "application/json";
            case "svg" -> "image/svg+xml";
            case "png" -> "image/png";
            case "jpg", "jpeg" -> "image/jpeg";
            case "gif" -> "image/gif";
            case "webp" -> "image/webp";
            case "ico" -> "image/x-icon";
            case "woff" -> "font/woff";
            case "woff2" -> "font/woff2";
            case "ttf" -> "font/ttf";
            case "otf" -> "font/otf";
            case "txt" -> "text/plain; charset=utf-8";
            default -> "application/octet-stream";
        };
    }
}
