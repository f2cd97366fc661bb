package org.bobine.web.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An error answered to the client as an RFC 7807 {@code application/problem+json} document in PeerTube's
 * shape: {@code status}, {@code title} (the reason phrase), {@code detail} and {@code error} (the message),
 * {@code code} and {@code type} (when a machine-readable code is known) and {@code invalid-params} (for
 * validation errors).
 *
 * <p>The message must be written for the client: it is sent as it is.
 */
public class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final Map<String, String> invalidParams;
    private final Map<String, String> headers = new LinkedHashMap<>();

    /**
     * @param status the HTTP status, 4xx or 5xx
     * @param code PeerTube's machine-readable code (for example {@code quota_reached}), or {@code null}
     * @param detail the message for the client
     */
    public ApiException(int status, String code, String detail) {
        this(status, code, detail, Map.of());
    }

    /**
     * @param status the HTTP status, 4xx or 5xx
     * @param code PeerTube's machine-readable code, or {@code null}
     * @param detail the message for the client
     * @param invalidParams for validation errors, each invalid parameter and what is wrong with it
     */
    public ApiException(int status, String code, String detail, Map<String, String> invalidParams) {
        super(detail);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("not an error status: " + status);
        }
        this.status = status;
        this.code = code;
        this.invalidParams = Collections.unmodifiableMap(new LinkedHashMap<>(invalidParams));
    }

    /**
     * @param detail the message for the client
     * @return a 400 Bad Request
     */
    public static ApiException badRequest(String detail) {
        return new ApiException(400, null, detail);
    }

    /**
     * A validation error: PeerTube's {@code Incorrect request parameters: a, b} with {@code invalid-params}.
     *
     * @param invalidParams each invalid parameter and what is wrong with it, in the order to report them
     * @return a 400 Bad Request
     */
    public static ApiException invalidParams(Map<String, String> invalidParams) {
        return new ApiException(400, null,
                "Incorrect request parameters: " + String.join(", ", invalidParams.keySet()), invalidParams);
    }

    /**
     * @param param the invalid parameter
     * @param message what is wrong with it
     * @return a 400 Bad Request with one invalid parameter
     */
    public static ApiException invalidParam(String param, String message) {
        return invalidParams(Map.of(param, message));
    }

    /**
     * @param detail the message for the client
     * @return a 404 Not Found
     */
    public static ApiException notFound(String detail) {
        return new ApiException(404, null, detail);
    }

    /**
     * @param detail the message for the client
     * @return a 403 Forbidden
     */
    public static ApiException forbidden(String detail) {
        return new ApiException(403, null, detail);
    }

    /**
     * Adds a header to the error response, such as PeerTube's {@code x-peertube-otp: required; app}.
     *
     * @param name the header's name
     * @param value its value
     * @return this exception
     */
    public ApiException withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** @return the headers to send with the error response */
    public Map<String, String> headers() {
        return Collections.unmodifiableMap(headers);
    }

    /** @return the HTTP status */
    public int status() {
        return status;
    }

    /** @return the machine-readable code, or {@code null} */
    public String code() {
        return code;
    }

    /** @return the invalid parameters and their messages; empty unless this is a validation error */
    public Map<String, String> invalidParams() {
        return invalidParams;
    }
}
