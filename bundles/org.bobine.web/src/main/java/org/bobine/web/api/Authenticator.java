package org.bobine.web.api;

import java.util.Optional;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Tells which user an OAuth access token belongs to. The users bundle registers one; the web bundle asks it
 * for every request that carries {@code Authorization: Bearer <token>}, so it sits on the hot path: answer from
 * memory where possible.
 *
 * <p>When several are registered, the one with the highest service ranking is used.
 */
@ConsumerType
public interface Authenticator {

    /**
     * @param accessToken the token sent by the client
     * @return the user, or empty if the token is unknown, expired or revoked, or its user is blocked
     */
    Optional<ApiUser> authenticate(String accessToken);
}
