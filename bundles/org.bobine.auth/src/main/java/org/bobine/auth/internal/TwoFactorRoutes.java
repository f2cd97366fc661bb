package org.bobine.auth.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.bobine.persistence.api.TransactionService;
import org.bobine.web.api.ApiException;
import org.bobine.web.api.ApiRequest;
import org.bobine.web.api.ApiRoutes;
import org.bobine.web.api.ApiUser;
import org.bobine.web.api.Router;
import org.bobine.web.api.InstanceAddress;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * PeerTube's two-factor authentication, for a user's own account: {@code POST /api/v1/users/{id}/two-factor/
 * request} (with the current password) gives a secret and its {@code otpauth://} URI,
 * {@code .../confirm-request} enables it once the user proves their app produces its codes, and
 * {@code .../disable} (with the current password) turns it off. Logins then need the code in the
 * {@code x-peertube-otp} header.
 */
@Component(service = ApiRoutes.class)
public class TwoFactorRoutes implements ApiRoutes {

    /** How long a request waits for its confirmation, as PeerTube's (10 minutes). */
    static final Duration REQUEST_LIFETIME = Duration.ofMinutes(10);

    /** A secret offered to a user and not confirmed yet; kept in this node's memory. */
    private record Pending(long userId, String secret, Instant expiresAt) {
    }

    /** The bodies of these endpoints. */
    record PasswordBody(String currentPassword) {
    }

    record ConfirmBody(String requestToken, String otpToken) {
    }

    private final TransactionService transactions;
    private final InstanceAddress address;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    @Activate
    public TwoFactorRoutes(@Reference(target = LocalOAuthClient.WITH_AUTH_ENTITIES) TransactionService transactions,
            @Reference InstanceAddress address) {
        this.transactions = transactions;
        this.address = address;
    }

    @Override
    public void register(Router router) {
        router.post("/users/{id}/two-factor/request", this::request);
        router.post("/users/{id}/two-factor/confirm-request", this::confirm);
        router.post("/users/{id}/two-factor/disable", this::disable);
    }

    /** The user of the request, who may only manage their own two-factor authentication. */
    private static ApiUser self(ApiRequest request) {
        ApiUser user = request.requireUser();
        if (!request.pathParam("id").equals(Long.toString(user.id()))) {
            throw ApiException.forbidden("Cannot manage the two factor authentication of another user");
        }
        return user;
    }

    private User checkPassword(ApiUser who, String password) {
        User user = transactions.read(em -> em.find(User.class, who.id()));
        if (user == null || password == null || !Passwords.matches(password, user.passwordHash())) {
            throw new ApiException(401, "current_password_is_invalid", "Invalid password");
        }
        return user;
    }

    Map<String, Object> request(ApiRequest request) {
        ApiUser who = self(request);
        User user = checkPassword(who, request.body(PasswordBody.class).currentPassword());
        if (user.otpSecret() != null) {
            throw ApiException.badRequest("Two factor is already enabled.");
        }
        Instant now = Instant.now();
        pending.values().removeIf(p -> p.expiresAt().isBefore(now));
        String secret = Totp.newSecret();
        String token = LocalOAuthClient.randomHex(20);
        pending.put(token, new Pending(who.id(), secret, now.plus(REQUEST_LIFETIME)));
        return Map.of("otpRequest", Map.of("requestToken", token, "secret", secret,
                "uri", Totp.uri(address.host(), who.username(), secret)));
    }

    Object confirm(ApiRequest request) {
        ApiUser who = self(request);
        ConfirmBody body = request.body(ConfirmBody.class);
        Pending offer = body.requestToken() == null ? null : pending.get(body.requestToken());
        Instant now = Instant.now();
        if (offer == null || offer.userId() != who.id() || offer.expiresAt().isBefore(now)) {
            throw ApiException.badRequest("Invalid request token");
        }
        if (!Totp.verify(offer.secret(), body.otpToken(), now)) {
            throw ApiException.forbidden("Invalid OTP token");
        }
        pending.remove(body.requestToken());
        transactions.run(em -> em.find(User.class, who.id()).otpSecret(offer.secret()));
        return null;
    }

    Object disable(ApiRequest request) {
        ApiUser who = self(request);
        User user = checkPassword(who, request.body(PasswordBody.class).currentPassword());
        if (user.otpSecret() == null) {
            throw ApiException.badRequest("Two factor is not enabled.");
        }
        transactions.run(em -> em.find(User.class, who.id()).otpSecret(null));
        return null;
    }
}
