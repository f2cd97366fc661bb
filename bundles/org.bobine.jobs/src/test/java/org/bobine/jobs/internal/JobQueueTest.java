package org.bobine.jobs.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.bobine.jobs.api.JobHandler;
import org.bobine.jobs.api.JobRequest;
import org.bobine.jobs.api.JobState;
import org.bobine.jobs.api.JobView;
import org.bobine.persistence.api.TransactionService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The queue on a real database (H2, and PostgreSQL when one is given), with its components activated without a
 * framework. Two queue services on one database play two nodes of an instance. Times only bound the waits.
 */
class JobQueueTest {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final Timing FAST = new Timing(Duration.ofSeconds(2), Duration.ofMillis(20), Duration.ofMillis(200),
            Duration.ofHours(1), Duration.ofDays(2), Duration.ofDays(7), 10_000, Duration.ofSeconds(5));

    @TempDir
    Path dataDir;

    TestDatabase test;
    final List<JobQueueService> queues = new ArrayList<>();

    JobQueueService queue(TransactionService tx) {
        JobQueueService queue = new JobQueueService(tx, FAST, Clock.systemUTC());
        queues.add(queue);
        return queue;
    }

    @AfterEach
    void close() {
        queues.forEach(JobQueueService::deactivate);
        if (test != null) {
            test.close();
        }
    }

