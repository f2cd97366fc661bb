package org.bobine.persistence.api;

import java.util.function.Consumer;
import java.util.function.Function;

import jakarta.persistence.EntityManager;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Runs work in database transactions, with the entities of every {@link EntityContribution}.
 *
 * <p>Each call opens a new {@link EntityManager}, begins a resource-local transaction, runs the work, and then:
 * <ul>
 * <li>when the work returns, flushes and commits the transaction (a failure to commit is thrown as the
 * provider's {@link jakarta.persistence.PersistenceException}, typically a
 * {@link jakarta.persistence.RollbackException}, and nothing is kept);</li>
 * <li>when the work throws, rolls the transaction back and rethrows: a {@link RuntimeException} or an
 * {@link Error} unchanged, any other exception (thrown by sneaky means, since the functional interfaces
 * declare none) wrapped in a {@link jakarta.persistence.PersistenceException};</li>
 * <li>in every case closes the entity manager.</li>
 * </ul>
 * The entity manager belongs to the call: it must not escape it, be kept in a field, or be handed to another
 * thread. Entities returned by the work are detached: their lazy associations that were not loaded inside the
 * call cannot be loaded afterwards. The work may call {@link EntityManager#flush()} and run queries, but must
 * not manage the transaction itself ({@code getTransaction().commit()} and the like).
 *
 * <p>Calls do not nest: a call made from inside another call's work runs in its own entity manager and its
 * own, independent transaction, on another connection; it commits or rolls back on its own.
 *
 * <p>Thread-safe. A call that starts while the persistence unit is being rebuilt (a contribution came or went)
 * runs on the persistence unit that is current when it starts, and completes on it.
 *
 * <p>The service carries the service properties {@value #CONTRIBUTIONS} and {@value #DATABASE}.
 */
@ProviderType
public interface TransactionService {

    /**
     * Service property: the names ({@code String[]}) of the {@link EntityContribution}s whose migrations have run
     * and whose entities the current persistence unit holds. Updated after every rebuild. A component that
     * needs the entities of contribution {@code auth} references this service with the target
     * {@code (bobine.persistence.contributions=auth)}.
     */
    String CONTRIBUTIONS = "bobine.persistence.contributions";

    /** Service property: the database product, as returned by {@link #databaseProduct()}. */
    String DATABASE = "bobine.persistence.database";

    /**
     * Runs work that returns a result in a new transaction, committed when the work returns.
     *
     * @param <T> the type of the result
     * @param work the work, given the call's entity manager; must not keep it
     * @return what the work returned, after the commit
     * @throws RuntimeException what the work threw, unchanged, after the rollback
     * @throws jakarta.persistence.PersistenceException when the transaction could not be committed
     * @throws IllegalStateException when the service is no longer usable (the persistence bundle stopped)
     */
    <T> T call(Function<EntityManager, T> work);

    /**
     * Runs work without a result in a new transaction, committed when the work returns. The same as
     * {@link #call(Function)}.
     *
     * @param work the work, given the call's entity manager; must not keep it
     * @throws RuntimeException what the work threw, unchanged, after the rollback
     * @throws jakarta.persistence.PersistenceException when the transaction could not be committed
     * @throws IllegalStateException when the service is no longer usable (the persistence bundle stopped)
     */
    void run(Consumer<EntityManager> work);

    /**
     * Runs work that only reads, in a new transaction that is always rolled back. Entities are loaded
     * read-only (no dirty checking, no snapshots), the entity manager is never flushed, and the connection is
     * marked read-only: on PostgreSQL the transaction is {@code READ ONLY}, so a statement that writes (such as
     * the immediate {@code INSERT} of an entity with an identity id) fails; H2 ignores the mark. Either way
     * nothing the work does is kept.
     *
     * @param <T> the type of the result
     * @param work the work, given the call's entity manager; must not keep it
     * @return what the work returned
     * @throws RuntimeException what the work threw, unchanged
     * @throws IllegalStateException when the service is no longer usable (the persistence bundle stopped)
     */
    <T> T read(Function<EntityManager, T> work);

    /**
     * @return the product name of the database, as its JDBC driver reports it: {@code H2} or
     *         {@code PostgreSQL}; for diagnostics
     */
    String databaseProduct();
}
