package org.bobine.auth.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.bobine.auth.api.VideoQuota;
import org.bobine.auth.api.VideoSpaceUsage;
import org.bobine.persistence.api.TransactionService;
import org.bobine.web.api.ApiRequest;
import org.bobine.web.api.ApiRoutes;
import org.bobine.web.api.ApiUser;
import org.bobine.web.api.Router;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The users' video quotas, from their limits (kept here) and what the bundles storing videos report they use
 * ({@link VideoSpaceUsage}); and {@code GET /api/v1/users/me/video-quota-used}.
 */
@Component(service = {VideoQuota.class, ApiRoutes.class})
public class VideoQuotaService implements VideoQuota, ApiRoutes {

    static final Duration DAY = Duration.ofHours(24);

    private final TransactionService transactions;
    private final List<VideoSpaceUsage> usages = new CopyOnWriteArrayList<>();

    @Activate
    public VideoQuotaService(@Reference(target = LocalOAuthClient.WITH_AUTH_ENTITIES) TransactionService transactions) {
        this.transactions = transactions;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addUsage(VideoSpaceUsage usage) {
        usages.add(usage);
    }

    void removeUsage(VideoSpaceUsage usage) {
        usages.remove(usage);
    }

    @Override
    public void register(Router router) {
        router.get("/users/me/video-quota-used", this::usedByCaller);
    }

    Map<String, Object> usedByCaller(ApiRequest request) {
        ApiUser who = request.requireUser();
        Usage used = used(who.id());
        return Map.of("videoQuotaUsed", used.total(), "videoQuotaUsedDaily", used.lastDay());
    }

    @Override
    public Usage used(long userId) {
        return used(userId, Instant.now());
    }

    Usage used(long userId, Instant now) {
        long total = 0;
        long lastDay = 0;
        for (VideoSpaceUsage usage : usages) {
            total += usage.bytesUsed(userId, null);
            lastDay += usage.bytesUsed(userId, now.minus(DAY));
        }
        return new Usage(total, lastDay);
    }

    @Override
    public boolean mayAdd(long userId, long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("A negative size: " + bytes);
        }
        long[] limits = transactions.read(em -> em.createQuery("select u.videoQuota, u.videoQuotaDaily from User u "
                + "where u.id = :id", Object[].class).setParameter("id", userId).getResultStream()
                .map(row -> new long[] {(Long) row[0], (Long) row[1]}).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No user " + userId)));
        return allows(limits[0], limits[1], used(userId), bytes);
    }

    /** PeerTube's rule: the upload must fit under each limit that is set (-1 is none). */
    static boolean allows(long quota, long dailyQuota, Usage used, long bytes) {
        boolean total = quota < 0 || used.total() + bytes <= quota;
        boolean daily = dailyQuota < 0 || used.lastDay() + bytes <= dailyQuota;
        return total && daily;
    }
}
