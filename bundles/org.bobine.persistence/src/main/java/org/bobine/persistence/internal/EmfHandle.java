package org.bobine.persistence.internal;

import java.util.Set;

import jakarta.persistence.EntityManagerFactory;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An entity manager factory with a count of the transactions using it. When a rebuilt factory replaces it, it
 * is retired: it takes no new transactions, and closes when the last running one has finished.
 */
final class EmfHandle {

    private static final Logger LOG = LoggerFactory.getLogger(EmfHandle.class);

    private final EntityManagerFactory emf;
    private final Set<String> contributions;
    private int users;
    private boolean retired;
    private boolean closed;

    EmfHandle(EntityManagerFactory emf, Set<String> contributions) {
        this.emf = emf;
        this.contributions = Set.copyOf(contributions);
    }

    EntityManagerFactory emf() {
        return emf;
    }

    /** @return the names of the contributions whose entities the factory holds */
    Set<String> contributions() {
        return contributions;
    }

    /** @return whether the caller may use the factory until its {@link #release()}; false once retired */
    synchronized boolean tryAcquire() {
        if (retired) {
            return false;
        }
        users++;
        return true;
    }

    void release() {
        boolean close;
        synchronized (this) {
            users--;
            close = retired && users == 0 && !closed;
            closed |= close;
            notifyAll();
        }
        if (close) {
            closeFactory();
        }
    }

    /** Takes no new users, and closes the factory now or when the last user releases it. */
    void retire() {
        boolean close;
        synchronized (this) {
            retired = true;
            close = users == 0 && !closed;
            closed |= close;
        }
        if (close) {
            closeFactory();
        }
    }

    /**
     * Retires the factory, waits at most {@code timeoutMillis} for its users to finish, and closes it even if
     * some have not.
     */
    void shutdown(long timeoutMillis) {
        retire();
        boolean close;
        synchronized (this) {
            long deadline = System.currentTimeMillis() + timeoutMillis;
            long left;
            while (users > 0 && (left = deadline - System.currentTimeMillis()) > 0) {
                try {
                    wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            if (users > 0) {
                LOG.warn("Closing the persistence unit while {} transaction(s) still run", users);
            }
            close = !closed;
            closed = true;
        }
        if (close) {
            closeFactory();
        }
    }

    synchronized boolean isClosed() {
        return closed;
    }

    synchronized int users() {
        return users;
    }

    private void closeFactory() {
        try {
            emf.close();
        } catch (RuntimeException e) {
            LOG.warn("Closing a persistence unit failed: {}", e.toString());
        }
    }
}
