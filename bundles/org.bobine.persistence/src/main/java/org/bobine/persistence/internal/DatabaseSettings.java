package org.bobine.persistence.internal;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How to reach the database: the {@code bobine.database} configuration, resolved against the data directory.
 *
 * @param url the JDBC URL; empty for the embedded H2 database in {@code <dataDir>/db/bobine}
 * @param username the database user; empty for H2's default ({@code sa}) with the embedded database
 * @param password the password, possibly empty
 * @param poolSize the largest number of pooled connections
 * @param connectionTimeoutSeconds how long to wait for a connection from the pool, and for the database to
 *        accept one
 * @param dataDir the instance's data directory, where the embedded database lives
 */
public record DatabaseSettings(String url, String username, String password, int poolSize,
        int connectionTimeoutSeconds, Path dataDir) {

    /** Options of the embedded H2 URL: no server mode, and the database closes with the pool, not on JVM exit. */
    static final String H2_OPTIONS = ";AUTO_SERVER=FALSE;DB_CLOSE_ON_EXIT=FALSE";

    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)(password\\s*=)[^;&]*");

    /** The kinds of database supported. */
    public enum Kind {
        H2, POSTGRESQL
    }

    public DatabaseSettings {
        url = url == null ? "" : url.trim();
        username = username == null ? "" : username.trim();
        password = password == null ? "" : password;
        if (poolSize < 1) {
            throw new IllegalArgumentException("poolSize must be at least 1, not " + poolSize);
        }
        if (connectionTimeoutSeconds < 1) {
            throw new IllegalArgumentException(
                    "connectionTimeoutSeconds must be at least 1, not " + connectionTimeoutSeconds);
        }
        if (url.isEmpty()) {
            Objects.requireNonNull(dataDir, "the data directory is needed for the embedded database");
        }
    }

    /** @return the URL to connect to: the configured one, or the embedded H2 database's */
    public String jdbcUrl() {
        if (!url.isEmpty()) {
            return url;
        }
        return "jdbc:h2:file:" + dataDir.resolve("db").resolve("bobine").toAbsolutePath().normalize() + H2_OPTIONS;
    }

    /** @return the kind of database the URL points at */
    public Kind kind() {
        String u = jdbcUrl().toLowerCase(Locale.ROOT);
        if (u.startsWith("jdbc:h2:")) {
            return Kind.H2;
        }
        if (u.startsWith("jdbc:postgresql:")) {
            return Kind.POSTGRESQL;
        }
        throw new IllegalArgumentException("Unsupported database URL " + redactedUrl()
                + ": only jdbc:h2: and jdbc:postgresql: URLs are supported");
    }

    /** @return the user to connect as */
    public String effectiveUsername() {
        return username.isEmpty() && url.isEmpty() ? "sa" : username;
    }

    /** @return the URL without the values of password parameters, for messages */
    public String redactedUrl() {
        return PASSWORD_PARAMETER.matcher(jdbcUrl()).replaceAll("$1***");
    }
}
