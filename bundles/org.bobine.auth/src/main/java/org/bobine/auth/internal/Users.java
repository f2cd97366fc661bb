package org.bobine.auth.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.bobine.persistence.api.TransactionService;
import org.bobine.web.api.ApiException;
import org.bobine.web.api.ApiRequest;
import org.bobine.web.api.ApiRoutes;
import org.bobine.web.api.ApiUser;
import org.bobine.web.api.Router;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local users: the administrator {@code root}, created on the first start, and {@code /api/v1/users/me}.
 */
@Component(service = {ApiRoutes.class, Users.class}, configurationPid = Users.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = Users.Config.class)
public class Users implements ApiRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(Users.class);

    /** The configuration PID, fed by the {@code admin} section of bobine.yaml. */
    public static final String PID = "bobine.admin";

    static final String ROOT = "root";

    /** A bcrypt hash no password matches, checked when a login names nobody, so that both take as long. */
    static final String UNUSABLE_HASH = Passwords.hash(LocalOAuthClient.randomHex(32));

    /** The {@code admin} section. */
    @ObjectClassDefinition(id = PID, name = "Administrator", description = "The instance's administrator.")
    public @interface Config {
        @AttributeDefinition(name = "E-mail", description = "The administrator's e-mail address, given to the "
                + "root user on the first start.")
        String email() default "admin@example.com";

        @AttributeDefinition(name = "Initial root password", type = AttributeType.PASSWORD, required = false,
                description = "The password of root, set on the first start only; empty to generate one and "
                        + "print it once in the log.")
        String initialRootPassword() default "";
    }

    private final TransactionService transactions;
    private final UserAccounts accounts;
    private final SignupSection signup;
    private final AccountMail mail;
    private final VerificationCodes codes;

    @Activate
    public Users(@Reference(target = LocalOAuthClient.WITH_AUTH_ENTITIES) TransactionService transactions,
            @Reference UserAccounts accounts, @Reference SignupSection signup, @Reference AccountMail mail,
            @Reference VerificationCodes codes, Config config) {
        this.transactions = transactions;
        this.accounts = accounts;
        this.signup = signup;
        this.mail = mail;
        this.codes = codes;
        createRootIfAbsent(transactions, accounts, config);
    }

    static void createRootIfAbsent(TransactionService transactions, UserAccounts accounts, Config config) {
        long users = transactions.read(em -> em.createQuery("select count(u) from User u", Long.class)
                .getSingleResult());
        if (users > 0) {
            return;
        }
        boolean generated = config.initialRootPassword().isEmpty();
        String password = generated ? LocalOAuthClient.randomHex(12) : config.initialRootPassword();
        accounts.create(UserAccounts.NewUser.withDefaultNames(ROOT, config.email(), Passwords.hash(password),
                ApiUser.ADMINISTRATOR, null, null, accounts.defaults()));
        if (generated) {
            LOG.warn("Created the administrator \"root\" with the password {} (shown once; change it after "
                    + "logging in, or set admin.initial_root_password or BOBINE_ROOT_PASSWORD before the first "
                    + "start)", password);
        } else {
            LOG.info("Created the administrator \"root\" with the configured password");
        }
    }

    @Override
    public void register(Router router) {
        router.get("/users/me", this::me);
        router.delete("/users/me", this::deleteMe);
        router.put("/users/me", this::updateMe);
    }

    Map<String, Object> me(ApiRequest request) {
        ApiUser who = request.requireUser();
        User user = transactions.read(em -> em.find(User.class, who.id()));
        if (user == null) {
            throw new ApiException(401, "invalid_token", "Invalid token: access token is invalid");
        }
        return accounts.view(user);
    }

    /** The fields of {@code PUT /users/me} besides the preferences. */
    static final Set<String> ACCOUNT_FIELDS = Set.of("password", "currentPassword", "email", "displayName",
            "description");

    /**
     * {@code PUT /users/me}: preferences, the account's display name and description, and, each with the current
     * password as PeerTube asks, a new password or e-mail address. A field this instance does not know is
     * refused by name rather than ignored, so that a client never believes it was saved. When sign-ups verify
     * e-mail addresses, a new address waits as {@code pendingEmail} until the link sent to it is followed.
     */
    Object updateMe(ApiRequest request) {
        ApiUser who = request.requireUser();
        @SuppressWarnings("unchecked")
        Map<String, Object> body = request.body(Map.class);
        Map<String, String> invalid = new LinkedHashMap<>();
        for (String field : new TreeSet<>(body.keySet())) {
            if (!ACCOUNT_FIELDS.contains(field) && !Preferences.FIELDS.contains(field)) {
                invalid.put(field, "Is not a field of a user");
            }
        }
        String password = body.get("password") instanceof String s ? s : null;
        String email = body.get("email") instanceof String s ? s : null;
        if (body.containsKey("password") && (password == null || password.length() < 6 || password.length() > 255)) {
            invalid.put("password", "Should have a valid password");
        }
        if (body.containsKey("email") && (email == null || email.length() > 400
                || !UserAdminRoutes.EMAIL.matcher(email).matches())) {
            invalid.put("email", "Should have a valid email");
        }
        String displayName = null;
        if (body.containsKey("displayName")) {
            displayName = body.get("displayName") instanceof String s && RegistrationRoutes.validDisplayName(s) ? s
                    : null;
            if (displayName == null) {
                invalid.put("displayName", "Should have a valid display name");
            }
        }
        String description = null;
        if (body.containsKey("description")) {
            description = body.get("description") instanceof String s && s.length() >= 3 && s.length() <= 1000 ? s
                    : null;
            if (description == null) {
                invalid.put("description", "Should have a valid description");
            }
        }
        if ((displayName != null || description != null) && !accounts.lifecycles().profilesKept()) {
            invalid.put(displayName != null ? "displayName" : "description",
                    "Cannot be changed: no part of the instance keeps accounts");
        }
        User current = transactions.read(em -> em.find(User.class, who.id()));
        if (current == null) {
            throw new ApiException(401, "invalid_token", "Invalid token: access token is invalid");
        }
        Preferences preferences = current.preferences().with(body, invalid);
        if (!invalid.isEmpty()) {
            throw ApiException.invalidParams(invalid);
        }
        if (password != null || email != null) {
            String given = body.get("currentPassword") instanceof String s ? s : null;
            if (given == null || !Passwords.matches(given, current.passwordHash())) {
                throw new ApiException(401, "current_password_is_invalid", "currentPassword is invalid.");
            }
        }
        boolean changesEmail = email != null && !email.equalsIgnoreCase(current.email());
        boolean verifyEmail = changesEmail && signup.requiresEmailVerification() && mail.enabled();
        String hash = password == null ? null : Passwords.hash(password);
        String newDisplayName = displayName;
        String newDescription = description;
        Instant now = Instant.now();
        String code = transactions.call(em -> {
            if (changesEmail) {
                long taken = em.createQuery("select count(u) from User u where lower(u.email) = :email",
                        Long.class).setParameter("email", email.toLowerCase(Locale.ROOT)).getSingleResult();
                if (taken > 0) {
                    throw new ApiException(409, null, "User with this email already exists.");
                }
            }
            User user = em.find(User.class, who.id());
            user.preferences(preferences);
            if (hash != null) {
                user.update(null, hash, null, null, null);
            }
            if (newDisplayName != null || newDescription != null) {
                accounts.lifecycles().profileChanged(em, who.id(), newDisplayName, newDescription);
            }
            if (!changesEmail) {
                return null;
            }
            if (!verifyEmail) {
                user.update(email, null, null, null, null);
                return null;
            }
            user.pendingEmail(email);
            return codes.issue(em, Verification.USER_EMAIL, who.id(), VerificationCodes.EMAIL_VERIFICATION_LIFETIME,
                    now);
        });
        if (!preferences.nsfwPolicy().equals(current.preferences().nsfwPolicy())) {
            // Requests carry the policy with the user (video lists apply it): the next one reads it anew.
            accounts.forgetCachedUser(who.id());
        }
        if (code != null) {
            mail.userEmailVerification(email, who.id(), who.username(), code, true);
        }
        return null;
    }

    Object deleteMe(ApiRequest request) {
        ApiUser who = request.requireUser();
        if (who.username().equals(ROOT)) {
            throw ApiException.badRequest("The root user cannot be deleted");
        }
        accounts.delete(who.id());
        return null;
    }
}
