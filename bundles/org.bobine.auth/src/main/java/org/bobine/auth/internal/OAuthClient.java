package org.bobine.auth.internal;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An OAuth client: the pair of identifiers an application presents with a user's credentials. */
@Entity
@Table(name = "auth_oauth_client")
public class OAuthClient {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "client_id", nullable = false, length = 64)
    private String clientId;

    @Column(name = "client_secret", nullable = false, length = 64)
    private String clientSecret;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected OAuthClient() {
        // For JPA.
    }

    OAuthClient(String clientId, String clientSecret, Instant createdAt) {
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.createdAt = createdAt;
    }

    Long id() {
        return id;
    }

    String clientId() {
        return clientId;
    }

    String clientSecret() {
        return clientSecret;
    }

    Instant createdAt() {
        return createdAt;
    }
}
