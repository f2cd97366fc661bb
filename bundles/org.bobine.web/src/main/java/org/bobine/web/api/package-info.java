/**
 * The HTTP API conventions of Bobine, as services that other bundles use to add endpoints under
 * {@code /api/v1} in PeerTube's wire shape.
 *
 * <p>A bundle contributes endpoints by registering an {@link org.bobine.web.api.ApiRoutes} service; the web
 * bundle routes requests to it and applies the conventions every endpoint shares:
 * <ul>
 * <li>responses are JSON (Jackson) unless a handler returns an {@link org.bobine.web.api.ApiResponse} that
 * says otherwise; lists are {@link org.bobine.web.api.Page}s, {@code {"total": n, "data": [...]}};</li>
 * <li>errors are RFC 7807 {@code application/problem+json} documents with PeerTube's fields
 * ({@code status, title, detail, type, code, error}, and {@code invalid-params} for validation errors),
 * produced from {@link org.bobine.web.api.ApiException}s; any other exception becomes a 500 without a stack
 * trace in the response;</li>
 * <li>pagination is {@code start}, {@code count} (default 15, at most 100) and {@code sort} (a column, with
 * {@code -} for descending), see {@link org.bobine.web.api.Pagination};</li>
 * <li>request bodies are size-limited and malformed JSON is a 400;</li>
 * <li>an unknown {@code /api/v1/...} route is a 400, as in PeerTube;</li>
 * <li>a bearer token is turned into an {@link org.bobine.web.api.ApiUser} by the instance's
 * {@link org.bobine.web.api.Authenticator} ({@link org.bobine.web.api.ApiRequest#user()}); an invalid token is a
 * 401 {@code invalid_token}; every protected endpoint checks PeerTube's rights with
 * {@link org.bobine.web.api.ApiRequest#requireRight(UserRight)}, the one mechanism for rights.</li>
 * </ul>
 *
 * <p>{@link org.bobine.web.api.ServerConfigContributor}s add their sections to {@code GET /api/v1/config}.
 * {@link org.bobine.web.api.InstanceAddress} tells the instance's public address.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.bobine.web.api;
