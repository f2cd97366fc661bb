package org.bobine.web.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Answers the requests of one route.
 *
 * <p>What the handler returns becomes the response: an {@link ApiResponse} is sent as it is; {@code null} is
 * a {@code 204 No Content}; anything else is serialised to JSON with status 200. To answer with an error,
 * throw an {@link ApiException}; any other exception is logged and answered with a 500 problem that reveals
 * nothing of the exception.
 */
@ConsumerType
@FunctionalInterface
public interface ApiHandler {

    /**
     * Handles a request.
     *
     * @param request the request
     * @return the response body or an {@link ApiResponse}, or {@code null} for no content
     * @throws Exception any failure; see the class description for how it is answered
     */
    Object handle(ApiRequest request) throws Exception;
}
