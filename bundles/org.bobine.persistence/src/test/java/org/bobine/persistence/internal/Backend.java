package org.bobine.persistence.internal;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

import org.postgresql.ds.PGSimpleDataSource;

/**
 * The databases the tests run on. H2 always runs, in file mode in a temporary directory. PostgreSQL runs when
 * {@code BOBINE_TEST_POSTGRES_URL} (with {@code BOBINE_TEST_POSTGRES_USER} and
 * {@code BOBINE_TEST_POSTGRES_PASSWORD}) names a database; each test gets a schema of its own there, dropped at
 * the end. Without the URL the PostgreSQL cases are skipped, unless {@code BOBINE_TEST_REQUIRE_POSTGRES=true}:
 * then they fail.
 */
enum Backend {
    H2, POSTGRESQL;

    static final String URL_VARIABLE = "BOBINE_TEST_POSTGRES_URL";
    static final String USER_VARIABLE = "BOBINE_TEST_POSTGRES_USER";
    static final String PASSWORD_VARIABLE = "BOBINE_TEST_POSTGRES_PASSWORD";
    static final String REQUIRE_VARIABLE = "BOBINE_TEST_REQUIRE_POSTGRES";

    /** A database of this backend for one test. */
    TestDatabase create(Path tempDir) throws SQLException {
        return switch (this) {
            case H2 -> new TestDatabase(this,
                    new DatabaseSettings("", "", "", 4, 5, tempDir), null);
            case POSTGRESQL -> postgres(tempDir);
        };
    }

    private static TestDatabase postgres(Path tempDir) throws SQLException {
        String url = System.getenv(URL_VARIABLE);
        if (url == null || url.isBlank()) {
            String message = URL_VARIABLE + " is not set: the PostgreSQL cases do not run "
                    + "(eval \"$(.ci/postgres-start)\" starts a database for them)";
            if (Boolean.parseBoolean(System.getenv(REQUIRE_VARIABLE))) {
                fail(message + ", and " + REQUIRE_VARIABLE + "=true requires them");
            }
            assumeTrue(false, message);
        }
        String user = System.getenv().getOrDefault(USER_VARIABLE, "");
        String password = System.getenv().getOrDefault(PASSWORD_VARIABLE, "");
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16)
                .toLowerCase(Locale.ROOT);
        PGSimpleDataSource admin = admin(url, user, password);
        try (Connection c = admin.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        String schemaUrl = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return new TestDatabase(POSTGRESQL, new DatabaseSettings(schemaUrl, user, password, 4, 5, tempDir),
                () -> {
                    try (Connection c = admin.getConnection(); Statement s = c.createStatement()) {
                        s.execute("DROP SCHEMA " + schema + " CASCADE");
                    }
                });
    }

    private static PGSimpleDataSource admin(String url, String user, String password) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(url);
        if (!user.isEmpty()) {
            ds.setUser(user);
        }
        if (!password.isEmpty()) {
            ds.setPassword(password);
        }
        return ds;
    }

    /** The product name the JDBC driver reports. */
    String productName() {
        return this == H2 ? "H2" : "PostgreSQL";
    }
}
