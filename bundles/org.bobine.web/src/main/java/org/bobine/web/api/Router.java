package org.bobine.web.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Receives the routes of an {@link ApiRoutes} service.
 *
 * <p>A path is relative to {@code /api/v1}, starts with {@code /}, and is made of literal segments and
 * parameter segments in braces ({@code /video-channels/{handle}/videos}); a parameter matches exactly one
 * non-empty segment and is read with {@link ApiRequest#pathParam(String)}. Literal segments take precedence
 * over parameters, so {@code /users/me} and {@code /users/{id}} coexist.
 */
@ProviderType
public interface Router {

    /**
     * The largest multipart body of a route declared without a limit: above every limit of PeerTube's form
     * uploads (images 4 MB, captions 20 MB), each of which the endpoint checks itself.
     */
    long DEFAULT_MULTIPART_BYTES = 32L << 20;

    /**
     * Declares a route.
     *
     * @param method the HTTP method, upper case
     * @param path the path template
     * @param handler what answers requests on that route
     * @return this router
     * @throws IllegalArgumentException if the path template is malformed
     */
    Router route(String method, String path, ApiHandler handler);

    /**
     * Declares a route that takes large {@code multipart/form-data} bodies (video uploads). Other routes accept
     * multipart bodies of at most {@link #DEFAULT_MULTIPART_BYTES}; bodies larger than the route's limit are
     * refused with a 413 ({@code max_file_size_reached}) before any byte is read. Parts larger than a megabyte
     * wait in temporary files of the web server, never in memory, until the request ends.
     *
     * <p>The default declares a plain route, for routers that know no limits.
     *
     * @param method the HTTP method, upper case
     * @param path the path template
     * @param maxMultipartBytes the largest multipart body, in bytes
     * @param handler what answers requests on that route
     * @return this router
     * @throws IllegalArgumentException if the path template is malformed
     */
    default Router route(String method, String path, long maxMultipartBytes, ApiHandler handler) {
        return route(method, path, handler);
    }

    /** Declares a {@code GET} route, see {@link #route(String, String, ApiHandler)}. @return this router */
    default Router get(String path, ApiHandler handler) {
        return route("GET", path, handler);
    }

    /** Declares a {@code POST} route, see {@link #route(String, String, ApiHandler)}. @return this router */
    default Router post(String path, ApiHandler handler) {
        return route("POST", path, handler);
    }

    /** Declares a {@code PUT} route, see {@link #route(String, String, ApiHandler)}. @return this router */
    default Router put(String path, ApiHandler handler) {
        return route("PUT", path, handler);
    }

    /** Declares a {@code DELETE} route, see {@link #route(String, String, ApiHandler)}. @return this router */
    default Router delete(String path, ApiHandler handler) {
        return route("DELETE", path, handler);
    }
}
