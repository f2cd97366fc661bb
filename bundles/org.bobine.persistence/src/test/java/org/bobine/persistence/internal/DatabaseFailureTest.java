package org.bobine.persistence.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What happens when the database cannot be reached. */
class DatabaseFailureTest {

    @TempDir
    Path dataDir;

    @Test
    void anUnreachableDatabaseIsRetriedAndDoesNotBlock() throws Exception {
        // Nothing listens on port 1.
        DatabaseSettings settings = new DatabaseSettings("jdbc:postgresql://127.0.0.1:1/bobine?password=secret",
                "bobine", "", 2, 1, dataDir);
        List<List<String>> builds = new java.util.concurrent.CopyOnWriteArrayList<>();
        Database db = new Database(settings, (database, names) -> builds.add(names), 50);
        long start = System.nanoTime();
        db.start();
        db.addContribution(DatabaseTest.NOTES, DirectoryMigrations.INSTANCE);
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(1_000);

        long deadline = System.currentTimeMillis() + 20_000;
        while (db.lastError() == null && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertThat(db.lastError()).contains("127.0.0.1:1");
        assertThat(db.isReady()).isFalse();
        assertThat(builds).isEmpty();
        assertThatThrownBy(() -> db.run(em -> { })).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not ready");

        long closing = System.nanoTime();
        db.close();
        assertThat((System.nanoTime() - closing) / 1_000_000).as("closing while retrying").isLessThan(5_000);
        assertThatThrownBy(() -> db.run(em -> { })).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void unsupportedUrlsAreRejected() {
        DatabaseSettings settings = new DatabaseSettings("jdbc:mysql://localhost/bobine", "", "", 2, 1, dataDir);
        assertThatThrownBy(settings::kind).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jdbc:mysql://localhost/bobine");
    }
}
