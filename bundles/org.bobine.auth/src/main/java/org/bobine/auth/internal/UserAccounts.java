package org.bobine.auth.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.persistence.EntityManager;

import org.bobine.auth.api.CreatedUser;
import org.bobine.auth.api.UserDirectory;
import org.bobine.auth.api.VideoQuota;
import org.bobine.persistence.api.TransactionService;
import org.bobine.web.api.ApiException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;

/**
 * Creates and deletes local users, with their part in other bundles (the account and default channel that
 * {@link org.bobine.auth.api.UserLifecycle} listeners keep), and shows them in PeerTube's {@code User} shape.
 * Every way a user comes to exist (the first start's root, an administrator, a sign-up, an accepted
 * registration) goes through {@link #create}.
 */
@Component(service = {UserAccounts.class, UserDirectory.class}, configurationPid = UserAccounts.INSTANCE_PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public class UserAccounts implements UserDirectory {

    /** The {@code instance} section, whose {@code defaultNsfwPolicy} new users start with. */
    static final String INSTANCE_PID = "bobine.instance";

    /** PeerTube's labels of its roles, by role number. */
    static final String[] ROLE_LABELS = {"Administrator", "Moderator", "User"};

    /**
     * Who is about to be created.
     *
     * @param videoQuota {@code null} for the instance's default
     * @param emailVerified {@code null} when the address does not have to be verified
     */
    record NewUser(String username, String email, String passwordHash, int role, Long videoQuota,
            Long videoQuotaDaily, String displayName, String channelName, String channelDisplayName,
            Boolean emailVerified) {

        /** A user with the default names of their account and channel. */
        static NewUser withDefaultNames(String username, String email, String passwordHash, int role,
                Long videoQuota, Long videoQuotaDaily, UserDefaultsSection defaults) {
            return new NewUser(username, email, passwordHash, role, videoQuota, videoQuotaDaily, username,
                    defaults.defaultChannelHandle(username), defaults.defaultChannelDisplayName(username), null);
        }
    }

    private final TransactionService transactions;
    private final UserDefaultsSection defaults;
    private final UserLifecycles lifecycles;
    private final TokenStore tokens;
    private final VideoQuota quota;
    private final String defaultNsfwPolicy;

    @Activate
    public UserAccounts(@Reference(target = LocalOAuthClient.WITH_AUTH_ENTITIES) TransactionService transactions,
            @Reference UserDefaultsSection defaults, @Reference UserLifecycles lifecycles,
            @Reference TokenStore tokens, @Reference VideoQuota quota, Map<String, Object> properties) {
        this.transactions = transactions;
        this.defaults = defaults;
        this.lifecycles = lifecycles;
        this.tokens = tokens;
        this.quota = quota;
        Object policy = properties.get("defaultNsfwPolicy");
        this.defaultNsfwPolicy = policy instanceof String s && Preferences.NSFW_POLICIES.contains(s) ? s
                : "do_not_list";
    }

    UserDefaultsSection defaults() {
        return defaults;
    }

    UserLifecycles lifecycles() {
        return lifecycles;
    }

    /**
     * Refuses names already taken by a user, a registration waiting for approval or, through the lifecycle
     * listeners, an account or channel; with 409 as PeerTube does.
     *
     * @param exceptRegistration the registration being accepted, whose own names do not count; or {@code null}
     */
    void checkAvailable(EntityManager em, String username, String email, String channelName,
            Long exceptRegistration) {
        long users = em.createQuery("select count(u) from User u where u.username = :username "
                + "or lower(u.email) = :email", Long.class).setParameter("username", username)
                .setParameter("email", email.toLowerCase(Locale.ROOT)).getSingleResult();
        long registrations = em.createQuery("select count(r) from Registration r where (r.username = :username "
                + "or lower(r.email) = :email) and r.state = :pending and r.id <> :except", Long.class)
                .setParameter("username", username).setParameter("email", email.toLowerCase(Locale.ROOT))
                .setParameter("pending", Registration.PENDING)
                .setParameter("except", exceptRegistration == null ? -1L : exceptRegistration).getSingleResult();
        if (users + registrations > 0) {
            throw new ApiException(409, null, "User with this username or email already exists.");
        }
        lifecycles.checkNames(username, channelName);
    }

    /** Creates a user and what other bundles keep for them, in one transaction; 409 when a name is taken. */
    User create(NewUser wanted) {
        return transactions.call(em -> create(em, wanted, null));
    }

    /** {@link #create(NewUser)} inside the caller's transaction. */
    User create(EntityManager em, NewUser wanted, Long exceptRegistration) {
        checkAvailable(em, wanted.username(), wanted.email(), wanted.channelName(), exceptRegistration);
        User user = new User(wanted.username(), wanted.email(), wanted.passwordHash(), wanted.role(),
                wanted.videoQuota() == null ? defaults.videoQuota() : wanted.videoQuota(),
                wanted.videoQuotaDaily() == null ? defaults.videoQuotaDaily() : wanted.videoQuotaDaily(),
                Instant.now());
        user.emailVerified(wanted.emailVerified());
        Preferences preferences = user.preferences();
        user.preferences(new Preferences(defaultNsfwPolicy, preferences.p2pEnabled(),
                preferences.videosHistoryEnabled(), preferences.autoPlayVideo(), preferences.autoPlayNextVideo(),
                preferences.autoPlayNextVideoPlaylist(), null, preferences.theme(), false, false, false));
        em.persist(user);
        em.flush();
        lifecycles.created(em, new CreatedUser(user.id(), user.username(), user.email(), wanted.displayName(),
                wanted.channelName(), wanted.channelDisplayName()));
        return user;
    }

    /** Forgets what the token cache holds about a user, whose cached details (a preference) changed. */
    void forgetCachedUser(long userId) {
        tokens.forgetUser(userId);
    }

    /** Deletes a user, their tokens and what other bundles keep for them. */
    void delete(long userId) {
        transactions.run(em -> {
            User user = em.find(User.class, userId);
            if (user == null) {
                return;
            }
            lifecycles.deleting(em, userId);
            em.createQuery("delete from Token t where t.userId = :id").setParameter("id", userId).executeUpdate();
            em.createQuery("delete from Verification v where v.subjectId = :id and v.purpose <> :registration")
                    .setParameter("id", userId).setParameter("registration", Verification.REGISTRATION_EMAIL)
                    .executeUpdate();
            em.remove(user);
        });
        tokens.forgetUser(userId);
    }

    /** Sets a new password and ends every session of the user, who must log in again with it. */
    static void changePassword(EntityManager em, User user, String passwordHash) {
        user.update(null, passwordHash, null, null, null);
        em.createQuery("delete from Token t where t.userId = :id").setParameter("id", user.id()).executeUpdate();
    }

    /** Users in PeerTube's {@code User} shape, with the fields other bundles add. */
    List<Map<String, Object>> views(List<User> users) {
        Map<Long, Map<String, Object>> contributed = lifecycles.contributedFields(
                users.stream().map(User::id).toList());
        List<Map<String, Object>> views = new ArrayList<>(users.size());
        for (User user : users) {
            Map<String, Object> json = json(user);
            VideoQuota.Usage used = quota.used(user.id());
            json.put("videoQuotaUsed", used.total());
            json.put("videoQuotaUsedDaily", used.lastDay());
            json.putAll(contributed.getOrDefault(user.id(), Map.of()));
            views.add(json);
        }
        return views;
    }

    Map<String, Object> view(User user) {
        return views(List.of(user)).get(0);
    }

    /** A user's own fields in PeerTube's {@code User} shape. */
    static Map<String, Object> json(User user) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", user.id());
        json.put("username", user.username());
        json.put("email", user.email());
        json.put("pendingEmail", user.pendingEmail());
        json.put("emailVerified", user.emailVerified());
        json.put("emailPublic", false);
        Preferences preferences = user.preferences();
        json.put("nsfwPolicy", preferences.nsfwPolicy());
        json.put("p2pEnabled", preferences.p2pEnabled());
        json.put("webTorrentEnabled", preferences.p2pEnabled());
        json.put("videosHistoryEnabled", preferences.videosHistoryEnabled());
        json.put("autoPlayVideo", preferences.autoPlayVideo());
        json.put("autoPlayNextVideo", preferences.autoPlayNextVideo());
        json.put("autoPlayNextVideoPlaylist", preferences.autoPlayNextVideoPlaylist());
        json.put("videoLanguages", preferences.videoLanguages());
        json.put("theme", preferences.theme());
        json.put("role", Map.of("id", user.role(), "label", ROLE_LABELS[user.role()]));
        json.put("videoQuota", user.videoQuota());
        json.put("videoQuotaDaily", user.videoQuotaDaily());
        json.put("blocked", user.blocked());
        json.put("blockedReason", user.blockedReason());
        json.put("adminFlags", user.adminFlags());
        json.put("noInstanceConfigWarningModal", preferences.noInstanceConfigWarningModal());
        json.put("noWelcomeModal", preferences.noWelcomeModal());
        json.put("noAccountSetupWarningModal", preferences.noAccountSetupWarningModal());
        json.put("pluginAuth", null);
        json.put("createdAt", user.createdAt().toString());
        json.put("lastLoginDate", user.lastLoginDate() == null ? null : user.lastLoginDate().toString());
        json.put("twoFactorEnabled", user.otpSecret() != null);
        return json;
    }

    @Override
    public List<CreatedUser> page(long afterId, int count) {
        return transactions.read(em -> em.createQuery("select u from User u where u.id > :after order by u.id",
                User.class).setParameter("after", afterId).setMaxResults(count).getResultList().stream()
                .map(u -> new CreatedUser(u.id(), u.username(), u.email(), u.username(),
                        defaults.defaultChannelHandle(u.username()), defaults.defaultChannelDisplayName(u.username())))
                .toList());
    }

    @Override
    public boolean exists(long userId) {
        return transactions.read(em -> em.find(User.class, userId) != null);
    }
}
