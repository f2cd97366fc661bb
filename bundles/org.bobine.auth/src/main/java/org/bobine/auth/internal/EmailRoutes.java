package org.bobine.auth.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import jakarta.persistence.EntityManager;

import org.bobine.persistence.api.TransactionService;
import org.bobine.web.api.ApiException;
import org.bobine.web.api.ApiRequest;
import org.bobine.web.api.ApiRoutes;
import org.bobine.web.api.Router;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * What is done by following a link received by e-mail, as in PeerTube: password reset
 * ({@code POST /users/ask-reset-password}, {@code POST /users/{id}/reset-password}) and e-mail verification of
 * users and registrations ({@code POST /users/ask-send-verify-email}, {@code POST /users/{id}/verify-email},
 * {@code POST /users/registrations/ask-send-verify-email}, {@code POST /users/registrations/{id}/verify-email}).
 *
 * <p>Asking for an e-mail answers 204 whether or not the address belongs to someone, so that nobody learns who
 * has an account; only a wrong or expired code is refused (403).
 */
@Component(service = ApiRoutes.class)
public class EmailRoutes implements ApiRoutes {

    /** PeerTube's limit on requests that send e-mail: 3 per address in 5 minutes. */
    static final int EMAIL_REQUESTS = 3;
    static final Duration EMAIL_WINDOW = Duration.ofMinutes(5);

    /** The bodies of the requests. */
    record EmailRequest(String email) {
    }

    record ResetRequest(String verificationString, String password) {
    }

    record VerifyRequest(String verificationString, Boolean isPendingEmail) {
    }

    private final TransactionService transactions;
    private final UserAccounts accounts;
    private final AccountMail mail;
    private final VerificationCodes codes;
    private final TokenStore tokens;
    private final RateLimit emailLimit = new RateLimit(EMAIL_REQUESTS, EMAIL_WINDOW);

    @Activate
    public EmailRoutes(@Reference(target = LocalOAuthClient.WITH_AUTH_ENTITIES) TransactionService transactions,
            @Reference UserAccounts accounts, @Reference AccountMail mail, @Reference VerificationCodes codes,
            @Reference TokenStore tokens) {
        this.transactions = transactions;
        this.accounts = accounts;
        this.mail = mail;
        this.codes = codes;
        this.tokens = tokens;
    }

    @Override
    public void register(Router router) {
        router.post("/users/ask-reset-password", this::askPasswordReset);
        router.post("/users/{id}/reset-password", this::resetPassword);
        router.post("/users/ask-send-verify-email", this::askUserVerification);
        router.post("/users/{id}/verify-email", this::verifyUserEmail);
        router.post("/users/registrations/ask-send-verify-email", this::askRegistrationVerification);
        router.post("/users/registrations/{id}/verify-email", this::verifyRegistrationEmail);
    }

    /** The address a request asks about: limited, checked, and only when the instance sends e-mail. */
    private String requestedEmail(ApiRequest request) {
        mail.requireEnabled();
        emailLimit.enforce(request.remoteAddress(), Instant.now(),
                "Too many e-mail requests from this address, please try again later.");
        String email = request.body(EmailRequest.class).email();
        if (email == null || email.length() > 400 || !UserAdminRoutes.EMAIL.matcher(email).matches()) {
            throw ApiException.invalidParam("email", "Should have a valid email");
        }
        return email.toLowerCase(Locale.ROOT);
    }

    Object askPasswordReset(ApiRequest request) {
        String email = requestedEmail(request);
        Instant now = Instant.now();
        transactions.call(em -> findUserByEmail(em, email).map(user -> new Object[] {user,
                codes.issue(em, Verification.PASSWORD_RESET, user.id(), VerificationCodes.PASSWORD_RESET_LIFETIME,
                        now)}))
                .ifPresent(found -> {
                    User user = (User) found[0];
                    mail.passwordReset(user.email(), user.id(), user.username(), (String) found[1]);
                });
        return null;
    }

    Object resetPassword(ApiRequest request) {
        ResetRequest body = request.body(ResetRequest.class);
        if (body.password() == null || body.password().length() < 6 || body.password().length() > 255) {
            throw ApiException.invalidParam("password", "Should have a valid password");
        }
        String hash = Passwords.hash(body.password());
        long id = userId(request);
        transactions.run(em -> {
            User user = findUser(em, id);
            if (!codes.consume(em, Verification.PASSWORD_RESET, user.id(), body.verificationString(),
                    Instant.now())) {
                throw ApiException.forbidden("Invalid verification string.");
            }
            // Whoever knew the old password is logged out with it.
            UserAccounts.changePassword(em, user, hash);
        });
        tokens.forgetUser(id);
        return null;
    }

