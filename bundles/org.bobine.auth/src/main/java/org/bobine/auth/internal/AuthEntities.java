package org.bobine.auth.internal;

import java.util.List;

import org.bobine.persistence.api.EntityContribution;
import org.osgi.service.component.annotations.Component;

/** The entities and schema migrations of the authentication bundle. */
@Component(service = EntityContribution.class)
public class AuthEntities implements EntityContribution {

    /** The name of this contribution, and of its migration history table's suffix. */
    static final String NAME = "auth";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Class<?>> entityClasses() {
        return List.of(OAuthClient.class, User.class, Token.class, Registration.class, Verification.class);
    }

    @Override
    public String migrationsPath() {
        return "db/migration/auth";
    }
}
