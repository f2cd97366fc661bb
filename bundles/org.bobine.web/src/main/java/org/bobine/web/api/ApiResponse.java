package org.bobine.web.api;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A response with an explicit status, headers or content type, for the cases where a plain return value from
 * an {@link ApiHandler} is not enough.
 *
 * <p>Instances are immutable; the {@code with...} methods return copies.
 *
 * @param status the HTTP status
 * @param contentType the media type of {@code body}; ignored when {@code body} is {@code null}
 * @param headers extra response headers
 * @param body the body: a {@code byte[]} sent as it is, or any other object serialised to JSON; {@code null}
 *        for none
 */
public record ApiResponse(int status, String contentType, Map<String, String> headers, Object body) {

    /** The media type of JSON bodies. */
    public static final String JSON = "application/json; charset=utf-8";

    /**
     * @param status the HTTP status
     * @param contentType the media type of {@code body}
     * @param headers extra response headers
     * @param body the body, see the record description
     */
    public ApiResponse {
        Objects.requireNonNull(contentType, "contentType");
        headers = Map.copyOf(headers);
    }

    /**
     * @param status the HTTP status
     * @param body an object serialised to JSON
     * @return a JSON response
     */
    public static ApiResponse json(int status, Object body) {
        return new ApiResponse(status, JSON, Map.of(), body);
    }

    /**
     * @param text a plain text body
     * @return a 200 {@code text/plain} response
     */
    public static ApiResponse text(String text) {
        return new ApiResponse(200, "text/plain; charset=utf-8", Map.of(), text.getBytes(StandardCharsets.UTF_8));
    }

    /** @return a 204 response without body */
    public static ApiResponse noContent() {
        return new ApiResponse(204, JSON, Map.of(), null);
    }

    /**
     * @param name a header name
     * @param value its value
     * @return a copy of this response with the header set
     */
    public ApiResponse withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new ApiResponse(status, contentType, copy, body);
    }
}
