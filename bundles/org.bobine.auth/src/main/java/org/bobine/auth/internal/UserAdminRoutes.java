package org.bobine.auth.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;

import org.bobine.persistence.api.TransactionService;
import org.bobine.web.api.ApiException;
import org.bobine.web.api.ApiRequest;
import org.bobine.web.api.ApiResponse;
import org.bobine.web.api.ApiRoutes;
import org.bobine.web.api.ApiUser;
import org.bobine.web.api.Page;
import org.bobine.web.api.Pagination;
import org.bobine.web.api.Router;
import org.bobine.web.api.UserRight;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The administration of users, for holders of {@link UserRight#MANAGE_USERS}: {@code GET/POST /api/v1/users},
 * {@code GET/DELETE /api/v1/users/{id}}, {@code POST /api/v1/users/{id}/block|unblock}. Moderators manage users
 * but cannot create, change or remove administrators and moderators.
 */
@Component(service = ApiRoutes.class)
public class UserAdminRoutes implements ApiRoutes {

    /** PeerTube's rule for user names. */
    static final Pattern USERNAME = Pattern.compile("[a-z0-9_]+([a-z0-9_.-]+[a-z0-9_]+)?");
    static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    static final Set<String> SORTABLE = Set.of("id", "username", "createdAt", "lastLoginDate", "role");

    /** The body of {@code POST /users}. */
    record NewUser(String username, String password, String email, Integer role, Long videoQuota,
            Long videoQuotaDaily, String channelName, Integer adminFlags) {
    }

    /** The body of {@code PUT /users/{id}}: only the fields given are changed. */
    record UserUpdate(String email, String password, Integer role, Long videoQuota, Long videoQuotaDaily,
            Boolean emailVerified, Integer adminFlags) {
    }

    /** PeerTube's admin flags: 1 lets the user's videos bypass the automatic block list. */
    static final int ALL_ADMIN_FLAGS = 1;

    /** The body of {@code POST /users/{id}/block}. */
    record BlockRequest(String reason) {
    }

    private final TransactionService transactions;
    private final UserAccounts accounts;
    private final TokenStore tokens;

    @Activate
    public UserAdminRoutes(@Reference(target = LocalOAuthClient.WITH_AUTH_ENTITIES) TransactionService transactions,
            @Reference UserAccounts accounts, @Reference TokenStore tokens) {
        this.transactions = transactions;
        this.accounts = accounts;
        this.tokens = tokens;
    }

    /** PeerTube's rule for the names of users and channels. */
    static boolean validName(String name) {
        return !name.isEmpty() && name.length() <= 50 && USERNAME.matcher(name).matches();
    }

    @Override
    public void register(Router router) {
        router.get("/users", this::list);
        router.post("/users", this::create);
        router.get("/users/autocomplete", this::autocomplete);
        router.get("/users/{id}", this::get);
        router.put("/users/{id}", this::update);
        router.delete("/users/{id}", this::remove);
        router.post("/users/{id}/block", request -> block(request, true));
        router.post("/users/{id}/unblock", request -> block(request, false));
    }

    Page<Map<String, Object>> list(ApiRequest request) {
        request.requireRight(UserRight.MANAGE_USERS);
        Pagination page = request.pagination(SORTABLE, "-createdAt");
        String search = request.query("search").map(s -> "%" + s.toLowerCase(Locale.ROOT) + "%").orElse(null);
        Boolean blocked = request.queryBoolean("blocked").orElse(null);
        String where = " where (:search is null or lower(u.username) like :search or lower(u.email) like :search)"
                + " and (:blocked is null or u.blocked = :blocked)";
        Page<User> users = transactions.read(em -> {
            TypedQuery<User> query = em.createQuery("select u from User u" + where + " order by u."
                    + page.sortColumn() + (page.descending() ? " desc" : " asc") + ", u.id", User.class);
            TypedQuery<Long> count = em.createQuery("select count(u) from User u" + where, Long.class);
            for (TypedQuery<?> q : List.of(query, count)) {
                q.setParameter("search", search).setParameter("blocked", blocked);
            }
            return Page.of(count.getSingleResult(), query.setFirstResult(page.start()).setMaxResults(page.count())
                    .getResultList());
        });
        return Page.of(users.total(), accounts.views(users.data()));
    }

    ApiResponse create(ApiRequest request) {
        ApiUser actor = request.requireRight(UserRight.MANAGE_USERS);
        NewUser body = request.body(NewUser.class);
        Map<String, String> invalid = new LinkedHashMap<>();
        String username = body.username() == null ? "" : body.username();
        if (!validName(username)) {
            invalid.put("username", "Should have a valid username");
        }
        if (body.channelName() != null && !validName(body.channelName())) {
            invalid.put("channelName", "Should have a valid channel name");
        }
        checkFields(invalid, true, body.email(), body.password(), body.role(), body.videoQuota(),
                body.videoQuotaDaily());
        checkAdminFlags(invalid, body.adminFlags());
        if (!invalid.isEmpty()) {
            throw ApiException.invalidParams(invalid);
        }
        if (actor.role() != ApiUser.ADMINISTRATOR && body.role() != ApiUser.USER) {
            throw ApiException.forbidden("User can only create users with the role User");
        }
        if (username.equals(body.channelName())) {
            throw ApiException.badRequest("Channel name cannot be the same as user username.");
        }
        UserAccounts.NewUser wanted = UserAccounts.NewUser.withDefaultNames(username, body.email(),
                Passwords.hash(body.password()), body.role(), body.videoQuota(), body.videoQuotaDaily(),
                accounts.defaults());
        if (body.channelName() != null) {
            wanted = new UserAccounts.NewUser(wanted.username(), wanted.email(), wanted.passwordHash(),
                    wanted.role(), wanted.videoQuota(), wanted.videoQuotaDaily(), wanted.displayName(),
                    body.channelName(), wanted.channelDisplayName(), null);
        }
        UserAccounts.NewUser toCreate = wanted;
        User created = transactions.call(em -> {
            User user = accounts.create(em, toCreate, null);
            if (body.adminFlags() != null) {
                user.adminFlags(body.adminFlags());
            }
            return user;
        });
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("id", created.id());
        Object account = accounts.view(created).get("account");
        if (account instanceof Map<?, ?> view && view.get("id") != null) {
            user.put("account", Map.of("id", view.get("id")));
        }
        return ApiResponse.json(200, Map.of("user", user));
    }

    static void checkAdminFlags(Map<String, String> invalid, Integer adminFlags) {
        if (adminFlags != null && (adminFlags < 0 || (adminFlags & ~ALL_ADMIN_FLAGS) != 0)) {
            invalid.put("adminFlags", "Should have a valid admin flags");
        }
    }

    /**
     * PeerTube's rules for the fields of a user; with {@code required}, e-mail, password and role must be given,
     * otherwise only the given ones are checked.
     */
    static void checkFields(Map<String, String> invalid, boolean required, String email, String password,
            Integer role, Long videoQuota, Long videoQuotaDaily) {
        if (password == null ? required : password.length() < 6 || password.length() > 255) {
            invalid.put("password", "Should have a valid password");
        }
        if (email == null ? required : email.length() > 400 || !EMAIL.matcher(email).matches()) {
            invalid.put("email", "Should have a valid email");
        }
        if (role == null ? required : role < ApiUser.ADMINISTRATOR || role > ApiUser.USER) {
            invalid.put("role", "Should have a valid role");
        }
        if (videoQuota != null && videoQuota < -1) {
            invalid.put("videoQuota", "Should have a valid user quota");
        }
        if (videoQuotaDaily != null && videoQuotaDaily < -1) {
            invalid.put("videoQuotaDaily", "Should have a valid daily user quota");
        }
    }

    List<Map<String, Object>> autocomplete(ApiRequest request) {
        request.requireRight(UserRight.MANAGE_USERS);
        String search = request.query("search").orElse("").trim().toLowerCase(Locale.ROOT);
        if (search.isEmpty()) {
            throw ApiException.invalidParam("search", "Should have a search");
        }
        return transactions.read(em -> em.createQuery("select u from User u where lower(u.username) like :search "
                + "order by u.username", User.class).setParameter("search", search.replace("%", "") + "%")
                .setMaxResults(Pagination.DEFAULT_COUNT).getResultList().stream()
                .map(u -> Map.<String, Object>of("id", u.id(), "username", u.username())).toList());
    }

    Object update(ApiRequest request) {
        ApiUser actor = request.requireRight(UserRight.MANAGE_USERS);
        UserUpdate body = request.body(UserUpdate.class);
        Map<String, String> invalid = new LinkedHashMap<>();
        checkFields(invalid, false, body.email(), body.password(), body.role(), body.videoQuota(),
                body.videoQuotaDaily());
        checkAdminFlags(invalid, body.adminFlags());
        if (!invalid.isEmpty()) {
            throw ApiException.invalidParams(invalid);
        }
        if (actor.role() != ApiUser.ADMINISTRATOR && body.role() != null && body.role() != ApiUser.USER) {
            throw ApiException.forbidden("User can only give the role User");
        }
        String hash = body.password() == null ? null : Passwords.hash(body.password());
        transactions.run(em -> {
            User user = find(em, request);
            if (actor.role() != ApiUser.ADMINISTRATOR && user.role() != ApiUser.USER) {
                throw ApiException.forbidden("A moderator can only manage users");
            }
            if (user.username().equals(Users.ROOT) && body.role() != null && body.role() != ApiUser.ADMINISTRATOR) {
                throw ApiException.badRequest("Cannot change the role of the root user");
            }
            if (body.email() != null && !body.email().equalsIgnoreCase(user.email())) {
                long taken = em.createQuery("select count(u) from User u where lower(u.email) = :email",
                        Long.class).setParameter("email", body.email().toLowerCase(Locale.ROOT)).getSingleResult();
                if (taken > 0) {
                    throw new ApiException(409, null, "User with this email already exists.");
                }
            }
            user.update(body.email(), hash, body.role(), body.videoQuota(), body.videoQuotaDaily());
            if (body.emailVerified() != null) {
                user.emailVerified(body.emailVerified());
            }
            if (body.adminFlags() != null) {
                user.adminFlags(body.adminFlags());
            }
        });
        // A new role or password must not wait for cached tokens to expire.
        forgetTokens(request);
        return null;
    }

    Map<String, Object> get(ApiRequest request) {
        request.requireRight(UserRight.MANAGE_USERS);
        return accounts.view(transactions.read(em -> find(em, request)));
    }

    Object remove(ApiRequest request) {
        ApiUser actor = request.requireRight(UserRight.MANAGE_USERS);
        User user = transactions.read(em -> manageable(em, request, actor));
        accounts.delete(user.id());
        return null;
    }

    Object block(ApiRequest request, boolean block) {
        ApiUser actor = request.requireRight(UserRight.MANAGE_USERS);
        String reason = null;
        if (block && request.header("Content-Type").isPresent()) {
            reason = request.body(BlockRequest.class).reason();
            if (reason != null && (reason.length() < 3 || reason.length() > 250)) {
                throw ApiException.invalidParam("reason", "Should have a valid blocking reason");
            }
        }
        String why = reason;
        transactions.run(em -> {
            User user = manageable(em, request, actor);
            if (block) {
                // The user's tokens stop working at once: authentication checks the block on every request.
                user.block(why);
            } else {
                user.unblock();
            }
        });
        forgetTokens(request);
        return null;
    }

    /** After the change is committed: the user's cached tokens must not outlive a block or a removal. */
    private void forgetTokens(ApiRequest request) {
        tokens.forgetUser(Long.parseLong(request.pathParam("id")));
    }

    private static User find(EntityManager em, ApiRequest request) {
        long id;
        try {
            id = Long.parseLong(request.pathParam("id"));
        } catch (NumberFormatException e) {
            throw ApiException.invalidParam("id", "Should have a valid id");
        }
        User user = em.find(User.class, id);
        if (user == null) {
            throw ApiException.notFound("User not found");
        }
        return user;
    }

    /** The target user, if the actor may change it: not root, not oneself, no staff for moderators. */
    private static User manageable(EntityManager em, ApiRequest request, ApiUser actor) {
        User user = find(em, request);
        if (user.username().equals(Users.ROOT)) {
            throw ApiException.badRequest("Cannot remove or block the root user");
        }
        if (user.id() == actor.id()) {
            throw ApiException.badRequest("Cannot remove or block yourself");
        }
        if (actor.role() != ApiUser.ADMINISTRATOR && user.role() != ApiUser.USER) {
            throw ApiException.forbidden("A moderator can only manage users");
        }
        return user;
    }
}
