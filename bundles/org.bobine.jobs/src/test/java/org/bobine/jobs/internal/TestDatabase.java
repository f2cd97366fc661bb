package org.bobine.jobs.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.bobine.persistence.internal.Database;
import org.bobine.persistence.internal.DatabaseSettings;
import org.bobine.persistence.internal.MigrationScript;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The persistence bundle's database core, outside OSGi, with the job queue's migrations and entities: on H2 in a
 * temporary directory, and on PostgreSQL when {@code BOBINE_TEST_POSTGRES_URL} (with {@code _USER} and
 * {@code _PASSWORD}) names one, in a schema of its own dropped at the end. Without the URL the PostgreSQL cases
 * are skipped, unless {@code BOBINE_TEST_REQUIRE_POSTGRES=true}.
 */
final class TestDatabase implements AutoCloseable {

    enum Backend {
        H2, POSTGRESQL
    }

    final Database database;
    private final DatabaseSettings settings;
    private final Runnable cleanup;
    private final java.util.List<Database> others = new java.util.ArrayList<>();

    private TestDatabase(Database database, DatabaseSettings settings, Runnable cleanup) {
        this.database = database;
        this.settings = settings;
        this.cleanup = cleanup;
    }

    /**
     * Another connection pool and persistence unit on the same database, as a second node of the instance would
     * have (on H2, the same embedded database within this process).
     */
    Database secondNode() throws Exception {
        Database other = start(settings);
        others.add(other);
        return other;
    }

    private static Database start(DatabaseSettings settings) throws Exception {
        Database database = new Database(settings, (db, names) -> { });
        database.start();
        database.addContribution(new JobsEntities(), TestDatabase::classPathScripts);
        assertThat(database.awaitIdle(Duration.ofSeconds(60))).isTrue();
        assertThat(database.contributions()).as("migrated; last error: %s", database.lastError())
                .contains(JobsEntities.NAME);
        return database;
    }

    static TestDatabase open(Backend backend, Path dataDir) throws Exception {
        DatabaseSettings settings;
        Runnable cleanup = () -> { };
        if (backend == Backend.H2) {
            settings = new DatabaseSettings("", "", "", 4, 10, dataDir);
        } else {
            String url = System.getenv("BOBINE_TEST_POSTGRES_URL");
            if (url == null || url.isBlank()) {
                if (Boolean.parseBoolean(System.getenv("BOBINE_TEST_REQUIRE_POSTGRES"))) {
                    fail("BOBINE_TEST_POSTGRES_URL is not set, and BOBINE_TEST_REQUIRE_POSTGRES=true");
                }
                assumeTrue(false, "BOBINE_TEST_POSTGRES_URL is not set: the PostgreSQL cases do not run");
            }
            String user = System.getenv().getOrDefault("BOBINE_TEST_POSTGRES_USER", "");
            String password = System.getenv().getOrDefault("BOBINE_TEST_POSTGRES_PASSWORD", "");
            String schema = "jobs_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            PGSimpleDataSource admin = new PGSimpleDataSource();
            admin.setURL(url);
            admin.setUser(user);
            admin.setPassword(password);
            execute(admin, "CREATE SCHEMA " + schema);
            settings = new DatabaseSettings(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema, user,
                    password, 4, 10, dataDir);
            cleanup = () -> execute(admin, "DROP SCHEMA " + schema + " CASCADE");
        }
        return new TestDatabase(start(settings), settings, cleanup);
    }

    private static void execute(PGSimpleDataSource admin, String sql) {
        try (Connection c = admin.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The migrations of the bundle, from the build's output folder. */
    private static List<MigrationScript> classPathScripts(String path) throws IOException {
        URL folder = TestDatabase.class.getClassLoader().getResource(path);
        if (folder == null) {
            return List.of();
        }
        Path dir;
        try {
            dir = Path.of(folder.toURI());
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".sql")).map(f -> {
                try {
                    return MigrationScript.of(f.toUri().toURL());
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
        }
    }

    @Override
    public void close() {
        others.forEach(Database::close);
        database.close();
        cleanup.run();
    }
}
