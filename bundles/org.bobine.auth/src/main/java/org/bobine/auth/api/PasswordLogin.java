package org.bobine.auth.api;

import java.time.Duration;

import org.bobine.web.api.ApiException;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Logs a user in with a name and a password, for the instance's own pages, which keep the access token in a
 * cookie instead of running the OAuth flow in the browser. It applies exactly the rules of
 * {@code POST /api/v1/users/token} with the instance's own OAuth client: the limit of attempts per address,
 * blocked users, unverified e-mail addresses, pending sign-ups and two-factor codes.
 */
@ProviderType
public interface PasswordLogin {

    /**
     * The tokens of a new session, as the token endpoint issues them.
     *
     * @param accessToken the bearer token that authenticates requests
     * @param refreshToken the token that renews the pair
     * @param accessLifetime how long the access token is valid
     * @param refreshLifetime how long the refresh token is valid
     */
    record Session(String accessToken, String refreshToken, Duration accessLifetime, Duration refreshLifetime) {
    }

    /**
     * @param login the user's name or e-mail address
     * @param password the password
     * @param otp the two-factor code, or {@code null} when none was asked for
     * @param remoteAddress the address the attempt comes from, which the limit of attempts counts
     * @return the new session's tokens
     * @throws ApiException with the token endpoint's codes: {@code invalid_grant} (wrong credentials, blocked
     *         user, unverified e-mail), {@code missing_two_factor} and {@code invalid_two_factor},
     *         {@code account_waiting_for_approval}, {@code account_approval_rejected}, {@code invalid_request}
     *         (an empty name or password), and status 429 when the address made too many attempts
     */
    Session login(String login, String password, String otp, String remoteAddress);

    /**
     * Ends a session: the access token and its refresh token stop working. Unknown tokens are ignored.
     *
     * @param accessToken the session's access token
     */
    void logout(String accessToken);
}
