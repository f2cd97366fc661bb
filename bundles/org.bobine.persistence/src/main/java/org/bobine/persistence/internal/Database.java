package org.bobine.persistence.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

import javax.sql.DataSource;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import jakarta.persistence.PersistenceException;

import org.bobine.persistence.api.EntityContribution;
import org.bobine.persistence.api.TransactionService;
import org.flywaydb.core.api.output.MigrateResult;
import org.hibernate.FlushMode;
import org.hibernate.Session;
import org.hibernate.jpa.HibernatePersistenceConfiguration;
import org.hibernate.jpa.HibernatePersistenceProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.zaxxer.hikari.HikariDataSource;

/**
 * The database and its persistence unit, independent of OSGi: the pool, the migrations of the contributions,
 * the entity manager factory over their entities, and the transactions.
 *
 * <p>All the heavy work (opening the pool, migrating, building the entity manager factory) runs on one worker
 * thread of its own, in order, so that {@link #start()}, {@link #addContribution} and
 * {@link #removeContribution} return at once. When the database cannot be reached, or the persistence unit
 * cannot be built for a reason that no contribution explains, the worker logs the reason and tries again later,
 * waiting longer each time (up to a minute).
 *
 * <p>When contributions come or go, the new ones are migrated at once, and the entity manager factory is rebuilt
 * {@link #DEBOUNCE_MILLIS} after the last change, so a burst of changes gives one rebuild. The new factory
 * replaces the old one atomically; the old one closes when the last transaction running on it ends.
 */
public final class Database implements TransactionService {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    /** How long the worker waits after a change of the contributions before it rebuilds the persistence unit. */
    static final long DEBOUNCE_MILLIS = 200;
    /** The longest wait between two attempts to reach the database. */
    static final long MAX_RETRY_MILLIS = 60_000;
    /** How long {@link #close()} lets running transactions finish. */
    static final long CLOSE_GRACE_MILLIS = 10_000;

    /** Told when a persistence unit has been built. */
    @FunctionalInterface
    public interface Listener {
        /**
         * Called on the worker thread each time a persistence unit has been built and made current; the first
         * call means the database is ready.
         *
         * @param database the database
         * @param contributions the names of the contributions whose entities the unit holds, sorted
         */
        void persistenceUnitBuilt(Database database, List<String> contributions);
    }

    private enum State {
        /** Waiting for the database to be reachable. */
        PENDING,
        /** Migrated: its entities belong in the persistence unit. */
        MIGRATED,
        /** Its migrations or its entities failed: left out. */
        FAILED,
        /** Its name is invalid or taken: left out. */
        REFUSED
    }

    /** A contribution, as the worker sees it. */
    private static final class Entry {
        final EntityContribution contribution;
        final MigrationSource source;
        String name;
        List<Class<?>> classes = List.of();
        State state = State.PENDING;
        /** Why it is left out, when it is. */
        String reason;

        Entry(EntityContribution contribution, MigrationSource source) {
            this.contribution = contribution;
            this.source = source;
        }
    }

    private final DatabaseSettings settings;
    private final Listener listener;
    private final long initialRetryMillis;
    private final ScheduledThreadPoolExecutor worker;

    // Confined to the worker thread.
    private final List<Entry> entries = new ArrayList<>();
    private HikariDataSource pool;
    private Set<Entry> built = Set.of();
    private ScheduledFuture<?> pendingRebuild;
    private int attempts;
    private long startNanos;

    // Read from any thread.
    private volatile EmfHandle current;
    private volatile String product = "";
    private volatile boolean closed;
    private volatile String lastError;
    private volatile Map<String, String> failures = Map.of();

    private final Object idle = new Object();
    private int pendingTasks;

    /**
     * @param settings how to reach the database
     * @param listener told of each persistence unit built
     */
    public Database(DatabaseSettings settings, Listener listener) {
        this(settings, listener, 1000);
    }