    static Map<String, Object> handler(String type, int concurrency) {
        return Map.of(JobHandler.TYPE, type, JobHandler.CONCURRENCY, concurrency);
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for: %s", what).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    static JobView awaitState(JobQueueService queue, long id, JobState state) throws InterruptedException {
        await("job " + id + " " + state.wireName(), () -> queue.job(id).orElseThrow().state() == state);
        return queue.job(id).orElseThrow();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Backend.class)
    void aJobRunsOnceWhenTwoNodesRace(TestDatabase.Backend backend) throws Exception {
        test = TestDatabase.open(backend, dataDir);
        JobQueueService first = queue(test.database);
        JobQueueService second = queue(test.secondNode());
        Map<Long, AtomicInteger> runs = new ConcurrentHashMap<>();
        JobHandler count = job -> runs.computeIfAbsent(job.id(), id -> new AtomicInteger()).incrementAndGet();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            ids.add(first.enqueue(JobRequest.of("count", Map.of("n", i))));
        }
        first.addHandler(count, handler("count", 4));
        second.addHandler(count, handler("count", 4));
        for (long id : ids) {
            awaitState(second, id, JobState.COMPLETED);
        }
        assertThat(runs.keySet()).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(runs.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Backend.class)
    void aFailingJobIsRetriedWithBackoffThenFails(TestDatabase.Backend backend) throws Exception {
        test = TestDatabase.open(backend, dataDir);
        JobQueueService queue = queue(test.database);
        List<Instant> starts = Collections.synchronizedList(new ArrayList<>());
        queue.addHandler(job -> {
            starts.add(Instant.now());
            assertThat(job.attempt()).isEqualTo(starts.size());
            throw new IllegalStateException("boom " + job.attempt());
        }, handler("fail", 1));
        long id = queue.enqueue(JobRequest.of("fail", null).withMaxAttempts(3).withBackoff(Duration.ofMillis(200)));
        JobView failed = awaitState(queue, id, JobState.FAILED);
        assertThat(failed.attempts()).isEqualTo(3);
        assertThat(failed.error()).isEqualTo("boom 3");
        assertThat(failed.finishedOn()).isNotNull();
        assertThat(starts).hasSize(3);
        // The backoff doubles: at least 200 ms, then 400 ms, between attempts.
        assertThat(Duration.between(starts.get(0), starts.get(1))).isGreaterThanOrEqualTo(Duration.ofMillis(190));
        assertThat(Duration.between(starts.get(1), starts.get(2))).isGreaterThanOrEqualTo(Duration.ofMillis(390));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Backend.class)
    void aDelayedJobWaitsUntilItIsDue(TestDatabase.Backend backend) throws Exception {
        test = TestDatabase.open(backend, dataDir);
        JobQueueService queue = queue(test.database);
        queue.addHandler(job -> { }, handler("later", 1));
        long far = queue.enqueue(JobRequest.of("later", null).withDelay(Duration.ofHours(1)));
        long soon = queue.enqueue(JobRequest.of("later", null).withDelay(Duration.ofMillis(300)));
        JobView done = awaitState(queue, soon, JobState.COMPLETED);
        assertThat(done.processedOn()).isAfterOrEqualTo(done.createdAt().plusMillis(300));
        assertThat(queue.job(far).orElseThrow().state()).isEqualTo(JobState.DELAYED);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Backend.class)
    void lowerPrioritiesRunFirstAndPauseHoldsEveryJob(TestDatabase.Backend backend) throws Exception {
        test = TestDatabase.open(backend, dataDir);
        JobQueueService queue = queue(test.database);
        List<Integer> order = Collections.synchronizedList(new ArrayList<>());
        queue.addHandler(job -> order.add(job.payload(Integer.class)), handler("ordered", 1));
        queue.pause();
        assertThat(queue.isPaused()).isTrue();
        List<Long> ids = new ArrayList<>();
        for (int priority : new int[] {5, 1, 3, 0, 2}) {
            ids.add(queue.enqueue(JobRequest.of("ordered", priority).withPriority(priority)));
        }
        Thread.sleep(300);
        assertThat(order).isEmpty();
        assertThat(queue.job(ids.get(0)).orElseThrow().state()).isEqualTo(JobState.PAUSED);
        queue.resume();
        awaitState(queue, ids.get(0), JobState.COMPLETED);
        assertThat(order).containsExactly(0, 1, 2, 3, 5);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Backend.class)
    void eachTypeRunsAtMostItsConcurrency(TestDatabase.Backend backend) throws Exception {
        test = TestDatabase.open(backend, dataDir);
        JobQueueService queue = queue(test.database);
        AtomicInteger now = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CyclicBarrier pair = new CyclicBarrier(2);
        queue.addHandler(job -> {
            most.accumulateAndGet(now.incrementAndGet(), Math::max);
            pair.await(WAIT.toSeconds(), TimeUnit.SECONDS);
            Thread.sleep(50);
            now.decrementAndGet();
        }, handler("pair", 2));
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ids.add(queue.enqueue(JobRequest.of("pair", i)));
        }
        for (long id : ids) {
            awaitState(queue, id, JobState.COMPLETED);
        }
        assertThat(most.get()).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Backend.class)
    void theJobOfADeadNodeRunsAgainWhenItsLeaseExpires(TestDatabase.Backend backend) throws Exception {
        test = TestDatabase.open(backend, dataDir);
        JobStore store = new JobStore(test.database);
        long id = store.insert(JobRequest.of("survive", null).withMaxAttempts(3), List.of(), Instant.now()).get(0);
        // A node claims it and dies: its lease is never renewed.
        assertThat(store.claim("survive", 5, "dead-node", Instant.now(), Duration.ofMillis(1))).hasSize(1);
        JobQueueService queue = queue(test.database);
        queue.addHandler(job -> { }, handler("survive", 1));
        JobView done = awaitState(queue, id, JobState.COMPLETED);
        assertThat(done.attempts()).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Backend.class)
    void aStoppingNodeLeavesItsRunningJobToRunAgain(TestDatabase.Backend backend) throws Exception {
        test = TestDatabase.open(backend, dataDir);
        JobQueueService first = new JobQueueService(test.database, FAST, Clock.systemUTC());
        CountDownLatch started = new CountDownLatch(1);
        first.addHandler(job -> {
            started.countDown();
            while (!job.isStopping()) {
                Thread.sleep(10);
            }
            throw new InterruptedException("stopping");
        }, handler("long", 1));
        long id = first.enqueue(JobRequest.of("long", null));
        assertThat(started.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        first.deactivate();
        JobView left = first.job(id).orElseThrow();
        assertThat(left.state()).isEqualTo(JobState.WAITING);
        assertThat(left.attempts()).isZero();
        JobQueueService second = queue(test.database);
        second.addHandler(job -> { }, handler("long", 1));
        assertThat(awaitState(second, id, JobState.COMPLETED).attempts()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Backend.class)
    void aParentRunsAfterAllItsChildren(TestDatabase.Backend backend) throws Exception {
        test = TestDatabase.open(backend, dataDir);
        JobQueueService queue = queue(test.database);
        CountDownLatch release = new CountDownLatch(1);
        queue.addHandler(job -> assertThat(release.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue(),
                handler("child", 2));
        queue.addHandler(job -> { }, handler("parent", 1));
        List<Long> ids = queue.enqueueWithChildren(JobRequest.of("parent", null),
                List.of(JobRequest.of("child", 1), JobRequest.of("child", 2), JobRequest.of("child", 3)));
        long parent = ids.get(0);
        awaitState(queue, ids.get(1), JobState.ACTIVE);
        assertThat(queue.job(parent).orElseThrow().state()).isEqualTo(JobState.WAITING_CHILDREN);
        assertThat(queue.job(ids.get(1)).orElseThrow().parentId()).isEqualTo(parent);
        release.countDown();
        JobView done = awaitState(queue, parent, JobState.COMPLETED);
        for (long child : ids.subList(1, 4)) {
            JobView view = queue.job(child).orElseThrow();
            assertThat(view.state()).isEqualTo(JobState.COMPLETED);
            assertThat(done.processedOn()).isAfterOrEqualTo(view.finishedOn());
        }

        // A child that fails for good fails its parent.
        queue.addHandler(job -> {
            throw new IllegalStateException("no");
        }, handler("bad-child", 1));
        List<Long> failing = queue.enqueueWithChildren(JobRequest.of("parent", null),
                List.of(JobRequest.of("bad-child", null)));
        JobView failed = awaitState(queue, failing.get(0), JobState.FAILED);
        assertThat(failed.error()).contains("no");
        assertThat(failed.processedOn()).isNull();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Backend.class)
    void progressIsVisibleAndARunningJobCanBeCancelled(TestDatabase.Backend backend) throws Exception {
        test = TestDatabase.open(backend, dataDir);
        JobQueueService queue = queue(test.database);
        queue.addHandler(job -> {
            job.progress(40);
            while (!job.isStopping()) {
                Thread.sleep(10);
            }
            throw new InterruptedException("cancelled");
        }, handler("slow", 1));
        long id = queue.enqueue(JobRequest.of("slow", null).withMaxAttempts(5));
        await("progress 40", () -> queue.job(id).orElseThrow().progress() == 40);
        assertThat(queue.job(id).orElseThrow().state()).isEqualTo(JobState.ACTIVE);
        assertThat(queue.cancel(id)).isTrue();
        JobView cancelled = awaitState(queue, id, JobState.FAILED);
        assertThat(cancelled.error()).isEqualTo("cancelled");

        long waiting = queue.enqueue(JobRequest.of("nobody-runs-this", null));
        assertThat(queue.cancel(waiting)).isTrue();
        assertThat(queue.job(waiting).orElseThrow().state()).isEqualTo(JobState.FAILED);
        assertThat(queue.cancel(waiting)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Backend.class)
    void cleanupKeepsRecentJobsWithinTheLimit(TestDatabase.Backend backend) throws Exception {
        test = TestDatabase.open(backend, dataDir);
        JobStore store = new JobStore(test.database);
        Instant now = Instant.now();
        long oldCompleted = finished(store, "completed", now.minus(Duration.ofDays(3)));
        long recentCompleted = finished(store, "completed", now.minus(Duration.ofDays(1)));
        long oldFailed = finished(store, "failed", now.minus(Duration.ofDays(8)));
        long recentFailed = finished(store, "failed", now.minus(Duration.ofDays(6)));
        long waiting = store.insert(JobRequest.of("t", null), List.of(), now).get(0);
        assertThat(store.cleanup(now, Duration.ofDays(2), Duration.ofDays(7), 10_000)).isEqualTo(2);
        assertThat(store.view(oldCompleted, now)).isEmpty();
        assertThat(store.view(oldFailed, now)).isEmpty();
        assertThat(store.view(recentCompleted, now)).isPresent();
        assertThat(store.view(recentFailed, now)).isPresent();

        long newest = finished(store, "completed", now.minus(Duration.ofHours(1)));
        assertThat(store.cleanup(now, Duration.ofDays(2), Duration.ofDays(7), 2)).isEqualTo(1);
        assertThat(store.view(recentFailed, now)).isEmpty();
        assertThat(store.view(recentCompleted, now)).isPresent();
        assertThat(store.view(newest, now)).isPresent();
        assertThat(store.view(waiting, now)).isPresent();
    }

    private long finished(JobStore store, String state, Instant at) {
        long id = store.insert(JobRequest.of("t", null), List.of(), at).get(0);
        test.database.run(em -> em.createQuery("update QueuedJob j set j.state = :s, j.finishedOn = :at"
                + " where j.id = :id").setParameter("s", state).setParameter("at", at).setParameter("id", id)
                .executeUpdate());
        return id;
    }
}
