package org.bobine.jobs.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.bobine.jobs.api.JobRequest;
import org.bobine.jobs.api.JobState;
import org.bobine.jobs.api.JobView;
import org.junit.jupiter.api.Test;

/** The queue's rules that need no database: requests, backoff, the states shown, the API's job document. */
class JobRulesTest {

    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void requestsKeepTheirDefaultsAndCheckTheirValues() {
        JobRequest request = JobRequest.of("t", Map.of("a", 1));
        assertThat(request.priority()).isZero();
        assertThat(request.maxAttempts()).isEqualTo(1);
        assertThat(request.runAt(NOW)).isEqualTo(NOW);
        assertThat(request.withDelay(Duration.ofMinutes(5)).runAt(NOW)).isEqualTo(NOW.plusSeconds(300));
        assertThat(request.withDelay(Duration.ofMinutes(5)).withRunAt(NOW.plusSeconds(9)).runAt(NOW))
                .isEqualTo(NOW.plusSeconds(9));
        assertThatThrownBy(() -> JobRequest.of("", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JobRequest.of("x".repeat(101), null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> request.withMaxAttempts(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> request.withDelay(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void payloadsMustBeJson() {
        assertThat(JobStore.toJson(Map.of("videoUUID", "abc"))).isEqualTo("{\"videoUUID\":\"abc\"}");
        assertThat(JobStore.toJson(null)).isEqualTo("null");
        assertThatThrownBy(() -> JobStore.toJson(new Object())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theBackoffDoublesAtEachAttempt() {
        assertThat(JobStore.backoff(1000, 1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(JobStore.backoff(1000, 2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(JobStore.backoff(1000, 4)).isEqualTo(Duration.ofSeconds(8));
        assertThat(JobStore.backoff(0, 9)).isEqualTo(Duration.ZERO);
        assertThat(JobStore.backoff(Long.MAX_VALUE / 2, 30)).isPositive();
    }

    @Test
    void waitingJobsShowAsPeerTubeNamesThem() {
        QueuedJob job = new QueuedJob();
        job.state = QueuedJob.WAITING;
        job.runAt = NOW;
        assertThat(JobStore.state(job, false, NOW)).isEqualTo(JobState.WAITING);
        job.priority = 100;
        assertThat(JobStore.state(job, false, NOW)).isEqualTo(JobState.PRIORITIZED);
        assertThat(JobStore.state(job, true, NOW)).isEqualTo(JobState.PAUSED);
        job.runAt = NOW.plusSeconds(1);
        assertThat(JobStore.state(job, true, NOW)).isEqualTo(JobState.DELAYED);
        job.state = QueuedJob.WAITING_CHILDREN;
        assertThat(JobStore.state(job, false, NOW)).isEqualTo(JobState.WAITING_CHILDREN);
        assertThat(JobState.fromWireName("waiting-children")).contains(JobState.WAITING_CHILDREN);
        assertThat(JobState.fromWireName("sleeping")).isEmpty();
    }

    @Test
    void theApiShowsPeerTubesJob() {
        JobView view = new JobView(7, "video-transcoding", JobState.FAILED, "{\"videoUUID\":\"abc\"}", 100, 30, 3,
                3, "boom", 5L, NOW, NOW, NOW.plusSeconds(1), NOW.plusSeconds(2));
        Map<String, Object> json = JobRoutes.json(view);
        assertThat(json).containsKeys("id", "state", "type", "data", "priority", "progress", "error", "createdAt",
                "finishedOn", "processedOn");
        assertThat(json.get("state")).isEqualTo("failed");
        assertThat(json.get("data")).isEqualTo(Map.of("videoUUID", "abc"));
        assertThat(json.get("finishedOn")).isEqualTo("2026-01-01T00:00:02Z");
        assertThat(json.get("parent")).isEqualTo(Map.of("id", 5L));
    }
}
