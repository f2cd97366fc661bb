package org.bobine.auth.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.persistence.EntityManager;

import org.bobine.auth.api.PasswordLogin;
import org.bobine.persistence.api.TransactionService;
import org.bobine.web.api.ApiException;
import org.bobine.web.api.ApiRequest;
import org.bobine.web.api.ApiResponse;
import org.bobine.web.api.ApiRoutes;
import org.bobine.web.api.ApiUser;
import org.bobine.web.api.Authenticator;
import org.bobine.web.api.Router;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * PeerTube's OAuth 2 password flow: {@code POST /api/v1/users/token} (grants {@code password} and
 * {@code refresh_token}, form-encoded), {@code POST /api/v1/users/revoke-token}, and the {@link Authenticator}
 * that turns the bearer tokens of every API request into users.
 */
@Component(service = {ApiRoutes.class, Authenticator.class, PasswordLogin.class})
public class OAuthRoutes implements ApiRoutes, Authenticator, PasswordLogin {

    /** PeerTube's limit: 15 login attempts per address in 5 minutes. */
    static final int LOGIN_ATTEMPTS = 15;
    static final Duration LOGIN_WINDOW = Duration.ofMinutes(5);
    /** The request header that carries a two-factor code, and the response header that asks for one. */
    static final String OTP_HEADER = "x-peertube-otp";

    private final TransactionService transactions;
    private final TokenStore tokens;
    private final SignupSection signup;
    private final RateLimit loginLimit = new RateLimit(LOGIN_ATTEMPTS, LOGIN_WINDOW);
    /** The instance's own OAuth client, which sessions of the instance's pages belong to; read once. */
    private volatile Long localClientId;

    /**
     * @param users referenced so that logins open only once the administrator exists: a login at start-up must
     *        not be refused for a user about to be created
     */
    @Activate
    public OAuthRoutes(@Reference(target = LocalOAuthClient.WITH_AUTH_ENTITIES) TransactionService transactions,
            @Reference Users users, @Reference TokenStore tokens, @Reference SignupSection signup) {
        this.transactions = transactions;
        this.tokens = tokens;
        this.signup = signup;
    }

    @Override
    public void register(Router router) {
        router.post("/users/token", this::token);
        router.post("/users/revoke-token", this::revoke);
    }

    @Override
    public Optional<ApiUser> authenticate(String accessToken) {
        return tokens.authenticate(accessToken, Instant.now());
    }

