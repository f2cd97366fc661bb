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
     * Declares a route.
     *
     * @param method the HTTP method, upper case
     * @param path the path template
     * @param handler what answers requests on that route
     * @return this router
     * @throws IllegalArgumentException if the path template is malformed
     */
    Router route(String method, String path, ApiHandler handler);

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
