package org.bobine.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.bobine.jobs.api.JobHandler;
import org.bobine.jobs.api.JobQueue;
import org.bobine.jobs.api.JobRequest;
import org.bobine.jobs.api.JobState;
import org.bobine.jobs.api.JobView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The job queue in the framework: it appears once its tables exist, and runs jobs with the handlers that other
 * bundles register as whiteboard services.
 */
class JobsWiringTest {

    @InjectBundleContext
    BundleContext context;

    @InjectService
    ConfigurationAdmin configurationAdmin;

    ServiceRegistration<JobHandler> handler;

    @AfterEach
    void removeHandler() {
        if (handler != null) {
            handler.unregister();
        }
    }

    @Test
    void aHandlerServiceRunsTheJobsOfItsType() throws Exception {
        Dictionary<String, Object> database = new Hashtable<>();
        database.put("url", "jdbc:h2:mem:itest-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        configurationAdmin.getConfiguration("bobine.database", "?").updateIfDifferent(database);
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(JobHandler.TYPE, "itest-echo");
        properties.put(JobHandler.CONCURRENCY, 2);
        handler = context.registerService(JobHandler.class, job -> {
            job.progress(50);
            assertEquals("hello", job.payload(Map.class).get("say"));
        }, properties);

        ServiceTracker<JobQueue, JobQueue> tracker = new ServiceTracker<>(context, JobQueue.class, null);
        tracker.open();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            // The database configuration may change under an earlier queue: try again on the one that follows.
            while (System.nanoTime() < deadline) {
                JobQueue queue = tracker.waitForService(TimeUnit.SECONDS.toMillis(60));
                assertNotNull(queue, "The job queue did not appear");
                try {
                    long id = queue.enqueue(JobRequest.of("itest-echo", Map.of("say", "hello")));
                    long jobDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                    while (System.nanoTime() < jobDeadline) {
                        Optional<JobView> job = queue.job(id);
                        if (job.isPresent() && job.get().state() == JobState.COMPLETED) {
                            assertEquals(100, job.get().progress());
                            return;
                        }
                        Thread.sleep(50);
                    }
                } catch (RuntimeException e) {
                    // The queue went away with its database.
                }
                Thread.sleep(200);
            }
            fail("The job did not complete");
        } finally {
            tracker.close();
        }
    }
}