    @Override
    public Session login(String login, String password, String otp, String remoteAddress) {
        loginLimit.enforce(remoteAddress, Instant.now(), "Too many login attempts, please try again later.");
        Long clientId = localClientId;
        if (clientId == null) {
            clientId = LocalOAuthClient.findOrCreate(transactions).id();
            localClientId = clientId;
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("username", login == null ? "" : login);
        form.put("password", password == null ? "" : password);
        TokenStore.IssuedTokens issued = passwordGrant(form, otp, clientId, Instant.now());
        return new Session(issued.accessToken(), issued.refreshToken(), issued.accessLifetime(),
                issued.refreshLifetime());
    }

    @Override
    public void logout(String accessToken) {
        if (accessToken != null && !accessToken.isEmpty()) {
            tokens.revoke(accessToken);
        }
    }

    ApiResponse token(ApiRequest request) {
        loginLimit.enforce(request.remoteAddress(), Instant.now(), "Too many login attempts, please try again later.");
        Map<String, String> form = request.form();
        long clientId = client(form);
        String grant = form.getOrDefault("grant_type", "");
        Instant now = Instant.now();
        TokenStore.IssuedTokens issued = switch (grant) {
            case "password" -> passwordGrant(form, request.header(OTP_HEADER).orElse(null), clientId, now);
            case "refresh_token" -> refreshGrant(form, clientId, now);
            case "" -> throw new ApiException(400, "invalid_request", "Missing parameter: `grant_type`");
            default -> throw new ApiException(400, "unsupported_grant_type",
                    "Unsupported grant type: `grant_type` is invalid");
        };
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token_type", "Bearer");
        body.put("access_token", issued.accessToken());
        body.put("refresh_token", issued.refreshToken());
        body.put("expires_in", issued.accessLifetime().toSeconds());
        body.put("refresh_token_expires_in", issued.refreshLifetime().toSeconds());
        return ApiResponse.json(200, body).withHeader("Cache-Control", "no-store").withHeader("Pragma", "no-cache");
    }

    private long client(Map<String, String> form) {
        String clientId = form.getOrDefault("client_id", "");
        String clientSecret = form.getOrDefault("client_secret", "");
        List<Long> ids = transactions.read(em -> em.createQuery("select c.id from OAuthClient c "
                + "where c.clientId = :id and c.clientSecret = :secret", Long.class)
                .setParameter("id", clientId).setParameter("secret", clientSecret).getResultList());
        if (ids.isEmpty()) {
            throw new ApiException(400, "invalid_client", "Invalid client: client is invalid");
        }
        return ids.get(0);
    }

    private TokenStore.IssuedTokens passwordGrant(Map<String, String> form, String otp, long clientId,
            Instant now) {
        String login = form.getOrDefault("username", "").trim();
        String password = form.getOrDefault("password", "");
        if (login.isEmpty() || password.isEmpty()) {
            throw new ApiException(400, "invalid_request", "Missing parameter: `username` and `password`");
        }
        // Usernames are stored lower-case; either the name or the e-mail address logs in.
        String lower = login.toLowerCase(Locale.ROOT);
        return transactions.call(em -> {
            User user = em.createQuery("select u from User u where u.username = :login or lower(u.email) = :login",
                    User.class).setParameter("login", lower).getResultStream().findFirst().orElse(null);
            if (user == null) {
                refuseRegistration(em, lower, password);
            }
            // The same answer whether the user exists or not, and the same cost: nothing to learn by probing.
            boolean valid = Passwords.matches(password, user == null ? Users.UNUSABLE_HASH : user.passwordHash());
            if (user == null || !valid) {
                throw invalidCredentials();
            }
            if (user.blocked()) {
                throw new ApiException(400, "invalid_grant", "User is blocked.");
            }
            if (Boolean.FALSE.equals(user.emailVerified()) && signup.requiresEmailVerification()) {
                throw new ApiException(400, "invalid_grant", "User email is not verified.");
            }
            if (user.otpSecret() != null) {
                if (otp == null || otp.isBlank()) {
                    throw new ApiException(401, "missing_two_factor", "Missing two factor header")
                            .withHeader(OTP_HEADER, "required; app");
                }
                if (!Totp.verify(user.otpSecret(), otp.trim(), now)) {
                    throw new ApiException(400, "invalid_two_factor", "Invalid two factor header");
                }
            }
            user.loggedIn(now);
            return tokens.issue(em, user.id(), clientId, now);
        });
    }

    private static ApiException invalidCredentials() {
        return new ApiException(400, "invalid_grant", "Invalid grant: user credentials are invalid");
    }

    /**
     * Someone who asked to join, and whose request is still pending or was rejected, is told so, as PeerTube
     * does; but only with the password of the request, so that the state of a request is not for anyone to
     * probe. Without such a request, nothing happens here.
     */
    private static void refuseRegistration(EntityManager em, String login, String password) {
        Registration registration = em.createQuery("select r from Registration r where (r.username = :login "
                + "or lower(r.email) = :login) and r.state <> :accepted", Registration.class)
                .setParameter("login", login).setParameter("accepted", Registration.ACCEPTED).getResultStream()
                .findFirst().orElse(null);
        if (registration == null) {
            return;
        }
        if (!Passwords.matches(password, registration.passwordHash())) {
            throw invalidCredentials();
        }
        if (registration.state() == Registration.PENDING) {
            throw new ApiException(400, "account_waiting_for_approval",
                    "Your account is awaiting approval by a moderator.");
        }
        throw new ApiException(400, "account_approval_rejected", "Your account has been rejected.");
    }

    private TokenStore.IssuedTokens refreshGrant(Map<String, String> form, long clientId, Instant now) {
        String refresh = form.getOrDefault("refresh_token", "");
        if (refresh.isEmpty()) {
            throw new ApiException(400, "invalid_request", "Missing parameter: `refresh_token`");
        }
        return transactions.call(em -> {
            Token old = tokens.findByRefreshToken(em, refresh, now).filter(t -> t.clientId() == clientId)
                    .orElseThrow(() -> new ApiException(400, "invalid_grant",
                            "Invalid grant: refresh token is invalid"));
            User user = em.find(User.class, old.userId());
            if (user == null || user.blocked()) {
                throw new ApiException(400, "invalid_grant", "Invalid grant: refresh token is invalid");
            }
            // A refresh replaces the pair: the old access and refresh tokens stop working.
            return tokens.replace(em, old, now);
        });
    }

    Map<String, Object> revoke(ApiRequest request) {
        request.requireUser();
        String authorization = request.header("Authorization").orElse("");
        tokens.revoke(authorization.substring("Bearer ".length()).trim());
        return Map.of();
    }
}
