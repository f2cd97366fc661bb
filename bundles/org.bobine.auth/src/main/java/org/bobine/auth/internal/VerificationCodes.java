package org.bobine.auth.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;

import jakarta.persistence.EntityManager;

import org.osgi.service.component.annotations.Component;

/**
 * The single-use codes that e-mails carry: issued for a purpose and a subject (a user or a registration),
 * kept only as digests, valid for a limited time, consumed by their first successful use. A new code for the
 * same purpose and subject replaces the previous one.
 */
@Component(service = VerificationCodes.class)
public class VerificationCodes {

    /** PeerTube's lifetimes: a password reset link lasts 60 minutes, an e-mail verification link as long. */
    static final Duration PASSWORD_RESET_LIFETIME = Duration.ofMinutes(60);
    static final Duration EMAIL_VERIFICATION_LIFETIME = Duration.ofMinutes(60);

    /** Issues a code in the caller's transaction; the code itself exists only in the returned value. */
    String issue(EntityManager em, String purpose, long subjectId, Duration lifetime, Instant now) {
        em.createQuery("delete from Verification v where v.purpose = :purpose and v.subjectId = :subject")
                .setParameter("purpose", purpose).setParameter("subject", subjectId).executeUpdate();
        em.createQuery("delete from Verification v where v.expiresAt < :now").setParameter("now", now)
                .executeUpdate();
        String code = LocalOAuthClient.randomHex(20);
        em.persist(new Verification(purpose, subjectId, TokenStore.digest(code), now.plus(lifetime)));
        return code;
    }

    /**
     * Consumes a code in the caller's transaction.
     *
     * @return whether the code is the valid one for this purpose and subject (then it is used up)
     */
    boolean consume(EntityManager em, String purpose, long subjectId, String code, Instant now) {
        if (code == null || code.isEmpty()) {
            return false;
        }
        Verification verification = em.createQuery("select v from Verification v where v.purpose = :purpose "
                + "and v.subjectId = :subject", Verification.class).setParameter("purpose", purpose)
                .setParameter("subject", subjectId).getResultStream().findFirst().orElse(null);
        if (verification == null || !verification.expiresAt().isAfter(now)) {
            return false;
        }
        boolean matches = MessageDigest.isEqual(TokenStore.digest(code).getBytes(StandardCharsets.US_ASCII),
                verification.codeHash().getBytes(StandardCharsets.US_ASCII));
        if (matches) {
            em.remove(verification);
        }
        return matches;
    }
}
