package org.bobine.auth.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

import jakarta.persistence.EntityManager;

import org.bobine.auth.api.CreatedUser;
import org.bobine.auth.api.UserLifecycle;
import org.bobine.auth.api.UserViewContributor;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The other bundles' part in users: the {@link UserLifecycle} listeners told of creations, profile changes and
 * deletions, and the {@link UserViewContributor}s that add their fields to user documents. Both come and go at
 * any time; each call uses the ones registered when it starts, in the order of their service ranking.
 */
@Component(service = UserLifecycles.class)
public class UserLifecycles {

    private final Map<ServiceReference<?>, UserLifecycle> listeners = new ConcurrentSkipListMap<>(
            Collections.reverseOrder());
    private final Map<ServiceReference<?>, UserViewContributor> contributors = new ConcurrentSkipListMap<>(
            Collections.reverseOrder());

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addListener(ServiceReference<UserLifecycle> reference, UserLifecycle listener) {
        listeners.put(reference, listener);
    }

    void removeListener(ServiceReference<UserLifecycle> reference) {
        listeners.remove(reference);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addContributor(ServiceReference<UserViewContributor> reference, UserViewContributor contributor) {
        contributors.put(reference, contributor);
    }

    void removeContributor(ServiceReference<UserViewContributor> reference) {
        contributors.remove(reference);
    }

    /** Whether some bundle keeps the public profile (account) of users. */
    boolean profilesKept() {
        return !listeners.isEmpty();
    }

    void checkNames(String username, String channelName) {
        for (UserLifecycle listener : List.copyOf(listeners.values())) {
            listener.checkNames(username, channelName);
        }
    }

    void created(EntityManager em, CreatedUser user) {
        for (UserLifecycle listener : List.copyOf(listeners.values())) {
            listener.created(em, user);
        }
    }

    void profileChanged(EntityManager em, long userId, String displayName, String description) {
        for (UserLifecycle listener : List.copyOf(listeners.values())) {
            listener.profileChanged(em, userId, displayName, description);
        }
    }

    void deleting(EntityManager em, long userId) {
        for (UserLifecycle listener : List.copyOf(listeners.values())) {
            listener.deleting(em, userId);
        }
    }

    /** The fields the other bundles add to the documents of these users, by user id. */
    Map<Long, Map<String, Object>> contributedFields(Collection<Long> userIds) {
        Map<Long, Map<String, Object>> fields = new HashMap<>();
        if (userIds.isEmpty()) {
            return fields;
        }
        List<Long> ids = new ArrayList<>(userIds);
        for (UserViewContributor contributor : List.copyOf(contributors.values())) {
            contributor.userFields(ids).forEach((id, more) -> fields.computeIfAbsent(id,
                    k -> new LinkedHashMap<>()).putAll(more));
        }
        return fields;
    }
}
