package org.bobine.web.api;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A request to an {@code /api/v1} route, with PeerTube's parsing rules.
 */
@ProviderType
public interface ApiRequest {

    /** @return the HTTP method, upper case */
    String method();

    /** @return the path relative to {@code /api/v1}, for example {@code /videos/42} */
    String path();

    /**
     * @param name a parameter of the route's path template, without braces
     * @return its value, URL-decoded
     * @throws IllegalArgumentException if the route has no such parameter
     */
    String pathParam(String name);

    /**
     * @param name a query parameter
     * @return its first value, if present
     */
    Optional<String> query(String name);

    /**
     * @param name a query parameter that may repeat ({@code tagsOneOf=a&tagsOneOf=b})
     * @return all its values, in order; empty if absent
     */
    List<String> queryAll(String name);

    /**
     * Reads an integer query parameter.
     *
     * @param name the parameter
     * @param min the smallest accepted value
     * @param max the largest accepted value
     * @return the value, if present
     * @throws ApiException a 400 validation error naming the parameter if it is not an integer in range
     */
    Optional<Integer> queryInt(String name, int min, int max);

    /**
     * Reads a boolean query parameter ({@code true} or {@code false}).
     *
     * @param name the parameter
     * @return the value, if present
     * @throws ApiException a 400 validation error naming the parameter if it is not a boolean
     */
    Optional<Boolean> queryBoolean(String name);

    /**
     * Reads PeerTube's pagination parameters: {@code start} (at least 0, default 0), {@code count} (1 to 100,
     * default 15) and {@code sort} (one of {@code sortable}, with {@code -} for descending).
     *
     * @param sortable the columns this list may be sorted by
     * @param defaultSort the sort used when none is given, for example {@code -createdAt}
     * @return the pagination
     * @throws ApiException a 400 validation error naming the parameter that is out of range or unknown
     */
    Pagination pagination(Set<String> sortable, String defaultSort);

    /**
     * @param name a request header, case-insensitive
     * @return its value, if present
     */
    Optional<String> header(String name);

    /**
     * Reads the body as JSON into {@code type} (a record, a class with Jackson annotations, a {@code Map}...).
     *
     * @param <T> the type to read
     * @param type the type to read
     * @return the body
     * @throws ApiException a 400 if the body is missing, is not JSON, or does not fit {@code type}; a 413 if
     *         it is larger than the instance's limit for JSON bodies
     */
    <T> T body(Class<T> type);

    /**
     * Reads an {@code application/x-www-form-urlencoded} body, flat as PeerTube parses it.
     *
     * @return the fields and their first value
     * @throws ApiException a 400 if the body is of another type; a 413 if it is too large
     */
    Map<String, String> form();

    /**
     * Reads one file of a {@code multipart/form-data} body, as PeerTube's image and caption uploads send them.
     *
     * @param field the form field, for example {@code avatarfile}
     * @param maxBytes the largest accepted file
     * @return the file, or empty when the body is not multipart or has no file under this field
     * @throws ApiException a 400 validation error naming the field when the file is larger than {@code maxBytes};
     *         a 413 naming it when the body is larger than the web server accepts for any upload; a 400 when the
     *         body is malformed
     */
    Optional<UploadedFile> file(String field, long maxBytes);

    /**
     * Reads the text fields of a {@code multipart/form-data} body, as PeerTube's video uploads send their metadata
     * beside the file. Names are kept as sent, bracket notation included ({@code tags[0]},
     * {@code scheduleUpdate[updateAt]}); the caller gives them their structure.
     *
     * <p>The default answers no fields, as for a request without a multipart body.
     *
     * @return the fields and their values, in the order of the body; empty when the body is not multipart
     * @throws ApiException a 400 when the body is malformed; a 413 when it is larger than the route accepts
     */
    default Map<String, List<String>> multipartFields() {
        return Map.of();
    }

    /**
     * The body as it arrives, for routes that take raw bytes (the chunks of a resumable upload). Nothing is
     * buffered: the caller reads what it needs, bounding it itself, and the web server discards the rest.
     *
     * <p>The default answers an empty body.
     *
     * @return the body, which the caller need not close
     * @throws IOException if the body cannot be read
     */
    default InputStream bodyStream() throws IOException {
        return InputStream.nullInputStream();
    }

    /**
     * @return the query string as the client sent it (without {@code ?}; empty when there is none), for answers
     *         cached by their query; empty when this request cannot tell it
     */
    default Optional<String> queryString() {
        return Optional.empty();
    }

    /** @return the address of the client, as seen by the server */
    String remoteAddress();

    /**
     * The user the request is made for, from its {@code Authorization: Bearer} token.
     *
     * @return the user, or empty when the request carries no token
     * @throws ApiException a 401 with code {@code invalid_token} when the request carries a token that is not
     *         valid (unknown, expired, revoked, or of a blocked user), as PeerTube answers
     */
    Optional<ApiUser> user();

    /**
     * @return the user the request is made for
     * @throws ApiException a 401 when the request carries no valid token
     */
    default ApiUser requireUser() {
        return user().orElseThrow(() -> new ApiException(401, null, "No authentication token was given"));
    }

    /**
     * The one check of rights that every protected endpoint makes.
     *
     * @param right the right the endpoint needs
     * @return the user, who has the right
     * @throws ApiException a 401 when the request carries no valid token, a 403 when its user lacks the right
     */
    default ApiUser requireRight(UserRight right) {
        ApiUser user = requireUser();
        if (!right.grantedTo(user.role())) {
            throw ApiException.forbidden("User " + user.username() + " does not have right " + right.name());
        }
        return user;
    }
}