    Object askUserVerification(ApiRequest request) {
        String email = requestedEmail(request);
        Instant now = Instant.now();
        transactions.call(em -> em.createQuery("select u from User u where (lower(u.email) = :email "
                + "and u.emailVerified = false) or lower(u.pendingEmail) = :email", User.class)
                .setParameter("email", email).getResultStream().findFirst()
                .map(user -> new Object[] {user, codes.issue(em, Verification.USER_EMAIL, user.id(),
                        VerificationCodes.EMAIL_VERIFICATION_LIFETIME, now)}))
                .ifPresent(found -> {
                    User user = (User) found[0];
                    boolean pending = user.pendingEmail() != null && user.pendingEmail().equalsIgnoreCase(email);
                    mail.userEmailVerification(pending ? user.pendingEmail() : user.email(), user.id(),
                            user.username(), (String) found[1], pending);
                });
        return null;
    }

    Object verifyUserEmail(ApiRequest request) {
        VerifyRequest body = request.body(VerifyRequest.class);
        long id = userId(request);
        transactions.run(em -> {
            User user = findUser(em, id);
            if (!codes.consume(em, Verification.USER_EMAIL, user.id(), body.verificationString(), Instant.now())) {
                throw ApiException.forbidden("Invalid verification string.");
            }
            if (Boolean.TRUE.equals(body.isPendingEmail())) {
                if (user.pendingEmail() == null) {
                    throw ApiException.forbidden("No pending e-mail address to verify.");
                }
                long taken = em.createQuery("select count(u) from User u where lower(u.email) = :email",
                        Long.class).setParameter("email", user.pendingEmail().toLowerCase(Locale.ROOT))
                        .getSingleResult();
                if (taken > 0) {
                    throw new ApiException(409, null, "User with this email already exists.");
                }
                user.confirmPendingEmail();
            } else {
                user.emailVerified(true);
            }
        });
        return null;
    }

    Object askRegistrationVerification(ApiRequest request) {
        String email = requestedEmail(request);
        Instant now = Instant.now();
        transactions.call(em -> em.createQuery("select r from Registration r where lower(r.email) = :email "
                + "and r.emailVerified = false and r.state = :pending", Registration.class)
                .setParameter("email", email).setParameter("pending", Registration.PENDING).getResultStream()
                .findFirst().map(r -> new Object[] {r, codes.issue(em, Verification.REGISTRATION_EMAIL, r.id(),
                        VerificationCodes.EMAIL_VERIFICATION_LIFETIME, now)}))
                .ifPresent(found -> {
                    Registration registration = (Registration) found[0];
                    mail.registrationEmailVerification(registration.email(), registration.id(),
                            registration.username(), (String) found[1]);
                });
        return null;
    }

    Object verifyRegistrationEmail(ApiRequest request) {
        VerifyRequest body = request.body(VerifyRequest.class);
        transactions.run(em -> {
            Registration registration = RegistrationRoutes.find(em, request);
            if (!codes.consume(em, Verification.REGISTRATION_EMAIL, registration.id(), body.verificationString(),
                    Instant.now())) {
                throw ApiException.forbidden("Invalid verification string.");
            }
            registration.emailVerified(true);
        });
        return null;
    }

    private static Optional<User> findUserByEmail(EntityManager em, String email) {
        return em.createQuery("select u from User u where lower(u.email) = :email", User.class)
                .setParameter("email", email).getResultStream().findFirst();
    }

    private static long userId(ApiRequest request) {
        try {
            return Long.parseLong(request.pathParam("id"));
        } catch (NumberFormatException e) {
            throw ApiException.invalidParam("id", "Should have a valid user id");
        }
    }

    /** The user, or the same 403 as a wrong code: a reset link tells nothing about which ids exist. */
    private static User findUser(EntityManager em, long id) {
        User user = em.find(User.class, id);
        if (user == null) {
            throw ApiException.forbidden("Invalid verification string.");
        }
        return user;
    }
}
