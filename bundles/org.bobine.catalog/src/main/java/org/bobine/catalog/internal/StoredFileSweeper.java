package org.bobine.catalog.internal;

import java.io.IOException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.persistence.EntityManager;

import org.bobine.persistence.api.TransactionService;
import org.bobine.storage.api.FileStore;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes from the file store the files that removals inside other transactions stopped referencing. A removal
 * {@linkplain #schedule records} the files in its own transaction; this component deletes them once that
 * transaction has committed: soon after, and in any case at the next sweep, on this node or another, also after a
 * crash. Deleting a file that is already gone is harmless, so two nodes sweeping at once do no harm either.
 */
@Component(service = StoredFileSweeper.class, immediate = true)
public class StoredFileSweeper {

    private static final Logger LOG = LoggerFactory.getLogger(StoredFileSweeper.class);

    /** How often the recorded deletions are swept, in seconds. */
    static final long SWEEP_SECONDS = 60;
    static final int BATCH = 200;

    private final TransactionService transactions;
    private final FileStore store;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "bobine-stored-file-sweeper");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        return thread;
    });

    @Activate
    public StoredFileSweeper(
            @Reference(target = CatalogEntities.WITH_CATALOG_ENTITIES) TransactionService transactions,
            @Reference FileStore store) {
        this(transactions, store, true);
    }

    /** @param periodic whether to sweep every {@value #SWEEP_SECONDS} seconds (tests sweep by hand) */
    StoredFileSweeper(TransactionService transactions, FileStore store, boolean periodic) {
        this.transactions = transactions;
        this.store = store;
        if (periodic) {
            executor.scheduleWithFixedDelay(this::sweepLogged, 5, SWEEP_SECONDS, TimeUnit.SECONDS);
        }
    }

    @Deactivate
    void deactivate() {
        executor.shutdownNow();
    }

    /** Records files to delete once the caller's transaction commits. */
    static void schedule(EntityManager em, String area, Collection<String> keys) {
        Instant now = Instant.now();
        for (String key : keys) {
            em.persist(new StoredFileDeletion(area, key, now));
        }
    }

    /**
     * Records files about to be written outside any transaction, to delete after {@code keep} unless
     * {@link #unstage} takes them back first (in the transaction that starts referencing them).
     */
    static void stage(EntityManager em, String area, Collection<String> keys, java.time.Duration keep) {
        Instant now = Instant.now();
        for (String key : keys) {
            em.persist(new StoredFileDeletion(area, key, now, now.plus(keep)));
        }
    }

    /** Takes back staged files that the caller's transaction now references. */
    static void unstage(EntityManager em, String area, Collection<String> keys) {
        if (keys.isEmpty()) {
            return;
        }
        em.createQuery("delete from StoredFileDeletion d where d.area = :area and d.storageKey in :keys "
                + "and d.notBefore is not null").setParameter("area", area).setParameter("keys", keys)
                .executeUpdate();
    }

    /** Asks for a sweep now, for removals that just committed. */
    void sweepSoon() {
        if (!executor.isShutdown()) {
            executor.execute(this::sweepLogged);
        }
    }

    private void sweepLogged() {
        try {
            sweep();
        } catch (RuntimeException e) {
            LOG.warn("Could not delete the files of removed videos and images yet: {}", e.toString());
        }
    }

    /** Deletes the recorded files, batch by batch; @return how many records were handled */
    int sweep() {
        int handled = 0;
        while (true) {
            Instant now = Instant.now();
            List<StoredFileDeletion> batch = transactions.read(em -> em.createQuery(
                    "select d from StoredFileDeletion d where d.notBefore is null or d.notBefore <= :now "
                    + "order by d.id", StoredFileDeletion.class).setParameter("now", now)
                    .setMaxResults(BATCH).getResultList());
            if (batch.isEmpty()) {
                return handled;
            }
            for (StoredFileDeletion deletion : batch) {
                try {
                    store.delete(deletion.area(), deletion.storageKey());
                } catch (IOException e) {
                    // Left recorded: the next sweep tries again.
                    LOG.warn("Could not delete {} of the file store area {}: {}", deletion.storageKey(),
                            deletion.area(), e.toString());
                    return handled;
                } catch (IllegalArgumentException e) {
                    LOG.warn("Dropped the deletion of an invalid key {} of area {}", deletion.storageKey(),
                            deletion.area());
                }
                transactions.run(em -> em.createQuery("delete from StoredFileDeletion d where d.id = :id")
                        .setParameter("id", deletion.id()).executeUpdate());
                handled++;
            }
        }
    }
}
