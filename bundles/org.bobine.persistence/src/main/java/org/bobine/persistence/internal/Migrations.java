package org.bobine.persistence.internal;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.migration.JavaMigration;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.api.resource.LoadableResource;
import org.flywaydb.core.internal.exception.FlywayMigrateException;

/**
 * Applies the migrations of one contribution with Flyway, recording them in the contribution's own history
 * table.
 *
 * <p>Flyway gets the scripts from a {@link ResourceProvider} over the contribution's {@link MigrationScript}s
 * instead of scanning a class path, and an empty Java migration provider, so that it never scans. Its plugins
 * (database support) are found with {@code ServiceLoader} in the class loader of Flyway's own classes, which in
 * OSGi is the persistence bundle's: the bundle carries the merged service file of the Flyway JARs it embeds.
 */
final class Migrations {

    /** The prefix of each contribution's history table. */
    static final String HISTORY_TABLE_PREFIX = "schema_history_";

    private Migrations() {
    }

    /** The migrations of a contribution could not be applied. */
    static final class MigrationFailure extends Exception {
        private static final long serialVersionUID = 1L;

        MigrationFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Applies the pending migrations of a contribution, in version order.
     *
     * <p>The history table is created when missing. Several contributions share the database schema, so the
     * schema is usually not empty when a contribution first comes: the history table then starts with a
     * baseline at version 0, which every real migration ({@code V1} and later) follows.
     *
     * @return how many migrations were applied, and the version reached
     * @throws MigrationFailure with the failing file and the database's message
     */
    static MigrateResult migrate(DataSource dataSource, String name, List<MigrationScript> scripts)
            throws MigrationFailure {
        Flyway flyway = Flyway.configure(Migrations.class.getClassLoader())
                .dataSource(dataSource)
                .table(HISTORY_TABLE_PREFIX + name)
                .resourceProvider(new ScriptResources(scripts))
                .javaMigrationClassProvider(List::<Class<? extends JavaMigration>>of)
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .baselineDescription("<< history of " + name + " >>")
                .validateMigrationNaming(true)
                .loggers("slf4j")
                .load();
        try {
            return flyway.migrate();
        } catch (FlywayException e) {
            throw new MigrationFailure(describe(e), e);
        } catch (UncheckedIOException e) {
            throw new MigrationFailure("a migration could not be read: " + e.getCause().getMessage(), e);
        }
    }

    /** @return the failing file and the database's message, or Flyway's message when there are none */
    static String describe(FlywayException e) {
        String script = null;
        if (e instanceof FlywayMigrateException m && m.getMigration() != null) {
            script = m.getMigration().getScript();
        }
        String databaseMessage = null;
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                databaseMessage = sql.getMessage();
                break;
            }
        }
        if (script != null && databaseMessage != null) {
            return script + ": " + databaseMessage.strip().replaceAll("\\s*\\R\\s*", " ");
        }
        String message = String.valueOf(e.getMessage()).strip().replaceAll("\\s*\\R\\s*", " ");
        // Flyway appends links to its documentation: not for the log.
        int advice = message.indexOf(" Need more flexibility");
        if (advice > 0) {
            message = message.substring(0, advice);
        }
        return script != null ? script + ": " + message : message;
    }

    /** The scripts of a contribution, as Flyway's resources. */
    private static final class ScriptResources implements ResourceProvider {
        private final List<ScriptResource> resources = new ArrayList<>();

        ScriptResources(List<MigrationScript> scripts) {
            scripts.forEach(s -> resources.add(new ScriptResource(s)));
        }

        @Override
        public LoadableResource getResource(String name) {
            return resources.stream().filter(r -> r.getFilename().equals(name) || r.getRelativePath().equals(name))
                    .findFirst().orElse(null);
        }

        @Override
        public Collection<LoadableResource> getResources(String prefix, String... suffixes) {
            List<LoadableResource> matching = new ArrayList<>();
            for (ScriptResource r : resources) {
                String file = r.getFilename();
                if (file.startsWith(prefix) && endsWithAny(file, suffixes)) {
                    matching.add(r);
                }
            }
            return matching;
        }

        private static boolean endsWithAny(String file, String[] suffixes) {
            if (suffixes == null || suffixes.length == 0) {
                return true;
            }
            for (String suffix : suffixes) {
                if (file.endsWith(suffix)) {
                    return true;
                }
            }
            return false;
        }
    }

    private static final class ScriptResource extends LoadableResource {
        private final MigrationScript script;

        ScriptResource(MigrationScript script) {
            this.script = script;
        }

        @Override
        public Reader read() {
            try {
                return new InputStreamReader(script.content().open(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(script.location() + ": " + e.getMessage(), e);
            }
        }

        @Override
        public String getAbsolutePath() {
            return script.location();
        }

        @Override
        public String getAbsolutePathOnDisk() {
            return script.location();
        }

        @Override
        public String getFilename() {
            return script.fileName();
        }

        @Override
        public String getRelativePath() {
            return script.fileName();
        }
    }
}
