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
 * The local users: the administrator {@code root}, created on the first start, and {@code GET /api/v1/users/me}.
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

    /** PeerTube's labels of its roles, by role number. */
    static final String[] ROLE_LABELS = {"Administrator", "Moderator", "User"};

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
    private final TokenStore tokens;

    @Activate
    public Users(@Reference(target = LocalOAuthClient.WITH_AUTH_ENTITIES) TransactionService transactions,
            @Reference UserDefaultsSection defaults, @Reference TokenStore tokens, Config config) {
        this.transactions = transactions;
        this.tokens = tokens;
        createRootIfAbsent(transactions, config, defaults);
    }

    static void createRootIfAbsent(TransactionService transactions, Config config, UserDefaultsSection defaults) {
        long users = transactions.read(em -> em.createQuery("select count(u) from User u", Long.class)
                .getSingleResult());
        if (users > 0) {
            return;
        }
        boolean generated = config.initialRootPassword().isEmpty();
        String password = generated ? LocalOAuthClient.randomHex(12) : config.initialRootPassword();
        transactions.run(em -> em.persist(new User(ROOT, config.email(), Passwords.hash(password),
                ApiUser.ADMINISTRATOR, defaults.videoQuota(), defaults.videoQuotaDaily(), Instant.now())));
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
        return json(user);
    }

    /** The fields of {@code PUT /users/me} that this version stores. */
    static final Set<String> UPDATABLE = Set.of("password", "currentPassword", "email");

    /**
     * {@code PUT /users/me}: a new password or e-mail address, each with the current password, as PeerTube asks.
     * The other fields of PeerTube's request (display preferences) are refused by name rather than ignored, so
     * that a client never believes they were saved.
     */
    Object updateMe(ApiRequest request) {
        ApiUser who = request.requireUser();
        @SuppressWarnings("unchecked")
        Map<String, Object> body = request.body(Map.class);
        Set<String> unsupported = new TreeSet<>(body.keySet());
        unsupported.removeAll(UPDATABLE);
        if (!unsupported.isEmpty()) {
            Map<String, String> invalid = new LinkedHashMap<>();
            unsupported.forEach(field -> invalid.put(field, "Cannot be changed on this instance yet"));
            throw ApiException.invalidParams(invalid);
        }
        String password = body.get("password") instanceof String s ? s : null;
        String email = body.get("email") instanceof String s ? s : null;
        Map<String, String> invalid = new LinkedHashMap<>();
        if (body.containsKey("password") && (password == null || password.length() < 6 || password.length() > 255)) {
            invalid.put("password", "Should have a valid password");
        }
        if (body.containsKey("email") && (email == null || email.length() > 400
                || !UserAdminRoutes.EMAIL.matcher(email).matches())) {
            invalid.put("email", "Should have a valid email");
        }
        if (!invalid.isEmpty()) {
            throw ApiException.invalidParams(invalid);
        }
        if (password == null && email == null) {
            return null;
        }
        String current = body.get("currentPassword") instanceof String s ? s : null;
        User user = transactions.read(em -> em.find(User.class, who.id()));
        if (user == null || current == null || !Passwords.matches(current, user.passwordHash())) {
            throw new ApiException(401, "current_password_is_invalid", "currentPassword is invalid.");
        }
        String hash = password == null ? null : Passwords.hash(password);
        transactions.run(em -> {
            if (email != null && !email.equalsIgnoreCase(user.email())) {
                long taken = em.createQuery("select count(u) from User u where lower(u.email) = :email",
                        Long.class).setParameter("email", email.toLowerCase(Locale.ROOT)).getSingleResult();
                if (taken > 0) {
                    throw new ApiException(409, null, "User with this email already exists.");
                }
            }
            em.find(User.class, who.id()).update(email, hash, null, null, null);
        });
        return null;
    }

    Object deleteMe(ApiRequest request) {
        ApiUser who = request.requireUser();
        if (who.username().equals(ROOT)) {
            throw ApiException.badRequest("The root user cannot be deleted");
        }
        transactions.run(em -> {
            em.createQuery("delete from Token t where t.userId = :id").setParameter("id", who.id()).executeUpdate();
            User user = em.find(User.class, who.id());
            if (user != null) {
                em.remove(user);
            }
        });
        tokens.forgetUser(who.id());
        return null;
    }

    /** A user in PeerTube's {@code User} shape, with the fields that exist so far. */
    static Map<String, Object> json(User user) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", user.id());
        json.put("username", user.username());
        json.put("email", user.email());
        json.put("role", Map.of("id", user.role(), "label", ROLE_LABELS[user.role()]));
        json.put("videoQuota", user.videoQuota());
        json.put("videoQuotaDaily", user.videoQuotaDaily());
        json.put("blocked", user.blocked());
        json.put("blockedReason", user.blockedReason());
        json.put("createdAt", user.createdAt().toString());
        json.put("lastLoginDate", user.lastLoginDate() == null ? null : user.lastLoginDate().toString());
        json.put("twoFactorEnabled", user.otpSecret() != null);
        return json;
    }
}
