package org.bobine.transcoding.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.bobine.jobs.api.JobHandler;
import org.bobine.jobs.api.JobQueue;
import org.bobine.jobs.api.JobRequest;
import org.bobine.jobs.api.JobState;
import org.bobine.jobs.api.JobView;
import org.bobine.storage.api.FileStore;
import org.bobine.transcoding.api.Transcoding;
import org.bobine.transcoding.api.TranscodingSources;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The instance's transcoding: says whether uploads are transcoded, registers the {@value TranscodingJob#TYPE}
 * job handler with the configured concurrency, and gives each video waiting for transcoding a job.
 *
 * <p>The handler is registered here rather than as a component of its own because its service property
 * {@link JobHandler#CONCURRENCY} comes from the configuration ({@code transcoding.concurrency}), under another
 * name; a new configuration re-activates this component, which registers the handler again.
 *
 * <p>Every {@value #POLL_SECONDS} seconds it asks the keeper of videos for videos waiting without a job, enqueues
 * one job each and assigns it (a compare-and-set, so that two nodes polling at once make one job run; the loser
 * cancels its job). Every {@value #CHECK_EVERY} polls it also checks that the jobs of assigned videos still exist:
 * a job cancelled or failed at its last attempt leaves its video "transcoding failed" rather than waiting forever.
 */
@Component(service = Transcoding.class, configurationPid = TranscodingService.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true)
public class TranscodingService implements Transcoding {

    /** The configuration PID, fed by the {@code transcoding} section of bobine.yaml. */
    static final String PID = "bobine.transcoding";

    static final int POLL_SECONDS = 2;
    static final int CHECK_EVERY = 15;
    static final int BATCH = 20;

    /** Attempts of a job: a failure of the input is recorded, not thrown, so these are for the store or a crash. */
    static final int MAX_ATTEMPTS = 3;

    /** PeerTube's base priority of transcoding jobs (lower runs sooner). */
    static final int PRIORITY = 100;

    private static final Logger LOG = LoggerFactory.getLogger(TranscodingService.class);

    private final boolean enabled;
    private final TranscodingSources sources;
    private final JobQueue queue;
    private final ServiceRegistration<JobHandler> handler;
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "bobine-transcoding-poller");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        return thread;
    });
    private int polls;

    @Activate
    public TranscodingService(BundleContext context, TranscodingConfig config, @Reference TranscodingSources sources,
            @Reference JobQueue queue, @Reference FileStore store) throws IOException {
        this.enabled = config.enabled();
        this.sources = sources;
        this.queue = queue;
        Set<Integer> resolutions = Arrays.stream(config.resolutions()).boxed().collect(Collectors.toSet());
        boolean webVideos = config.webVideos_enabled();
        boolean hls = config.hls_enabled();
        if (!webVideos && !hls) {
            // PeerTube refuses this configuration; keeping the original playable is the closest useful reading.
            LOG.warn("transcoding.web_videos.enabled and transcoding.hls.enabled are both false: web videos are "
                    + "produced");
            webVideos = true;
        }
        Pipeline pipeline = new Pipeline(Ffmpeg.embedded(),
                new Pipeline.Settings(webVideos, hls, resolutions, config.threads()));
        Path work = Path.of(System.getProperty("java.io.tmpdir"), "bobine-transcoding");
        TranscodingJob job = new TranscodingJob(sources, store, pipeline, config.originalFile_keep(), work);
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(JobHandler.TYPE, TranscodingJob.TYPE);
        properties.put(JobHandler.CONCURRENCY, Math.max(1, config.concurrency()));
        this.handler = context.registerService(JobHandler.class, job, properties);
        poller.scheduleWithFixedDelay(this::pollLogged, POLL_SECONDS, POLL_SECONDS, TimeUnit.SECONDS);
    }

    @Deactivate
    void deactivate() {
        poller.shutdownNow();
        try {
            handler.unregister();
        } catch (IllegalStateException alreadyGone) {
            // The bundle is stopping.
        }
    }

    @Override
    public boolean enabled() {
        return enabled;
    }

    private void pollLogged() {
        try {
            poll();
        } catch (RuntimeException e) {
            LOG.warn("Could not look for videos to transcode: {}", e.toString());
        }
    }

    /** One poll: jobs for waiting videos, and now and then a check of assigned ones. */
    void poll() {
        for (long videoId : sources.awaitingTranscoding(BATCH)) {
            long jobId = queue.enqueue(JobRequest.of(TranscodingJob.TYPE, TranscodingJob.payload(videoId))
                    .withMaxAttempts(MAX_ATTEMPTS).withBackoff(Duration.ofSeconds(30)).withPriority(PRIORITY));
            if (!sources.assignJob(videoId, jobId)) {
                queue.cancel(jobId);
            }
        }
        if (polls++ % CHECK_EVERY == 0) {
            for (TranscodingSources.Assignment assignment : sources.assigned(100)) {
                Optional<JobView> job = queue.job(assignment.jobId());
                if (job.isEmpty() || job.get().state() == JobState.FAILED) {
                    String error = job.map(JobView::error).orElse(null);
                    sources.fail(assignment.videoId(), assignment.jobId(), "The transcoding job failed"
                            + (error == null ? "." : ": " + error));
                }
            }
        }
    }
}