    Database(DatabaseSettings settings, Listener listener, long initialRetryMillis) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.initialRetryMillis = initialRetryMillis;
        ClassLoader loader = Database.class.getClassLoader();
        this.worker = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "bobine-database");
            thread.setDaemon(true);
            // Hibernate and Flyway look for their services in the context class loader too: make it the one
            // that sees the embedded libraries.
            thread.setContextClassLoader(loader);
            return thread;
        });
        worker.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        worker.setRemoveOnCancelPolicy(true);
    }

    /** Starts connecting to the database, on the worker thread; returns at once. */
    public void start() {
        startNanos = System.nanoTime();
        schedule(this::connect, 0);
    }

    /**
     * Adds a contribution: on the worker thread, its migrations run (as soon as the database is reachable), then
     * the persistence unit is rebuilt with its entities. Returns at once.
     */
    public void addContribution(EntityContribution contribution, MigrationSource source) {
        Objects.requireNonNull(contribution, "contribution");
        Objects.requireNonNull(source, "source");
        schedule(() -> added(new Entry(contribution, source)), 0);
    }

    /** Removes a contribution: the persistence unit is rebuilt without its entities. Returns at once. */
    public void removeContribution(EntityContribution contribution) {
        schedule(() -> removed(contribution), 0);
    }

    /**
     * Waits until the worker has nothing left to do (nothing scheduled, no rebuild pending).
     *
     * @return false when the timeout passed first
     */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (idle) {
            while (pendingTasks > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(idle, left);
            }
            return true;
        }
    }

    /** @return whether a persistence unit is built, so that transactions can run */
    public boolean isReady() {
        return current != null && !closed;
    }

    /** @return the names of the contributions in the current persistence unit, sorted */
    public List<String> contributions() {
        EmfHandle handle = current;
        return handle == null ? List.of() : List.copyOf(new TreeSet<>(handle.contributions()));
    }

    /** @return the contributions left out, by name, with the reason */
    public Map<String, String> failures() {
        return failures;
    }

    /** @return why the database could not be used the last time it was tried, or null */
    public String lastError() {
        return lastError;
    }

    /** @return the current entity manager factory's handle, or null before the first build */
    EmfHandle currentHandle() {
        return current;
    }

    /**
     * Stops the worker, lets running transactions finish (for a while), closes the persistence unit and the
     * pool. With H2, closing the pool's last connection closes the database.
     */
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        worker.shutdown();
        try {
            if (!worker.awaitTermination(60, TimeUnit.SECONDS)) {
                LOG.warn("The database worker did not stop in time");
                worker.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            worker.shutdownNow();
        }
        EmfHandle handle = current;
        if (handle != null) {
            handle.shutdown(CLOSE_GRACE_MILLIS);
        }
        // The worker has stopped: its fields are safe to read now.
        HikariDataSource p = pool;
        if (p != null) {
            p.close();
        }
        synchronized (idle) {
            pendingTasks = 0;
            idle.notifyAll();
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // TransactionService

    @Override
    public <T> T call(Function<EntityManager, T> work) {
        return execute(work, false);
    }

    @Override
    public void run(Consumer<EntityManager> work) {
        Objects.requireNonNull(work, "work");
        execute(em -> {
            work.accept(em);
            return null;
        }, false);
    }

    @Override
    public <T> T read(Function<EntityManager, T> work) {
        return execute(work, true);
    }

    @Override
    public String databaseProduct() {
        return product;
    }

    private <T> T execute(Function<EntityManager, T> work, boolean readOnly) {
        Objects.requireNonNull(work, "work");
        EmfHandle handle = acquire();
        try {
            EntityManager em = handle.emf().createEntityManager();
            try {
                EntityTransaction transaction = em.getTransaction();
                Session session = em.unwrap(Session.class);
                if (readOnly) {
                    session.setDefaultReadOnly(true);
                    session.setHibernateFlushMode(FlushMode.MANUAL);
                }
                transaction.begin();
                if (readOnly) {
                    session.doWork(connection -> connection.setReadOnly(true));
                }
                T result;
                try {
                    result = work.apply(em);
                } catch (Throwable t) {
                    rollback(transaction, t);
                    throw rethrow(t);
                }
                if (readOnly) {
                    transaction.rollback();
                } else {
                    transaction.commit();
                }
                return result;
            } finally {
                try {
                    if (em.getTransaction().isActive()) {
                        em.getTransaction().rollback();
                    }
                } catch (RuntimeException e) {
                    LOG.debug("Rolling back after a failed commit failed", e);
                }
                em.close();
            }
        } finally {
            handle.release();
        }
    }

    private EmfHandle acquire() {
        while (true) {
            if (closed) {
                throw new IllegalStateException("The database is closed");
            }
            EmfHandle handle = current;
            if (handle == null) {
                throw new IllegalStateException("The database is not ready yet");
            }
            if (handle.tryAcquire()) {
                return handle;
            }
            // Retired between the read and the acquisition: its replacement is current already.
        }
    }

    private static void rollback(EntityTransaction transaction, Throwable cause) {
        try {
            if (transaction.isActive()) {
                transaction.rollback();
            }
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new PersistenceException(t);
    }

    // ---------------------------------------------------------------------------------------------------------
    // The worker

    private ScheduledFuture<?> schedule(Runnable task, long delayMillis) {
        synchronized (idle) {
            if (closed) {
                return null;
            }
            pendingTasks++;
        }
        try {
            return worker.schedule(() -> {
                try {
                    if (!closed) {
                        task.run();
                    }
                } catch (RuntimeException | LinkageError e) {
                    LOG.error("Unexpected failure in the database worker: {}", e, e);
                } finally {
                    taskDone();
                }
            }, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            taskDone();
            return null;
        }
    }

    private void cancel(ScheduledFuture<?> task) {
        if (task != null && task.cancel(false)) {
            taskDone();
        }
    }

    private void taskDone() {
        synchronized (idle) {
            if (pendingTasks > 0) {
                pendingTasks--;
            }
            idle.notifyAll();
        }
    }

    private long nextRetryMillis() {
        long delay = initialRetryMillis << Math.min(attempts, 16);
        attempts++;
        return Math.min(delay, Math.max(MAX_RETRY_MILLIS, initialRetryMillis));
    }

    /** Opens the pool, migrates the contributions that waited for it, and builds the first persistence unit. */
    private void connect() {
        DataSource driver;
        try {
            driver = DataSources.driverDataSource(settings);
        } catch (IllegalArgumentException e) {
            // A configuration error: trying again would not help.
            lastError = e.getMessage();
            LOG.error("The database cannot be used: {}. Correct the url of the {} configuration.", lastError,
                    PersistenceComponent.PID);
            return;
        }
        // A first connection straight from the driver, so that an unreachable database gives one clear message.
        try (Connection connection = driver.getConnection()) {
            product = connection.getMetaData().getDatabaseProductName();
        } catch (SQLException | RuntimeException e) {
            unreachable(e);
            return;
        }
        HikariDataSource opened;
        try {
            opened = DataSources.pool(settings, driver);
        } catch (RuntimeException e) {
            unreachable(e);
            return;
        }
        pool = opened;
        attempts = 0;
        lastError = null;
        LOG.debug("Connected to {} at {}", product, settings.redactedUrl());
        for (Entry entry : entries) {
            if (entry.state == State.PENDING) {
                migrate(entry);
            }
        }
        updateFailures();
        // Debounced too: contributions bound right after start() are still arriving.
        requestRebuild();
    }

    private void unreachable(Exception e) {
        long retry = nextRetryMillis();
        lastError = reason(e);
        LOG.error("The database at {} cannot be used: {}; trying again in {} s", settings.redactedUrl(),
                lastError, retry / 1000.0);
        LOG.debug("The database could not be opened", e);
        schedule(this::connect, retry);
    }

    private void added(Entry entry) {
        entries.add(entry);
        try {
            admit(entry);
        } finally {
            updateFailures();
        }
    }

    /** Checks the contribution's name, then migrates it if the database is reachable already. */
    private void admit(Entry entry) {
        String name;
        try {
            name = entry.contribution.name();
        } catch (RuntimeException e) {
            entry.name = entry.contribution.getClass().getName();
            refuse(entry, "its name could not be read: " + e);
            return;
        }
        entry.name = String.valueOf(name);
        if (name == null || !name.matches(EntityContribution.NAME_PATTERN)) {
            refuse(entry, "its name does not match " + EntityContribution.NAME_PATTERN);
            return;
        }
        for (Entry other : entries) {
            if (other != entry && name.equals(other.name) && other.state != State.REFUSED) {
                refuse(entry, "another contribution (" + other.contribution.getClass().getName()
                        + ") already has this name");
                return;
            }
        }
        entry.state = State.PENDING;
        if (pool != null) {
            migrate(entry);
            requestRebuild();
        }
        // Otherwise connect() migrates it once the database is reachable.
    }

    private void refuse(Entry entry, String reason) {
        entry.state = State.REFUSED;
        entry.reason = reason;
        LOG.error("The entity contribution '{}' of {} is refused: {}", entry.name,
                entry.contribution.getClass().getName(), reason);
    }

    private void removed(EntityContribution contribution) {
        Entry entry = null;
        for (Entry e : entries) {
            if (e.contribution == contribution) {
                entry = e;
                break;
            }
        }
        if (entry == null) {
            return;
        }
        entries.remove(entry);
        if (built.contains(entry)) {
            requestRebuild();
        }
        if (entry.state != State.REFUSED) {
            // A contribution refused because it had the same name may take its place now.
            for (Entry other : entries) {
                if (other.state == State.REFUSED && entry.name.equals(other.name)) {
                    other.reason = null;
                    admit(other);
                    break;
                }
            }
        }
        updateFailures();
    }

    /** Publishes the contributions left out, and why. */
    private void updateFailures() {
        Map<String, String> left = new TreeMap<>();
        for (Entry entry : entries) {
            if (entry.state == State.FAILED || entry.state == State.REFUSED) {
                left.putIfAbsent(entry.name, entry.reason);
            }
        }
        failures = Map.copyOf(left);
    }

    private void migrate(Entry entry) {
        long start = System.nanoTime();
        try {
            entry.classes = List.copyOf(entry.contribution.entityClasses());
            String path = entry.contribution.migrationsPath();
            List<MigrationScript> scripts = path == null || path.isBlank() ? List.of()
                    : entry.source.scripts(stripSlashes(path));
            MigrateResult result = Migrations.migrate(pool, entry.name, scripts);
            entry.state = State.MIGRATED;
            entry.reason = null;
            if (result.migrationsExecuted > 0) {
                LOG.info("Applied {} migration(s) of '{}' in {} ms; its schema is at version {}",
                        result.migrationsExecuted, entry.name, millisSince(start), result.targetSchemaVersion);
            }
        } catch (Migrations.MigrationFailure e) {
            fail(entry, "its migrations failed: " + e.getMessage());
            LOG.debug("Migration failure of {}", entry.name, e);
        } catch (Exception | LinkageError e) {
            fail(entry, "its migrations could not be read: " + reason(e));
            LOG.debug("Migration failure of {}", entry.name, e);
        }
    }

    private void fail(Entry entry, String reason) {
        entry.state = State.FAILED;
        entry.reason = reason;
        updateFailures();
        LOG.error("The entity contribution '{}' is left out, {}", entry.name, reason);
    }

    private void requestRebuild() {
        cancel(pendingRebuild);
        pendingRebuild = schedule(this::rebuild, DEBOUNCE_MILLIS);
    }

    /** Builds a persistence unit with the entities of the migrated contributions, and makes it current. */
    private void rebuild() {
        // Runs as the pending rebuild (requestRebuild() keeps at most one), or directly after blame().
        pendingRebuild = null;
        if (pool == null) {
            return;
        }
        Set<Entry> wanted = migrated();
        if (current != null && wanted.equals(built)) {
            return;
        }
        long start = System.nanoTime();
        try {
            EntityManagerFactory emf = build(wanted);
            install(emf, wanted, start);
            return;
        } catch (RuntimeException | LinkageError e) {
            if (!databaseReachable()) {
                retryRebuild("the database cannot be reached: " + reason(e), e);
                return;
            }
            Set<Entry> suspects = new LinkedHashSet<>(wanted);
            suspects.removeAll(built);
            if (suspects.isEmpty()) {
                retryRebuild(reason(e), e);
                return;
            }
            if (!blame(suspects, e)) {
                retryRebuild(reason(e), e);
                return;
            }
        }
        rebuild();
    }

    /**
     * Finds which of the new contributions break the persistence unit, and leaves them out: adds them one at a
     * time to those that worked before, keeping each that still builds.
     *
     * @return whether one was left out
     */
    private boolean blame(Set<Entry> suspects, Throwable failure) {
        if (suspects.size() == 1) {
            Entry suspect = suspects.iterator().next();
            fail(suspect, "its entities could not be registered: " + reason(failure));
            LOG.debug("Persistence unit failure", failure);
            return true;
        }
        boolean blamed = false;
        Set<Entry> base = migrated();
        base.removeAll(suspects);
        for (Entry suspect : suspects) {
            Set<Entry> trial = new LinkedHashSet<>(base);
            trial.add(suspect);
            try {
                build(trial).close();
                base.add(suspect);
            } catch (RuntimeException | LinkageError e) {
                fail(suspect, "its entities could not be registered: " + reason(e));
                LOG.debug("Persistence unit failure", e);
                blamed = true;
            }
        }
        return blamed;
    }

    private void retryRebuild(String why, Throwable e) {
        long retry = nextRetryMillis();
        lastError = why;
        LOG.error("The persistence unit cannot be built: {}; trying again in {} s", why, retry / 1000.0);
        LOG.debug("Persistence unit failure", e);
        cancel(pendingRebuild);
        pendingRebuild = schedule(this::rebuild, retry);
    }

    private Set<Entry> migrated() {
        Set<Entry> set = new LinkedHashSet<>();
        for (Entry entry : entries) {
            if (entry.state == State.MIGRATED) {
                set.add(entry);
            }
        }
        return set;
    }

    private boolean databaseReachable() {
        try (Connection connection = pool.getConnection()) {
            return connection.isValid(settings.connectionTimeoutSeconds());
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    private EntityManagerFactory build(Set<Entry> contributions) {
        List<Class<?>> classes = new ArrayList<>();
        Set<Class<?>> seen = new HashSet<>();
        // Hibernate loads the managed classes again by name: it must see the class loaders of their bundles.
        Set<ClassLoader> loaders = new LinkedHashSet<>();
        for (Entry entry : contributions) {
            for (Class<?> type : entry.classes) {
                if (seen.add(type)) {
                    classes.add(type);
                    if (type.getClassLoader() != null) {
                        loaders.add(type.getClassLoader());
                    }
                }
            }
        }
        HibernatePersistenceConfiguration configuration = new HibernatePersistenceConfiguration("bobine")
                .managedClasses(classes)
                .property("hibernate.classLoaders", List.copyOf(loaders))
                .property("jakarta.persistence.nonJtaDataSource", pool)
                // Flyway owns the schema.
                .property("hibernate.hbm2ddl.auto", "none")
                .property("hibernate.xml_mapping_enabled", "false");
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(Database.class.getClassLoader());
        try {
            return new HibernatePersistenceProvider().createEntityManagerFactory(configuration);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private void install(EntityManagerFactory emf, Set<Entry> contributions, long start) {
        Set<String> names = new TreeSet<>();
        contributions.forEach(e -> names.add(e.name));
        EmfHandle previous = current;
        current = new EmfHandle(emf, names);
        built = Set.copyOf(contributions);
        attempts = 0;
        lastError = null;
        if (previous == null) {
            LOG.info("Database ready ({}) in {} ms", product, millisSince(startNanos));
        } else {
            previous.retire();
            LOG.info("Persistence unit rebuilt in {} ms with the entities of {}", millisSince(start), names);
        }
        try {
            listener.persistenceUnitBuilt(this, List.copyOf(names));
        } catch (RuntimeException e) {
            LOG.error("A database listener failed: {}", e, e);
        }
    }

    private static long millisSince(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
    }

    private static String stripSlashes(String path) {
        String p = path.strip();
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }

    /** @return the most telling message of an exception and its causes, on one line */
    static String reason(Throwable e) {
        Throwable deepest = e;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            deepest = t;
        }
        String top = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String root = deepest.getMessage() == null ? deepest.getClass().getSimpleName() : deepest.getMessage();
        String message = deepest == e || top.contains(root) ? top : top + " (" + root + ")";
        return message.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
