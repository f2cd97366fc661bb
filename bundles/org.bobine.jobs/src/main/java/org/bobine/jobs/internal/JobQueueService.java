package org.bobine.jobs.internal;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.bobine.jobs.api.JobContext;
import org.bobine.jobs.api.JobHandler;
import org.bobine.jobs.api.JobQueue;
import org.bobine.jobs.api.JobRequest;
import org.bobine.jobs.api.JobView;
import org.bobine.persistence.api.TransactionService;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job queue of this node: stores jobs, and runs those whose type has a {@link JobHandler} here.
 *
 * <p>One poller thread claims due jobs for the types that have free workers, renews the leases of the jobs it
 * runs, takes back the jobs of dead nodes and removes old jobs. It polls again at once after finding work, and
 * waits longer and longer (up to two seconds) while idle; enqueueing on this node and a job ending wake it. Each
 * type has its own bounded pool of worker threads, below normal priority. The poller also writes the progress
 * that handlers report, so that handler threads, which may be interrupted, never wait on the database for it.
 */
@Component(service = JobQueue.class)
public class JobQueueService implements JobQueue {

    private static final Logger LOG = LoggerFactory.getLogger(JobQueueService.class);

    /** Below Jetty's request threads, which run at normal priority. */
    static final int WORKER_PRIORITY = Thread.NORM_PRIORITY - 2;

    private final JobStore store;
    private final Timing timing;
    private final Clock clock;
    private final String node;
    private final Object wakeLock = new Object();
    private boolean woken;
    private volatile boolean stopped;
    private final Thread poller;

    /** The handlers of each type, best first. */
    private final Map<String, List<Registration>> handlers = new HashMap<>();
    /** The worker pool of each type that has a handler. */
    private final Map<String, Workers> workers = new ConcurrentHashMap<>();

    private record Registration(JobHandler handler, String type, int concurrency, int ranking, long serviceId) {
    }

    @Activate
    public JobQueueService(@Reference(target = JobsEntities.WITH_JOBS) TransactionService transactions) {
        this(transactions, Timing.DEFAULTS, Clock.systemUTC());
    }

    JobQueueService(TransactionService transactions, Timing timing, Clock clock) {
        this.store = new JobStore(transactions);
        this.timing = timing;
        this.clock = clock;
        this.node = "node-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
        this.poller = new Thread(this::poll, "bobine-jobs-poller");
        poller.setDaemon(true);
        poller.start();
    }

