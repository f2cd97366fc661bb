package org.bobine.jobs.internal;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.bobine.jobs.api.JobState;
import org.bobine.jobs.api.JobView;
import org.bobine.persistence.api.TransactionService;
import org.bobine.web.api.ApiException;
import org.bobine.web.api.ApiRequest;
import org.bobine.web.api.ApiRoutes;
import org.bobine.web.api.Page;
import org.bobine.web.api.Pagination;
import org.bobine.web.api.Router;
import org.bobine.web.api.UserRight;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * PeerTube's job administration, for holders of {@link UserRight#MANAGE_JOBS}: {@code GET /api/v1/jobs} and
 * {@code GET /api/v1/jobs/{state}} ({@code jobType}, {@code start}, {@code count}, {@code sort=createdAt|-createdAt}),
 * {@code POST /api/v1/jobs/pause} and {@code POST /api/v1/jobs/resume}, which pause the queue on every node.
 */
@Component(service = ApiRoutes.class)
public class JobRoutes implements ApiRoutes {

    static final Set<String> SORTABLE = Set.of("createdAt");

    private final JobStore store;
    private final Clock clock;

    @Activate
    public JobRoutes(@Reference(target = JobsEntities.WITH_JOBS) TransactionService transactions) {
        this(new JobStore(transactions), Clock.systemUTC());
    }

    JobRoutes(JobStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public void register(Router router) {
        router.get("/jobs", request -> list(request, null));
        router.get("/jobs/{state}", request -> list(request, JobState.fromWireName(request.pathParam("state"))
                .orElseThrow(() -> ApiException.invalidParam("state", "Should have a valid job state"))));
        router.post("/jobs/pause", request -> {
            request.requireRight(UserRight.MANAGE_JOBS);
            store.setPaused(true);
            return null;
        });
        router.post("/jobs/resume", request -> {
            request.requireRight(UserRight.MANAGE_JOBS);
            store.setPaused(false);
            return null;
        });
    }

    Page<Map<String, Object>> list(ApiRequest request, JobState state) {
        request.requireRight(UserRight.MANAGE_JOBS);
        Pagination page = request.pagination(SORTABLE, "-createdAt");
        String type = request.query("jobType").filter(t -> !t.isEmpty()).orElse(null);
        JobStore.Listing listing = store.list(state, type, page.start(), page.count(), page.descending(),
                clock.instant());
        return Page.of(listing.total(), listing.jobs().stream().map(JobRoutes::json).toList());
    }

    /** PeerTube's {@code Job}. */
    static Map<String, Object> json(JobView job) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", job.id());
        json.put("state", job.state().wireName());
        json.put("type", job.type());
        json.put("data", data(job.payloadJson()));
        json.put("priority", job.priority());
        json.put("progress", job.progress());
        json.put("error", job.error());
        json.put("createdAt", time(job.createdAt()));
        json.put("finishedOn", time(job.finishedOn()));
        json.put("processedOn", time(job.processedOn()));
        if (job.parentId() != null) {
            json.put("parent", Map.of("id", job.parentId()));
        }
        return json;
    }

    private static Object data(String payload) {
        try {
            return JobStore.JSON.readValue(payload, Object.class);
        } catch (IOException e) {
            return null;
        }
    }

    private static String time(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
