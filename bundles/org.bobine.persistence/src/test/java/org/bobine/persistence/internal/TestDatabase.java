package org.bobine.persistence.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.bobine.persistence.api.EntityContribution;

/**
 * A database for one test: its settings stay the same across {@link #open}s, so a test can close the
 * {@link Database} and open it again on the same data.
 */
final class TestDatabase implements AutoCloseable {

    /** Drops what the test left. */
    @FunctionalInterface
    interface Cleanup {
        void run() throws Exception;
    }

    static final Duration TIMEOUT = Duration.ofSeconds(60);

    final Backend backend;
    final DatabaseSettings settings;
    private final Cleanup cleanup;
    private final List<Database> opened = new ArrayList<>();
    /** The contributions of each persistence unit built, in order, over all the opens. */
    final List<List<String>> builds = new CopyOnWriteArrayList<>();

    TestDatabase(Backend backend, DatabaseSettings settings, Cleanup cleanup) {
        this.backend = backend;
        this.settings = settings;
        this.cleanup = cleanup;
    }

    /** Starts a database with the contributions, and waits until it is ready and has nothing left to do. */
    Database open(EntityContribution... contributions) throws InterruptedException {
        Database database = new Database(settings, (db, names) -> builds.add(names));
        opened.add(database);
        database.start();
        for (EntityContribution contribution : contributions) {
            database.addContribution(contribution, DirectoryMigrations.INSTANCE);
        }
        settle(database);
        assertThat(database.isReady()).as("ready; last error: %s", database.lastError()).isTrue();
        return database;
    }

    static void settle(Database database) throws InterruptedException {
        assertThat(database.awaitIdle(TIMEOUT)).as("the database worker settles").isTrue();
    }

    @Override
    public void close() throws Exception {
        for (Database database : opened) {
            database.close();
        }
        if (cleanup != null) {
            cleanup.run();
        }
    }
}
