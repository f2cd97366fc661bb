package org.bobine.auth.internal;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A single-use code sent by e-mail, kept as its digest until it is used or expires. */
@Entity
@Table(name = "auth_verification")
public class Verification {

    /** What a code proves; each subject has at most one code per purpose, the last one sent. */
    static final String PASSWORD_RESET = "password-reset";
    static final String USER_EMAIL = "user-email";
    static final String REGISTRATION_EMAIL = "registration-email";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, length = 30)
    private String purpose;

    @Column(name = "subject_id", nullable = false)
    private long subjectId;

    @Column(name = "code_hash", nullable = false, length = 64)
    private String codeHash;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    protected Verification() {
        // For JPA.
    }

    Verification(String purpose, long subjectId, String codeHash, Instant expiresAt) {
        this.purpose = purpose;
        this.subjectId = subjectId;
        this.codeHash = codeHash;
        this.expiresAt = expiresAt;
    }

    String codeHash() {
        return codeHash;
    }

    Instant expiresAt() {
        return expiresAt;
    }
}
