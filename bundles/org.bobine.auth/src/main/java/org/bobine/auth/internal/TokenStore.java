package org.bobine.auth.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.EntityManager;

import org.bobine.persistence.api.TransactionService;
import org.bobine.web.api.ApiUser;

/** Issues, finds and revokes token pairs. Tokens are 40 hex characters, as PeerTube's; only digests are kept. */
final class TokenStore {

    /** A freshly issued pair, the only moment the tokens themselves exist on the server. */
    record IssuedTokens(String accessToken, String refreshToken, Duration accessLifetime, Duration refreshLifetime) {
    }

    private final TransactionService transactions;
    private final Duration accessLifetime;
    private final Duration refreshLifetime;

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
        return transactions.read(em -> {
            List<Object[]> rows = em.createQuery("select u.id, u.username, u.role, t.accessTokenExpiresAt "
                    + "from Token t, User u where u.id = t.userId and t.accessTokenHash = :digest "
                    + "and u.blocked = false", Object[].class)
                    .setParameter("digest", digest).getResultList();
            if (rows.isEmpty() || !((Instant) rows.get(0)[3]).isAfter(now)) {
                return Optional.empty();
            }
            Object[] row = rows.get(0);
            return Optional.of(new ApiUser((Long) row[0], (String) row[1], (Integer) row[2]));
        });
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
        return transactions.call(em -> em.createQuery("delete from Token t where t.accessTokenHash = :digest")
                .setParameter("digest", digest).executeUpdate() > 0);
    }
}
