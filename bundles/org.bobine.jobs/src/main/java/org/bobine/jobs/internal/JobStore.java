package org.bobine.jobs.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.TypedQuery;

import org.bobine.jobs.api.JobRequest;
import org.bobine.jobs.api.JobState;
import org.bobine.jobs.api.JobView;
import org.bobine.persistence.api.TransactionService;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The queue's reads and writes, each in its own transaction. Every write that concerns a running job names the
 * node that holds it, so that a node which lost its lease (it was too slow to renew it, and another node took
 * the job) changes nothing. When a job and its parent are both locked, the parent is locked first.
 */
final class JobStore {

    static final ObjectMapper JSON = JsonMapper.builder().build();

    static final int MAX_PAYLOAD = 1_000_000;
    static final int MAX_ERROR = 4000;

    /** A job taken by this node. */
    record Claimed(long id, String type, String payload, int attempt, int maxAttempts) {
    }

    private final TransactionService tx;

    JobStore(TransactionService tx) {
        this.tx = tx;
    }

    static String toJson(Object payload) {
        String json;
        try {
            json = JSON.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("The payload cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
        if (json.length() > MAX_PAYLOAD) {
            throw new IllegalArgumentException("The payload is over " + MAX_PAYLOAD + " characters as JSON");
        }
        return json;
    }

    List<Long> insert(JobRequest parent, List<JobRequest> children, Instant now) {
        String parentJson = toJson(parent.payload());
        List<String> childJson = children.stream().map(c -> toJson(c.payload())).toList();
        return tx.call(em -> {
            List<Long> ids = new ArrayList<>();
            QueuedJob p = newJob(parent, parentJson, now,
                    children.isEmpty() ? QueuedJob.WAITING : QueuedJob.WAITING_CHILDREN, null);
            em.persist(p);
            em.flush();
            ids.add(p.id);
            for (int i = 0; i < children.size(); i++) {
                QueuedJob c = newJob(children.get(i), childJson.get(i), now, QueuedJob.WAITING, p.id);
                em.persist(c);
                em.flush();
                ids.add(c.id);
            }
            return ids;
        });
    }

    private static QueuedJob newJob(JobRequest request, String payload, Instant now, String state, Long parentId) {
        QueuedJob job = new QueuedJob();
        job.type = request.type();
        job.state = state;
        job.payload = payload;
        job.priority = request.priority();
        job.maxAttempts = request.maxAttempts();
        job.backoffMs = request.backoff().toMillis();
        job.parentId = parentId;
        job.runAt = request.runAt(now);
        job.createdAt = now;
        return job;
    }

    /**
     * Takes up to {@code max} due jobs of a type, by priority then due time. On PostgreSQL the rows are locked
     * with {@code SKIP LOCKED}, so that nodes claiming at the same moment take different jobs instead of waiting
     * for one another; H2 accepts the same clause. Each row is then moved to {@code active} only if it is still
     * {@code waiting}, which alone guarantees that a job is taken once.
     */
    List<Claimed> claim(String type, int max, String node, Instant now, Duration lease) {
        return tx.call(em -> {
            List<?> ids = em.createNativeQuery("select id from jobs_job where state = 'waiting' and job_type = ?1"
                    + " and run_at <= ?2 order by priority, run_at, id fetch first " + max
                    + " rows only for update skip locked")
                    .setParameter(1, type).setParameter(2, now).getResultList();
            List<Claimed> claimed = new ArrayList<>();
            for (Object row : ids) {
                long id = ((Number) row).longValue();
                int taken = em.createQuery("update QueuedJob j set j.state = 'active', j.lockedBy = :node,"
                        + " j.lockedUntil = :until, j.attempts = j.attempts + 1, j.processedOn = :now,"
                        + " j.progress = 0 where j.id = :id and j.state = 'waiting'")
                        .setParameter("node", node).setParameter("until", now.plus(lease))
                        .setParameter("now", now).setParameter("id", id).executeUpdate();
                if (taken == 1) {
                    QueuedJob job = em.find(QueuedJob.class, id);
                    claimed.add(new Claimed(id, job.type, job.payload, job.attempts, job.maxAttempts));
                }
            }
            return claimed;
        });
    }

    /** The job, locked, if this node still holds it; its parent locked before it. */
    private static Optional<QueuedJob> held(EntityManager em, long id, String node) {
        List<Long> parents = em.createQuery("select j.parentId from QueuedJob j where j.id = :id", Long.class)
                .setParameter("id", id).getResultList();
        Long parentId = parents.isEmpty() ? null : parents.get(0);
        if (parentId != null) {
            em.find(QueuedJob.class, parentId, LockModeType.PESSIMISTIC_WRITE);
        }
        QueuedJob job = em.find(QueuedJob.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (job == null || !QueuedJob.ACTIVE.equals(job.state) || !node.equals(job.lockedBy)) {
            return Optional.empty();
        }
        return Optional.of(job);
    }

    /** Completes a job this node runs; a parent whose children have all completed becomes due. */
    boolean complete(long id, String node, Instant now) {
        return tx.call(em -> held(em, id, node).map(job -> {
            job.state = QueuedJob.COMPLETED;
            job.progress = 100;
            job.finishedOn = now;
            unlock(job);
            em.flush();
            if (job.parentId != null) {
                QueuedJob parent = em.find(QueuedJob.class, job.parentId);
                long pending = em.createQuery("select count(c) from QueuedJob c where c.parentId = :p"
                        + " and c.state <> 'completed'", Long.class).setParameter("p", job.parentId)
                        .getSingleResult();
                if (parent != null && pending == 0 && QueuedJob.WAITING_CHILDREN.equals(parent.state)) {
                    parent.state = QueuedJob.WAITING;
                    parent.runAt = now;
                }
            }
            return true;
        }).orElse(false));
    }

    /**
     * Records a failed attempt of a job this node runs: due again after its backoff, or failed for good (with
     * its parent) when it had its last attempt or was cancelled.
     *
     * @return the job's state afterwards, or empty if this node no longer held it
     */
    Optional<String> fail(long id, String node, Instant now, String error) {
        String message = truncate(error);
        return tx.call(em -> held(em, id, node).map(job -> {
            job.error = message;
            unlock(job);
            if (job.cancelRequested || job.attempts >= job.maxAttempts) {
                failForGood(em, job, job.cancelRequested ? "cancelled" : message, now);
            } else {
                job.state = QueuedJob.WAITING;
                job.runAt = now.plus(backoff(job.backoffMs, job.attempts));
            }
            return job.state;
        }));
    }

    /** The wait after the given failed attempt: the backoff, doubled at each attempt after the first. */
    static Duration backoff(long backoffMs, int attempt) {
        int doublings = Math.min(Math.max(attempt - 1, 0), 30);
        long ms = backoffMs << doublings;
        return Duration.ofMillis(ms < 0 || ms >> doublings != backoffMs ? Long.MAX_VALUE / 4 : ms);
    }

    private static void failForGood(EntityManager em, QueuedJob job, String error, Instant now) {
        job.state = QueuedJob.FAILED;
        job.error = truncate(error);
        job.finishedOn = now;
        if (job.parentId != null) {
            QueuedJob parent = em.find(QueuedJob.class, job.parentId);
            if (parent != null && QueuedJob.WAITING_CHILDREN.equals(parent.state)) {
                parent.state = QueuedJob.FAILED;
                parent.error = truncate("Child job " + job.id + " failed: " + error);
                parent.finishedOn = now;
            }
        }
    }

    /** Gives back a job this node was running without counting the attempt: the node is stopping. */
    boolean release(long id, String node, Instant now) {
        return tx.call(em -> held(em, id, node).map(job -> {
            if (job.cancelRequested) {
                unlock(job);
                failForGood(em, job, "cancelled", now);
                return true;
            }
            job.state = QueuedJob.WAITING;
            job.attempts = Math.max(0, job.attempts - 1);
            unlock(job);
            return true;
        }).orElse(false));
    }

    /** Gives back whatever this node still holds. @return how many jobs */
    int releaseAll(String node) {
        return tx.call(em -> em.createQuery("update QueuedJob j set j.state = 'waiting',"
                + " j.attempts = case when j.attempts > 0 then j.attempts - 1 else 0 end,"
                + " j.lockedBy = null, j.lockedUntil = null where j.lockedBy = :node and j.state = 'active'")
                .setParameter("node", node).executeUpdate());
    }

    private static void unlock(QueuedJob job) {
        job.lockedBy = null;
        job.lockedUntil = null;
    }

    static String truncate(String error) {
        if (error == null) {
            return null;
        }
        return error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR - 1) + "…";
    }

    void progress(long id, String node, int percent) {
        tx.run(em -> em.createQuery("update QueuedJob j set j.progress = :p where j.id = :id"
                + " and j.lockedBy = :node and j.state = 'active'").setParameter("p", percent)
                .setParameter("id", id).setParameter("node", node).executeUpdate());
    }

    /**
     * Renews the leases of the jobs this node runs.
     *
     * @return those of them that were asked to stop
     */
    List<Long> heartbeat(String node, Instant until) {
        return tx.call(em -> {
            em.createQuery("update QueuedJob j set j.lockedUntil = :until where j.lockedBy = :node"
                    + " and j.state = 'active'").setParameter("until", until).setParameter("node", node)
                    .executeUpdate();
            return em.createQuery("select j.id from QueuedJob j where j.lockedBy = :node and j.state = 'active'"
                    + " and j.cancelRequested = true", Long.class).setParameter("node", node).getResultList();
        });
    }

    /**
     * Takes back the jobs of nodes that stopped renewing their leases (they died): due at once, or failed if it
     * was their last attempt (or they were cancelled); then settles the parents that a missed event left behind.
     *
     * @return how many jobs were taken back
     */
    int recoverExpired(Instant now) {
        return tx.call(em -> {
            int failed = em.createQuery("update QueuedJob j set j.state = 'failed', j.finishedOn = :now,"
                    + " j.error = case when j.cancelRequested = true then 'cancelled'"
                    + " else 'The node running the job stopped' end, j.lockedBy = null, j.lockedUntil = null"
                    + " where j.state = 'active' and j.lockedUntil < :now"
                    + " and (j.attempts >= j.maxAttempts or j.cancelRequested = true)")
                    .setParameter("now", now).executeUpdate();
            int again = em.createQuery("update QueuedJob j set j.state = 'waiting', j.runAt = :now,"
                    + " j.lockedBy = null, j.lockedUntil = null where j.state = 'active' and j.lockedUntil < :now")
                    .setParameter("now", now).executeUpdate();
            em.createQuery("update QueuedJob p set p.state = 'failed', p.finishedOn = :now,"
                    + " p.error = 'A child job failed' where p.state = 'waiting-children' and exists"
                    + " (select c.id from QueuedJob c where c.parentId = p.id and c.state = 'failed')")
                    .setParameter("now", now).executeUpdate();
            em.createQuery("update QueuedJob p set p.state = 'waiting', p.runAt = :now"
                    + " where p.state = 'waiting-children' and not exists"
                    + " (select c.id from QueuedJob c where c.parentId = p.id and c.state <> 'completed')")
                    .setParameter("now", now).executeUpdate();
            return failed + again;
        });
    }

    /**
     * Cancels a job: one that has not started fails at once, with its waiting children; a running one is
     * marked, and its node stops it at its next heartbeat.
     */
    boolean cancel(long id, Instant now) {
        return tx.call(em -> {
            QueuedJob job = em.find(QueuedJob.class, id, LockModeType.PESSIMISTIC_WRITE);
            if (job == null) {
                return false;
            }
            switch (job.state) {
                case QueuedJob.WAITING, QueuedJob.WAITING_CHILDREN -> {
                    em.createQuery("update QueuedJob c set c.state = 'failed', c.error = 'cancelled',"
                            + " c.finishedOn = :now where c.parentId = :id and c.state = 'waiting'")
                            .setParameter("now", now).setParameter("id", id).executeUpdate();
                    job.state = QueuedJob.FAILED;
                    job.error = "cancelled";
                    job.finishedOn = now;
                    return true;
                }
                case QueuedJob.ACTIVE -> {
                    job.cancelRequested = true;
                    return true;
                }
                default -> {
                    return false;
                }
            }
        });
    }

    boolean isPaused() {
        return tx.read(em -> {
            QueueSettings settings = em.find(QueueSettings.class, QueueSettings.DEFAULT);
            return settings != null && settings.paused;
        });
    }

    void setPaused(boolean paused) {
        tx.run(em -> em.createQuery("update QueueSettings s set s.paused = :p where s.name = :n")
                .setParameter("p", paused).setParameter("n", QueueSettings.DEFAULT).executeUpdate());
    }

    /**
     * Removes finished jobs as PeerTube does: completed ones after {@code completed}, failed ones after
     * {@code failed}, and the oldest beyond {@code maxStored} finished jobs.
     *
     * @return how many were removed
     */
    int cleanup(Instant now, Duration completed, Duration failed, int maxStored) {
        return tx.call(em -> {
            int removed = em.createQuery("delete from QueuedJob j where j.state = 'completed'"
                    + " and j.finishedOn < :t").setParameter("t", now.minus(completed)).executeUpdate();
            removed += em.createQuery("delete from QueuedJob j where j.state = 'failed' and j.finishedOn < :t")
                    .setParameter("t", now.minus(failed)).executeUpdate();
            Optional<Instant> cutoff = em.createQuery("select j.finishedOn from QueuedJob j"
                    + " where j.state in ('completed', 'failed') order by j.finishedOn desc, j.id desc", Instant.class)
                    .setFirstResult(maxStored).setMaxResults(1).getResultStream().findFirst();
            if (cutoff.isPresent()) {
                removed += em.createQuery("delete from QueuedJob j where j.state in ('completed', 'failed')"
                        + " and j.finishedOn <= :t").setParameter("t", cutoff.get()).executeUpdate();
            }
            return removed;
        });
    }

    Optional<JobView> view(long id, Instant now) {
        return tx.read(em -> {
            QueuedJob job = em.find(QueuedJob.class, id);
            if (job == null) {
                return Optional.<JobView>empty();
            }
            QueueSettings settings = em.find(QueueSettings.class, QueueSettings.DEFAULT);
            return Optional.of(view(job, settings != null && settings.paused, now));
        });
    }

    /** A page of jobs and how many there are in all. */
    record Listing(long total, List<JobView> jobs) {
    }

    /**
     * @param state the state to list, or {@code null} for all
     * @param type the type to list, or {@code null} for all
     */
    Listing list(JobState state, String type, int start, int count, boolean descending, Instant now) {
        return tx.read(em -> {
            QueueSettings settings = em.find(QueueSettings.class, QueueSettings.DEFAULT);
            boolean paused = settings != null && settings.paused;
            String where = " where (:type is null or j.type = :type) and " + condition(state, paused);
            TypedQuery<QueuedJob> query = em.createQuery("select j from QueuedJob j" + where
                    + " order by j.createdAt " + (descending ? "desc" : "asc") + ", j.id "
                    + (descending ? "desc" : "asc"), QueuedJob.class);
            TypedQuery<Long> total = em.createQuery("select count(j) from QueuedJob j" + where, Long.class);
            for (TypedQuery<?> q : List.of(query, total)) {
                q.setParameter("type", type);
                if (usesNow(state)) {
                    q.setParameter("now", now);
                }
            }
            List<JobView> jobs = query.setFirstResult(start).setMaxResults(count).getResultStream()
                    .map(j -> view(j, paused, now)).toList();
            return new Listing(total.getSingleResult(), jobs);
        });
    }

    private static boolean usesNow(JobState state) {
        return state == JobState.DELAYED || state == JobState.WAITING || state == JobState.PRIORITIZED
                || state == JobState.PAUSED;
    }

    private static String condition(JobState state, boolean paused) {
        if (state == null) {
            return "1 = 1";
        }
        return switch (state) {
            case ACTIVE -> "j.state = 'active'";
            case COMPLETED -> "j.state = 'completed'";
            case FAILED -> "j.state = 'failed'";
            case WAITING_CHILDREN -> "j.state = 'waiting-children'";
            case DELAYED -> "j.state = 'waiting' and j.runAt > :now";
            case PAUSED -> paused ? "j.state = 'waiting' and j.runAt <= :now" : "1 = 0 and j.runAt <= :now";
            case WAITING -> (paused ? "1 = 0 and " : "") + "j.state = 'waiting' and j.runAt <= :now and j.priority = 0";
            case PRIORITIZED -> (paused ? "1 = 0 and " : "")
                    + "j.state = 'waiting' and j.runAt <= :now and j.priority <> 0";
        };
    }

    static JobView view(QueuedJob job, boolean paused, Instant now) {
        return new JobView(job.id, job.type, state(job, paused, now), job.payload, job.priority, job.progress,
                job.attempts, job.maxAttempts, job.error, job.parentId, job.createdAt, job.runAt, job.processedOn,
                job.finishedOn);
    }

    static JobState state(QueuedJob job, boolean paused, Instant now) {
        return switch (job.state) {
            case QueuedJob.ACTIVE -> JobState.ACTIVE;
            case QueuedJob.COMPLETED -> JobState.COMPLETED;
            case QueuedJob.FAILED -> JobState.FAILED;
            case QueuedJob.WAITING_CHILDREN -> JobState.WAITING_CHILDREN;
            default -> job.runAt.isAfter(now) ? JobState.DELAYED
                    : paused ? JobState.PAUSED : job.priority != 0 ? JobState.PRIORITIZED : JobState.WAITING;
        };
    }
}
