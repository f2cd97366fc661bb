package org.bobine.persistence.internal;

import java.io.IOException;
import java.util.List;

/** Lists the SQL migrations of a contribution, from wherever the contribution keeps them. */
@FunctionalInterface
public interface MigrationSource {

    /**
     * @param path the contribution's {@link org.bobine.persistence.api.EntityContribution#migrationsPath()}
     * @return the {@code *.sql} files directly in that folder, in any order; empty when there are none
     * @throws IOException when the folder cannot be listed
     */
    List<MigrationScript> scripts(String path) throws IOException;

    /** A source without migrations. */
    MigrationSource NONE = path -> List.of();
}