    /** @return this node's name in the {@code locked_by} column */
    String node() {
        return node;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addHandler(JobHandler handler, Map<String, Object> properties) {
        Object type = properties.get(JobHandler.TYPE);
        if (!(type instanceof String name) || name.isEmpty()) {
            LOG.error("A job handler without a {} property is ignored: {}", JobHandler.TYPE, handler);
            return;
        }
        Registration registration = new Registration(handler, name, concurrency(properties),
                properties.get(Constants.SERVICE_RANKING) instanceof Integer r ? r : 0,
                properties.get(Constants.SERVICE_ID) instanceof Long id ? id : 0L);
        synchronized (handlers) {
            List<Registration> list = handlers.computeIfAbsent(name, t -> new ArrayList<>());
            list.add(registration);
            list.sort(Comparator.comparingInt(Registration::ranking).reversed()
                    .thenComparingLong(Registration::serviceId));
            useBest(name);
        }
        wake();
    }

    void removeHandler(JobHandler handler, Map<String, Object> properties) {
        Object type = properties.get(JobHandler.TYPE);
        if (!(type instanceof String name)) {
            return;
        }
        synchronized (handlers) {
            List<Registration> list = handlers.getOrDefault(name, List.of());
            list.removeIf(r -> r.handler() == handler);
            if (list.isEmpty()) {
                handlers.remove(name);
            }
            useBest(name);
        }
        wake();
    }

    private static int concurrency(Map<String, Object> properties) {
        Object value = properties.get(JobHandler.CONCURRENCY);
        int concurrency = JobHandler.DEFAULT_CONCURRENCY;
        if (value instanceof Number n) {
            concurrency = n.intValue();
        } else if (value instanceof String s) {
            try {
                concurrency = Integer.parseInt(s.trim());
            } catch (NumberFormatException e) {
                LOG.warn("Job handler concurrency '{}' is not a number; using {}", s, concurrency);
            }
        }
        return Math.max(1, concurrency);
    }

    /** Runs the type's jobs with its best handler; the workers of a replaced handler stop. */
    private void useBest(String type) {
        List<Registration> list = handlers.get(type);
        Registration best = list == null || list.isEmpty() ? null : list.get(0);
        Workers current = workers.get(type);
        if (current != null && best != null && current.registration == best) {
            return;
        }
        if (current != null) {
            workers.remove(type);
            current.stop();
        }
        if (best != null && !stopped) {
            workers.put(type, new Workers(best));
        }
    }

    @Deactivate
    void deactivate() {
        stopped = true;
        wake();
        try {
            poller.join(timing.stopTimeout().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Workers> all;
        synchronized (handlers) {
            all = List.copyOf(workers.values());
            workers.clear();
        }
        all.forEach(Workers::stop);
        long deadline = System.nanoTime() + timing.stopTimeout().toNanos();
        for (Workers w : all) {
            try {
                w.pool.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        try {
            int released = store.releaseAll(node);
            if (released > 0) {
                LOG.warn("{} jobs did not stop in time; they are left to run again", released);
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not give back the running jobs; they run again when their lease expires: {}",
                    e.toString());
        }
    }

    @Override
    public long enqueue(JobRequest request) {
        long id = store.insert(request, List.of(), clock.instant()).get(0);
        wake();
        return id;
    }

    @Override
    public List<Long> enqueueWithChildren(JobRequest parent, List<JobRequest> children) {
        if (children.isEmpty()) {
            throw new IllegalArgumentException("A job with children needs at least one child");
        }
        List<Long> ids = store.insert(parent, List.copyOf(children), clock.instant());
        wake();
        return ids;
    }

    @Override
    public Optional<JobView> job(long id) {
        return store.view(id, clock.instant());
    }

    @Override
    public boolean cancel(long id) {
        boolean cancelled = store.cancel(id, clock.instant());
        Workers.signalCancel(workers.values(), Set.of(id));
        return cancelled;
    }

    @Override
    public void pause() {
        store.setPaused(true);
    }

    @Override
    public void resume() {
        store.setPaused(false);
        wake();
    }

    @Override
    public boolean isPaused() {
        return store.isPaused();
    }

    JobStore store() {
        return store;
    }

    void wake() {
        synchronized (wakeLock) {
            woken = true;
            wakeLock.notifyAll();
        }
    }

    private void sleep(long millis) {
        synchronized (wakeLock) {
            long end = System.currentTimeMillis() + millis;
            while (!woken && !stopped) {
                long left = end - System.currentTimeMillis();
                if (left <= 0) {
                    break;
                }
                try {
                    wakeLock.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            woken = false;
        }
    }

    private void poll() {
        long idle = timing.idlePollMin().toMillis();
        Instant nextHeartbeat = Instant.MIN;
        Instant nextCleanup = clock.instant().plus(Duration.ofMinutes(1).compareTo(timing.cleanupInterval()) < 0
                ? Duration.ofMinutes(1) : timing.cleanupInterval());
        while (!stopped) {
            boolean found = false;
            try {
                Instant now = clock.instant();
                if (!now.isBefore(nextHeartbeat)) {
                    List<Long> cancelled = store.heartbeat(node, now.plus(timing.lease()));
                    Workers.signalCancel(workers.values(), Set.copyOf(cancelled));
                    int recovered = store.recoverExpired(now);
                    if (recovered > 0) {
                        LOG.info("Took back {} jobs of nodes that stopped", recovered);
                    }
                    nextHeartbeat = now.plus(timing.lease().dividedBy(3));
                }
                for (Workers w : workers.values()) {
                    w.flushProgress();
                }
                if (!now.isBefore(nextCleanup)) {
                    int removed = store.cleanup(now, timing.keepCompleted(), timing.keepFailed(),
                            timing.maxStored());
                    LOG.debug("Removed {} finished jobs", removed);
                    nextCleanup = now.plus(timing.cleanupInterval());
                }
                if (!workers.isEmpty() && !store.isPaused()) {
                    for (Workers w : workers.values()) {
                        int free = w.free();
                        if (free > 0 && !stopped) {
                            List<JobStore.Claimed> claimed = store.claim(w.registration.type(), free, node, now,
                                    timing.lease());
                            claimed.forEach(w::start);
                            found |= !claimed.isEmpty();
                        }
                    }
                }
                idle = found ? timing.idlePollMin().toMillis()
                        : Math.min(idle * 2, timing.idlePollMax().toMillis());
            } catch (RuntimeException e) {
                if (stopped) {
                    return;
                }
                LOG.warn("The job queue could not poll the database: {}", e.toString());
                idle = timing.idlePollMax().toMillis();
            }
            if (!found) {
                sleep(idle);
            }
        }
    }

    /** The worker pool of one type. */
    private final class Workers {

        final Registration registration;
        final ThreadPoolExecutor pool;
        final AtomicInteger busy = new AtomicInteger();
        final Set<Running> running = ConcurrentHashMap.newKeySet();
        volatile boolean stopping;

        Workers(Registration registration) {
            this.registration = registration;
            AtomicInteger count = new AtomicInteger();
            this.pool = new ThreadPoolExecutor(registration.concurrency(), registration.concurrency(), 30,
                    TimeUnit.SECONDS, new LinkedBlockingQueue<>(), task -> {
                        Thread t = new Thread(task, "bobine-job-" + registration.type() + "-" + count.incrementAndGet());
                        t.setDaemon(true);
                        t.setPriority(WORKER_PRIORITY);
                        return t;
                    });
            pool.allowCoreThreadTimeOut(true);
        }

        int free() {
            return registration.concurrency() - busy.get();
        }

        void start(JobStore.Claimed job) {
            busy.incrementAndGet();
            Running run = new Running(job);
            try {
                pool.execute(() -> run(run));
            } catch (RuntimeException e) {
                busy.decrementAndGet();
                store.release(job.id(), node, clock.instant());
            }
        }

        private void run(Running run) {
            if (stopping || stopped) {
                // Claimed just before the node began to stop: left to run again, never started.
                release(run);
                return;
            }
            running.add(run);
            Throwable failure = null;
            try {
                run.enter();
                registration.handler().process(run);
            } catch (Throwable t) {
                failure = t;
            } finally {
                run.leave();
                running.remove(run);
            }
            finish(run, failure);
            busy.decrementAndGet();
            wake();
        }

        private void release(Running run) {
            try {
                store.release(run.job.id(), node, clock.instant());
            } catch (RuntimeException e) {
                LOG.warn("Could not give back job {}; it runs again when its lease expires: {}", run.job.id(),
                        e.toString());
            }
            busy.decrementAndGet();
        }

        /** Writes the progress that handlers reported since the last poll, from the poller's thread. */
        void flushProgress() {
            for (Running run : running) {
                int progress = run.progress;
                if (progress != run.flushedProgress) {
                    store.progress(run.job.id(), node, progress);
                    run.flushedProgress = progress;
                }
            }
        }

        private void finish(Running run, Throwable failure) {
            long id = run.job.id();
            try {
                if (failure == null) {
                    store.complete(id, node, clock.instant());
                } else if ((run.nodeStopping || stopped) && !run.cancelled) {
                    store.release(id, node, clock.instant());
                } else {
                    String message = failure.getMessage() != null ? failure.getMessage() : failure.toString();
                    Optional<String> state = store.fail(id, node, clock.instant(), message);
                    if (state.isPresent() && QueuedJob.FAILED.equals(state.get()) && !run.cancelled) {
                        LOG.warn("Job {} ({}) failed after {} attempts: {}", id, run.job.type(), run.job.attempt(),
                                message, failure);
                    }
                }
            } catch (RuntimeException e) {
                LOG.warn("Could not record the end of job {}; it runs again when its lease expires: {}", id,
                        e.toString());
            }
        }

        void stop() {
            stopping = true;
            running.forEach(Running::stopForNode);
            pool.shutdown();
        }

        static void signalCancel(Iterable<Workers> all, Set<Long> ids) {
            if (ids.isEmpty()) {
                return;
            }
            for (Workers w : all) {
                for (Running run : w.running) {
                    if (ids.contains(run.job.id())) {
                        run.cancel();
                    }
                }
            }
        }
    }

    /** One attempt of a job, and the context its handler sees. */
    private final class Running implements JobContext {

        final JobStore.Claimed job;
        volatile boolean nodeStopping;
        volatile boolean cancelled;
        private Thread thread;
        volatile int progress;
        int flushedProgress;

        Running(JobStore.Claimed job) {
            this.job = job;
        }

        synchronized void enter() {
            thread = Thread.currentThread();
            if (nodeStopping || cancelled) {
                thread.interrupt();
            }
        }

        synchronized void leave() {
            thread = null;
            // The pool's thread is reused: no interrupt may leak into the next job or the database calls.
            Thread.interrupted();
        }

        synchronized void stopForNode() {
            nodeStopping = true;
            interrupt();
        }

        synchronized void cancel() {
            cancelled = true;
            interrupt();
        }

        private void interrupt() {
            if (thread != null) {
                thread.interrupt();
            }
        }

        @Override
        public long id() {
            return job.id();
        }

        @Override
        public String type() {
            return job.type();
        }

        @Override
        public String payloadJson() {
            return job.payload();
        }

        @Override
        public <T> T payload(Class<T> type) {
            try {
                return JobStore.JSON.readValue(job.payload(), type);
            } catch (IOException e) {
                throw new IllegalArgumentException("The payload of job " + job.id() + " is not a "
                        + type.getSimpleName() + ": " + e.getMessage(), e);
            }
        }

        @Override
        public int attempt() {
            return job.attempt();
        }

        @Override
        public int maxAttempts() {
            return job.maxAttempts();
        }

        @Override
        public void progress(int percent) {
            progress = Math.max(0, Math.min(100, percent));
        }

        @Override
        public boolean isStopping() {
            return nodeStopping || cancelled || stopped;
        }
    }
}
