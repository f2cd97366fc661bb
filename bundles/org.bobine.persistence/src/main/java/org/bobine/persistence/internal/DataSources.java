package org.bobine.persistence.internal;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * Makes the connection pool. The driver's {@link DataSource} is created as an object and handed to HikariCP,
 * so that no driver is looked up by class name through {@code DriverManager} or a class loader (both are
 * unreliable across OSGi bundles).
 */
final class DataSources {

    private DataSources() {
    }

    /**
     * @return the driver's data source for the settings, not pooled
     * @throws IllegalArgumentException for a URL that is neither H2 nor PostgreSQL
     */
    static DataSource driverDataSource(DatabaseSettings settings) {
        return switch (settings.kind()) {
            case H2 -> {
                JdbcDataSource h2 = new JdbcDataSource();
                h2.setURL(settings.jdbcUrl());
                h2.setUser(settings.effectiveUsername());
                h2.setPassword(settings.password());
                h2.setLoginTimeout(settings.connectionTimeoutSeconds());
                yield h2;
            }
            case POSTGRESQL -> {
                PGSimpleDataSource pg = new PGSimpleDataSource();
                pg.setURL(settings.jdbcUrl());
                if (!settings.effectiveUsername().isEmpty()) {
                    pg.setUser(settings.effectiveUsername());
                }
                if (!settings.password().isEmpty()) {
                    pg.setPassword(settings.password());
                }
                pg.setConnectTimeout(settings.connectionTimeoutSeconds());
                pg.setLoginTimeout(settings.connectionTimeoutSeconds());
                pg.setApplicationName("Bobine");
                yield pg;
            }
        };
    }

    /**
     * Opens the pool over the driver's data source; fails at once when the database does not accept a first
     * connection.
     *
     * @throws RuntimeException (HikariCP's {@code PoolInitializationException}) when the database cannot be
     *         reached
     */
    static HikariDataSource pool(DatabaseSettings settings, DataSource driver) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("bobine");
        config.setDataSource(driver);
        config.setMaximumPoolSize(settings.poolSize());
        config.setMinimumIdle(Math.min(2, settings.poolSize()));
        config.setConnectionTimeout(settings.connectionTimeoutSeconds() * 1000L);
        config.setInitializationFailTimeout(1);
        config.setRegisterMbeans(false);
        return new HikariDataSource(config);
    }
}
