package org.bobine.auth.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;

import org.bobine.persistence.api.TransactionService;
import org.bobine.web.api.ApiException;
import org.bobine.web.api.ApiRequest;
import org.bobine.web.api.ApiRoutes;
import org.bobine.web.api.ApiUser;
import org.bobine.web.api.Page;
import org.bobine.web.api.Pagination;
import org.bobine.web.api.Router;
import org.bobine.web.api.UserRight;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sign-up, as PeerTube offers it: {@code POST /api/v1/users/register} when anyone may join directly, and
 * {@code POST /api/v1/users/registrations/request} when a moderator approves each newcomer, with the
 * moderators' {@code GET /users/registrations}, {@code POST /users/registrations/{id}/accept|reject} and
 * {@code DELETE /users/registrations/{id}}.
 */
@Component(service = ApiRoutes.class)
public class RegistrationRoutes implements ApiRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(RegistrationRoutes.class);

    /** PeerTube's limit on sign-ups: 2 per address in 5 minutes; refused ones do not count. */
    static final int SIGNUPS = 2;
    static final Duration SIGNUP_WINDOW = Duration.ofMinutes(5);
    static final Set<String> SORTABLE = Set.of("createdAt", "state");

    /** The body of both sign-up requests; {@code registrationReason} only for a registration request. */
    record SignupRequest(String username, String password, String email, String displayName, Channel channel,
            String registrationReason) {
    }

    /** The default channel a newcomer asks for. */
    record Channel(String name, String displayName) {
    }

    /** The body of accept and reject. */
    record Decision(String moderationResponse, Boolean preventEmailDelivery) {
    }

    private final TransactionService transactions;
    private final UserAccounts accounts;
    private final SignupSection signup;
    private final AccountMail mail;
    private final VerificationCodes codes;
    private final RateLimit signupLimit = new RateLimit(SIGNUPS, SIGNUP_WINDOW);

    @Activate
    public RegistrationRoutes(@Reference(target = LocalOAuthClient.WITH_AUTH_ENTITIES) TransactionService transactions,
            @Reference UserAccounts accounts, @Reference SignupSection signup, @Reference AccountMail mail,
            @Reference VerificationCodes codes) {
        this.transactions = transactions;
        this.accounts = accounts;
        this.signup = signup;
        this.mail = mail;
        this.codes = codes;
    }

    @Override
    public void register(Router router) {
        router.post("/users/register", this::registerDirectly);
        router.post("/users/registrations/request", this::requestRegistration);
        router.get("/users/registrations", this::list);
        router.post("/users/registrations/{id}/accept", request -> decide(request, true));
        router.post("/users/registrations/{id}/reject", request -> decide(request, false));
        router.delete("/users/registrations/{id}", this::remove);
    }

    /** The checks both ways of signing up share, PeerTube's order and messages. */
    private void ensureSignupAllowed(ApiRequest request, boolean direct) {
        if (!signup.enabled()) {
            throw ApiException.forbidden("User registration is not enabled.");
        }
        if (direct && signup.requiresApproval()) {
            throw ApiException.forbidden("User registration requires approval: send a registration request "
                    + "instead.");
        }
        if (!direct && !signup.requiresApproval()) {
            throw ApiException.forbidden("User registration does not require approval: register directly "
                    + "instead.");
        }
        if (!signup.belowLimit(true)) {
            throw ApiException.forbidden("User limit is reached on this instance");
        }
        if (!signup.allowedFrom(request.remoteAddress())) {
            throw ApiException.forbidden("You are not on a network authorized for registration.");
        }
        if (signup.requiresEmailVerification() && !mail.enabled()) {
            LOG.warn("A sign-up was refused: signup.requires_email_verification is on but no SMTP server is "
                    + "configured (smtp.hostname)");
            throw ApiException.forbidden("User registration needs e-mail verification, which this instance "
                    + "cannot send: tell its administrator.");
        }
    }

    /** A sign-up request, checked field by field with PeerTube's limits, with the default names filled in. */
    private SignupRequest validated(ApiRequest request, boolean withReason) {
        SignupRequest body = request.body(SignupRequest.class);
        Map<String, String> invalid = new LinkedHashMap<>();
        String username = body.username() == null ? "" : body.username();
        if (!UserAdminRoutes.validName(username)) {
            invalid.put("username", "Should have a valid username");
        }
        UserAdminRoutes.checkFields(invalid, true, body.email(), body.password(), ApiUser.USER, null, null);
        if (body.displayName() != null && !validDisplayName(body.displayName())) {
            invalid.put("displayName", "Should have a valid display name");
        }
        Channel channel = body.channel();
        if (channel != null) {
            if (channel.name() == null || !UserAdminRoutes.validName(channel.name())) {
                invalid.put("channel.name", "Should have a valid channel name");
            }
            if (channel.displayName() == null || !validDisplayName(channel.displayName())) {
                invalid.put("channel.displayName", "Should have a valid channel display name");
            }
        }
        if (withReason && (body.registrationReason() == null || body.registrationReason().length() < 2
                || body.registrationReason().length() > 3000)) {
            invalid.put("registrationReason", "Should have a valid registration reason");
        }
        if (!invalid.isEmpty()) {
            throw ApiException.invalidParams(invalid);
        }
        if (channel != null && channel.name().equals(username)) {
            throw ApiException.badRequest("Channel name cannot be the same as user username.");
        }
        UserDefaultsSection defaults = accounts.defaults();
        return new SignupRequest(username, body.password(), body.email(),
                body.displayName() == null ? username : body.displayName(),
                channel != null ? channel : new Channel(defaults.defaultChannelHandle(username),
                        defaults.defaultChannelDisplayName(username)),
                body.registrationReason());
    }

    static boolean validDisplayName(String name) {
        return !name.isBlank() && name.length() <= 120;
    }

    /**
     * A sign-up that may go ahead: within the limit of this address, allowed by the configuration, valid. Only
     * successful sign-ups count against the limit ({@code signupLimit.record} once done).
     */
    private SignupRequest admitted(ApiRequest request, boolean direct, Instant now) {
        signupLimit.enforceWithoutRecording(request.remoteAddress(), now,
                "Too many registrations from this address, please try again later.");
        ensureSignupAllowed(request, direct);
        return validated(request, !direct);
    }

    Object registerDirectly(ApiRequest request) {
        Instant now = Instant.now();
        SignupRequest body = admitted(request, true, now);
        boolean verify = signup.requiresEmailVerification();
        String hash = Passwords.hash(body.password());
        String[] code = new String[1];
        User user = transactions.call(em -> {
            User created = accounts.create(em, new UserAccounts.NewUser(body.username(), body.email(), hash,
                    ApiUser.USER, null, null, body.displayName(), body.channel().name(),
                    body.channel().displayName(), verify ? Boolean.FALSE : null), null);
            if (verify) {
                code[0] = codes.issue(em, Verification.USER_EMAIL, created.id(),
                        VerificationCodes.EMAIL_VERIFICATION_LIFETIME, now);
            }
            return created;
        });
        signupLimit.record(request.remoteAddress(), now);
        if (verify) {
            mail.userEmailVerification(user.email(), user.id(), user.username(), code[0], false);
        }
        LOG.info("User {} signed up", user.username());
        return null;
    }

    Map<String, Object> requestRegistration(ApiRequest request) {
        Instant now = Instant.now();
        SignupRequest body = admitted(request, false, now);
        boolean verify = signup.requiresEmailVerification();
        String hash = Passwords.hash(body.password());
        String[] code = new String[1];
        Registration registration = transactions.call(em -> {
            accounts.checkAvailable(em, body.username(), body.email(), body.channel().name(), null);
            long previous = em.createQuery("select count(r) from Registration r where r.username = :username "
                    + "or lower(r.email) = :email", Long.class).setParameter("username", body.username())
                    .setParameter("email", body.email().toLowerCase(Locale.ROOT)).getSingleResult();
            if (previous > 0) {
                throw new ApiException(409, null, "User with this username or email already exists.");
            }
            Registration created = new Registration(body.registrationReason(), body.username(), body.email(),
                    verify ? Boolean.FALSE : null, hash, body.displayName(), body.channel().name(),
                    body.channel().displayName(), now);
            em.persist(created);
            em.flush();
            if (verify) {
                code[0] = codes.issue(em, Verification.REGISTRATION_EMAIL, created.id(),
                        VerificationCodes.EMAIL_VERIFICATION_LIFETIME, now);
            }
            return created;
        });
        signupLimit.record(request.remoteAddress(), now);
        if (verify) {
            mail.registrationEmailVerification(registration.email(), registration.id(), registration.username(),
                    code[0]);
        }
        LOG.info("{} asked to join; a moderator decides", registration.username());
        return json(registration);
    }

    Page<Map<String, Object>> list(ApiRequest request) {
        request.requireRight(UserRight.MANAGE_REGISTRATIONS);
        Pagination page = request.pagination(SORTABLE, "-createdAt");
        String search = request.query("search").map(s -> "%" + s.toLowerCase(Locale.ROOT) + "%").orElse(null);
        String where = " where (:search is null or lower(r.username) like :search or lower(r.email) like :search"
                + " or lower(r.accountDisplayName) like :search)";
        return transactions.read(em -> {
            TypedQuery<Registration> query = em.createQuery("select r from Registration r" + where + " order by r."
                    + page.sortColumn() + (page.descending() ? " desc" : " asc") + ", r.id", Registration.class);
            TypedQuery<Long> count = em.createQuery("select count(r) from Registration r" + where, Long.class);
            for (TypedQuery<?> q : List.of(query, count)) {
                q.setParameter("search", search);
            }
            List<Map<String, Object>> data = query.setFirstResult(page.start()).setMaxResults(page.count())
                    .getResultList().stream().map(RegistrationRoutes::json).toList();
            return Page.of(count.getSingleResult(), data);
        });
    }

    Object decide(ApiRequest request, boolean accept) {
        request.requireRight(UserRight.MANAGE_REGISTRATIONS);
        Decision decision = request.body(Decision.class);
        String response = decision.moderationResponse();
        if (response == null || response.length() < 2 || response.length() > 3000) {
            throw ApiException.invalidParam("moderationResponse", "Should have a valid moderation response");
        }
        Instant now = Instant.now();
        Registration decided = transactions.call(em -> {
            Registration registration = find(em, request);
            if (registration.state() != Registration.PENDING) {
                throw new ApiException(409, null, "This registration is already "
                        + Registration.STATE_LABELS[registration.state()].toLowerCase(Locale.ROOT) + ".");
            }
            if (accept) {
                User user = accounts.create(em, new UserAccounts.NewUser(registration.username(),
                        registration.email(), registration.passwordHash(), ApiUser.USER, null, null,
                        registration.accountDisplayName(), registration.channelName(),
                        registration.channelDisplayName(), registration.emailVerified()), registration.id());
                registration.accept(response, user.id(), now);
            } else {
                registration.reject(response, now);
            }
            return registration;
        });
        if (!Boolean.TRUE.equals(decision.preventEmailDelivery())) {
            if (accept) {
                mail.registrationAccepted(decided.email(), decided.username(), response);
            } else {
                mail.registrationRejected(decided.email(), decided.username(), response);
            }
        }
        LOG.info("The registration of {} was {}", decided.username(), accept ? "accepted" : "rejected");
        return null;
    }

    Object remove(ApiRequest request) {
        request.requireRight(UserRight.MANAGE_REGISTRATIONS);
        transactions.run(em -> {
            Registration registration = find(em, request);
            em.createQuery("delete from Verification v where v.purpose = :purpose and v.subjectId = :id")
                    .setParameter("purpose", Verification.REGISTRATION_EMAIL).setParameter("id", registration.id())
                    .executeUpdate();
            em.remove(registration);
        });
        return null;
    }

    static Registration find(EntityManager em, ApiRequest request) {
        long id;
        try {
            id = Long.parseLong(request.pathParam("id"));
        } catch (NumberFormatException e) {
            throw ApiException.invalidParam("id", "Should have a valid registration id");
        }
        Registration registration = em.find(Registration.class, id);
        if (registration == null) {
            throw ApiException.notFound("Registration not found");
        }
        return registration;
    }

    /** A registration in PeerTube's {@code UserRegistration} shape. */
    static Map<String, Object> json(Registration registration) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", registration.id());
        json.put("state", Map.of("id", registration.state(), "label",
                Registration.STATE_LABELS[registration.state()]));
        json.put("registrationReason", registration.registrationReason());
        json.put("moderationResponse", registration.moderationResponse());
        json.put("username", registration.username());
        json.put("email", registration.email());
        json.put("emailVerified", registration.emailVerified());
        json.put("accountDisplayName", registration.accountDisplayName());
        json.put("channelHandle", registration.channelName());
        json.put("channelDisplayName", registration.channelDisplayName());
        json.put("createdAt", registration.createdAt().toString());
        json.put("updatedAt", registration.updatedAt().toString());
        json.put("user", registration.userId() == null ? null : Map.of("id", registration.userId()));
        return json;
    }
}
