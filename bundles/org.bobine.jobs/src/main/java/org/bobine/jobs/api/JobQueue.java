package org.bobine.jobs.api;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The instance's persistent job queue, a service of the jobs bundle. Its methods write to the database in
 * their own transactions and may be called from any thread; they do not wait for jobs to run.
 */
@ProviderType
public interface JobQueue {

    /**
     * Stores a job; a node with a {@link JobHandler} of its type runs it when it is due. On this node the
     * workers are woken at once.
     *
     * @param request the job
     * @return the job's id
     * @throws IllegalArgumentException if the payload cannot be written as JSON, or is over a million
     *         characters as JSON
     */
    long enqueue(JobRequest request);

    /**
     * Stores a parent job and its children in one transaction. The children run as any job; the parent is
     * {@link JobState#WAITING_CHILDREN} until every child has completed, then runs (and may read what its
     * children did, for example from the data they changed). When a child fails at its last attempt, the parent
     * fails too, without running. Children have no children of their own.
     *
     * @param parent the job to run after its children
     * @param children the jobs to run first, at least one
     * @return the parent's id followed by the children's ids, in the order given
     * @throws IllegalArgumentException if there is no child, or a payload cannot be written as JSON
     */
    List<Long> enqueueWithChildren(JobRequest parent, List<JobRequest> children);

    /**
     * @param id a job's id
     * @return the job as it is now; empty when there is no such job (never created, or removed by the cleanup:
     *         completed jobs are kept two days, failed ones seven)
     */
    Optional<JobView> job(long id);

    /**
     * Asks a job to stop. A job that has not started fails at once with the error {@code cancelled}; a running
     * job's handler sees {@link JobContext#isStopping()} become true and its thread interrupted (within a few
     * seconds when it runs on another node), and the job fails with {@code cancelled} when the handler returns
     * or throws.
     *
     * @param id a job's id
     * @return whether the job was waiting or running, so could be cancelled
     */
    boolean cancel(long id);

    /**
     * Pauses the whole queue, on every node: no job starts until {@link #resume()}; running jobs go on.
     */
    void pause();

    /** Lets jobs start again after {@link #pause()}. */
    void resume();

    /** @return whether the queue is paused */
    boolean isPaused();
}
