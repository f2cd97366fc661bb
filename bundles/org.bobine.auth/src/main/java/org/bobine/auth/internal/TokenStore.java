package org.bobine.auth.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.persistence.EntityManager;

import org.bobine.persistence.api.TransactionService;
import org.bobine.web.api.ApiUser;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Issues, finds and revokes token pairs. Tokens are 40 hex characters, as PeerTube's; only their digests are
 * kept in the database.
 *
 * <p>Validation sits on every authenticated request, so the tokens recently seen are cached in memory (as
 * PeerTube caches 1 000 of them): an entry is dropped at once when this node revokes or refreshes its pair or
 * blocks or deletes its user, and lives at most {@link #CACHE_SECONDS} seconds, which bounds how long another
 * node of the same instance may still accept it.
 */
@Component(service = TokenStore.class, configurationPid = TokenStore.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = TokenStore.Config.class)
public class TokenStore {

    /** The configuration PID, fed by the {@code oauth2} section of bobine.yaml. */
    public static final String PID = "bobine.oauth2";

    /** How long a validated token is trusted without asking the database again. */
    static final long CACHE_SECONDS = 10;
    static final int CACHE_SIZE = 1000;

    /** The {@code oauth2} section. */
    @ObjectClassDefinition(id = PID, name = "OAuth tokens", description = "How long the tokens given at login "
            + "last.")
    public @interface Config {
        @AttributeDefinition(name = "Access token lifetime", description = "In seconds; one day by default.",
                min = "60")
        int accessTokenLifetime() default 86_400;

        @AttributeDefinition(name = "Refresh token lifetime", description = "In seconds; two weeks by default.",
                min = "60")
        int refreshTokenLifetime() default 1_209_600;
    }

    /** A validated access token: its user, when it expires, when it was checked. */
    private record Cached(ApiUser user, Instant expiresAt, Instant checkedAt) {
    }

    private final Map<String, Cached> cache = new LinkedHashMap<>(CACHE_SIZE, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    /** A freshly issued pair, the only moment the tokens themselves exist on the server. */
    record IssuedTokens(String accessToken, String refreshToken, Duration accessLifetime, Duration refreshLifetime) {
    }

    private final TransactionService transactions;
    private final Duration accessLifetime;
    private final Duration refreshLifetime;

    @Activate
    public TokenStore(@Reference(target = LocalOAuthClient.WITH_AUTH_ENTITIES) TransactionService transactions,
            Config config) {
        this(transactions, Duration.ofSeconds(config.accessTokenLifetime()),
                Duration.ofSeconds(config.refreshTokenLifetime()));
    }

    TokenStore(TransactionService transactions, Duration accessLifetime, Duration refreshLifetime) {
        this.transactions = transactions;
        this.accessLifetime = accessLifetime;
        this.refreshLifetime = refreshLifetime;
    }

    static String digest(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Issues a new pair for a user, inside the caller's transaction. */
    IssuedTokens issue(EntityManager em, long userId, long clientId, Instant now) {
        String access = LocalOAuthClient.randomHex(20);
        String refresh = LocalOAuthClient.randomHex(20);
        em.persist(new Token(userId, clientId, digest(access), now.plus(accessLifetime), digest(refresh),
                now.plus(refreshLifetime), now));
        return new IssuedTokens(access, refresh, accessLifetime, refreshLifetime);
    }

    /** The user of a valid access token, if the token is known, not expired, and its user not blocked. */
    Optional<ApiUser> authenticate(String accessToken, Instant now) {
        String digest = digest(accessToken);
        Cached cached;
        synchronized (cache) {
            cached = cache.get(digest);
        }
        if (cached != null && cached.expiresAt().isAfter(now)
                && cached.checkedAt().plusSeconds(CACHE_SECONDS).isAfter(now)) {
            return Optional.of(cached.user());
        }
        Optional<Cached> checked = transactions.read(em -> {
            List<Object[]> rows = em.createQuery("select u.id, u.username, u.role, t.accessTokenExpiresAt, u.nsfwPolicy "
                    + "from Token t, User u where u.id = t.userId and t.accessTokenHash = :digest "
                    + "and u.blocked = false", Object[].class)
                    .setParameter("digest", digest).getResultList();
            if (rows.isEmpty() || !((Instant) rows.get(0)[3]).isAfter(now)) {
                return Optional.<Cached>empty();
            }
            Object[] row = rows.get(0);
            return Optional.of(new Cached(new ApiUser((Long) row[0], (String) row[1], (Integer) row[2],
                    (String) row[4]),
                    (Instant) row[3], now));
        });
        synchronized (cache) {
            checked.ifPresentOrElse(found -> cache.put(digest, found), () -> cache.remove(digest));
        }
        return checked.map(Cached::user);
    }

    /** Forgets the cached tokens of a user, whose block or removal must take effect at once. */
    void forgetUser(long userId) {
        synchronized (cache) {
            cache.values().removeIf(cached -> cached.user().id() == userId);
        }
    }

    /** Forgets one cached access token, by its digest. */
    void forgetDigest(String digest) {
        synchronized (cache) {
            cache.remove(digest);
        }
    }

    /** Finds the pair of a refresh token that is still valid, inside the caller's transaction. */
    Optional<Token> findByRefreshToken(EntityManager em, String refreshToken, Instant now) {
        return em.createQuery("select t from Token t where t.refreshTokenHash = :digest", Token.class)
                .setParameter("digest", digest(refreshToken)).getResultStream()
                .filter(token -> token.refreshTokenExpiresAt().isAfter(now)).findFirst();
    }

    /** Revokes the pair an access token belongs to; answers whether there was one. */
    boolean revoke(String accessToken) {
        String digest = digest(accessToken);
        forgetDigest(digest);
        return transactions.call(em -> em.createQuery("delete from Token t where t.accessTokenHash = :digest")
                .setParameter("digest", digest).executeUpdate() > 0);
    }

    /** Replaces a pair by a new one (a refresh), inside the caller's transaction. */
    IssuedTokens replace(EntityManager em, Token old, Instant now) {
        forgetDigest(old.accessTokenHash());
        em.remove(old);
        return issue(em, old.userId(), old.clientId(), now);
    }
}
