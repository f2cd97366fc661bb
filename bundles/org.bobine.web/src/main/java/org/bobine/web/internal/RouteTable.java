package org.bobine.web.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.bobine.web.api.ApiHandler;
import org.bobine.web.api.Router;

/**
 * An immutable table of routes, matched by method and path segments. Literal segments beat parameters, so
 * {@code /users/me} wins over {@code /users/{id}}.
 */
final class RouteTable {

    private static final Pattern PARAM = Pattern.compile("\\{([A-Za-z][A-Za-z0-9_]*)}");
    private static final Pattern LITERAL = Pattern.compile("[A-Za-z0-9._~:@!$&'()*+,;=-]+");

    /** A declared route; {@code rank} orders routes of equal specificity (higher first). */
    record Route(String method, String template, String[] segments, ApiHandler handler, long rank, String owner,
            long maxMultipartBytes) {

        Route(String method, String template, String[] segments, ApiHandler handler, long rank, String owner) {
            this(method, template, segments, handler, rank, owner, Router.DEFAULT_MULTIPART_BYTES);
        }

        boolean isParam(int i) {
            return segments[i].startsWith("{");
        }

        int literalCount() {
            int n = 0;
            for (int i = 0; i < segments.length; i++) {
                if (!isParam(i)) {
                    n++;
                }
            }
            return n;
        }
    }

    /** The outcome of a lookup. */
    record Match(Route route, Map<String, String> params) {
    }

    static final RouteTable EMPTY = new RouteTable(List.of());

    private final Map<Integer, List<Route>> bySegmentCount = new HashMap<>();

    RouteTable(List<Route> routes) {
        for (Route route : routes) {
            bySegmentCount.computeIfAbsent(route.segments().length, n -> new ArrayList<>()).add(route);
        }
        // Most literal segments first, left to right; then the higher rank.
        Comparator<Route> specificity = (a, b) -> {
            for (int i = 0; i < a.segments().length; i++) {
                boolean pa = a.isParam(i);
                boolean pb = b.isParam(i);
                if (pa != pb) {
                    return pa ? 1 : -1;
                }
            }
            return Long.compare(b.rank(), a.rank());
        };
        bySegmentCount.values().forEach(list -> list.sort(specificity));
    }

    /**
     * Parses a path template into segments.
     *
     * @throws IllegalArgumentException if the template is malformed
     */
    static String[] parseTemplate(String template) {
        if (template == null || !template.startsWith("/")) {
            throw new IllegalArgumentException("A route path must start with '/': " + template);
        }
        if (template.equals("/")) {
            return new String[0];
        }
        String[] segments = template.substring(1).split("/", -1);
        for (String segment : segments) {
            if (!PARAM.matcher(segment).matches() && !LITERAL.matcher(segment).matches()) {
                throw new IllegalArgumentException("Malformed segment '" + segment + "' in route path " + template);
            }
        }
        return segments;
    }

    /** Splits a request path (already URL-decoded by the servlet container); {@code null} if it has an empty segment (a double or trailing slash). */
    static String[] splitPath(String path) {
        if (path == null || path.isEmpty() || path.equals("/")) {
            return new String[0];
        }
        String[] segments = path.substring(path.startsWith("/") ? 1 : 0).split("/", -1);
        for (String segment : segments) {
            if (segment.isEmpty()) {
                return null;
            }
        }
        return segments;
    }

    /** Finds the route for a method and a path, or {@code null}. */
    Match find(String method, String path) {
        String[] segments = splitPath(path);
        if (segments == null) {
            return null;
        }
        for (Route route : bySegmentCount.getOrDefault(segments.length, List.of())) {
            if (!route.method().equals(method)) {
                continue;
            }
            Map<String, String> params = match(route, segments);
            if (params != null) {
                return new Match(route, params);
            }
        }
        return null;
    }

    /** Whether some route, of any method, matches the path. */
    boolean hasPath(String path) {
        String[] segments = splitPath(path);
        return segments != null && bySegmentCount.getOrDefault(segments.length, List.of()).stream()
                .anyMatch(route -> match(route, segments) != null);
    }

    private static Map<String, String> match(Route route, String[] segments) {
        Map<String, String> params = null;
        for (int i = 0; i < segments.length; i++) {
            String expected = route.segments()[i];
            if (route.isParam(i)) {
                if (params == null) {
                    params = new HashMap<>();
                }
                params.put(expected.substring(1, expected.length() - 1), segments[i]);
            } else if (!expected.equals(segments[i])) {
                return null;
            }
        }
        return params == null ? Map.of() : params;
    }
}
