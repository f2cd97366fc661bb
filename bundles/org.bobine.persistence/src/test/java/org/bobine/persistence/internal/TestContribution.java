package org.bobine.persistence.internal;

import java.util.List;

import org.bobine.persistence.api.EntityContribution;

/** A contribution of test entities, its migrations in the test resources. */
record TestContribution(String name, String migrationsPath, List<Class<?>> entityClasses)
        implements EntityContribution {

    static TestContribution of(String name, String folder, Class<?>... entities) {
        return new TestContribution(name, "db/migration/" + folder, List.of(entities));
    }
}
