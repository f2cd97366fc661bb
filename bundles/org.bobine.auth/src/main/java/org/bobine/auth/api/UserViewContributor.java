package org.bobine.auth.api;

import java.util.Collection;
import java.util.Map;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Adds fields to the {@code User} documents of the API ({@code GET /users/me}, {@code GET /users},
 * {@code GET /users/{id}}), for data that another bundle owns, such as {@code account} and
 * {@code videoChannels}.
 */
@ConsumerType
public interface UserViewContributor {

    /**
     * @param userIds the users being shown (one request's page: a single query should serve them all)
     * @return for each user id, the fields to add; a user without an entry gets none
     */
    Map<Long, Map<String, Object>> userFields(Collection<Long> userIds);
}
