package org.bobine.catalog.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.persistence.EntityManager;

import org.bobine.persistence.api.TransactionService;
import org.bobine.web.api.ApiRequest;
import org.bobine.web.api.ApiRoutes;
import org.bobine.web.api.Router;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Video file tokens, as PeerTube: {@code POST /api/v1/videos/{id}/token} answers {@code {files: {token, expires}}}
 * to whoever may see the video (its owner, a holder of {@code SEE_ALL_VIDEOS}, any user for an internal video,
 * anyone with one of a password-protected video's passwords), and the video's files accept the token as
 * {@code ?videoFileToken=} for {@value #LIFETIME_HOURS} hours, where a bearer header cannot be sent (a
 * {@code <video>} element, a download link).
 *
 * <p>Tokens are random, kept as SHA-256 digests in the database so that every node accepts them; the expired ones
 * are purged every hour.
 */
@Component(service = {ApiRoutes.class, VideoFileTokens.class})
public class VideoFileTokens implements ApiRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(VideoFileTokens.class);

    /** PeerTube keeps video tokens for eight hours. */
    static final long LIFETIME_HOURS = 8;
    /** The query parameter that carries a token. */
    static final String PARAMETER = "videoFileToken";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final TransactionService transactions;
    private final ScheduledExecutorService purger = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "bobine-video-file-tokens");
        thread.setDaemon(true);
        return thread;
    });

    @Activate
    public VideoFileTokens(@Reference Videos videos) {
        this(videos.transactions(), true);
    }

    /** @param periodic whether to purge expired tokens every hour (tests purge by hand) */
    VideoFileTokens(TransactionService transactions, boolean periodic) {
        this.transactions = transactions;
        if (periodic) {
            purger.scheduleWithFixedDelay(this::purgeLogged, 1, 60, TimeUnit.MINUTES);
        }
    }

    @Deactivate
    void deactivate() {
        purger.shutdownNow();
    }

    @Override
    public void register(Router router) {
        router.post("/videos/{id}/token", this::create);
    }

    Map<String, Object> create(ApiRequest request) {
        VideoRoutes.VideoRef ref = VideoRoutes.ref(request.pathParam("id"));
        Instant expires = Instant.now().plus(Duration.ofHours(LIFETIME_HOURS));
        String token = transactions.call(em -> {
            Video video = VideoRoutes.find(em, ref);
            VideoRoutes.checkCanSee(em, video, ref, request);
            return issue(em, video.id(), expires);
        });
        return Map.of("files", Map.of("token", token, "expires", CatalogJson.date(expires)));
    }

    /** Issues a token for the files of a video, in the caller's transaction. */
    static String issue(EntityManager em, long videoId, Instant expires) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = HexFormat.of().formatHex(bytes);
        em.createNativeQuery("insert into catalog_video_file_token (token_hash, video_id, expires_at) "
                + "values (?, ?, ?)").setParameter(1, digest(token)).setParameter(2, videoId)
                .setParameter(3, Timestamp.from(expires)).executeUpdate();
        return token;
    }

    /** Whether {@code token} opens the files of a video now, in the caller's transaction. */
    static boolean opens(EntityManager em, long videoId, String token) {
        if (token == null || token.length() != 64) {
            return false;
        }
        return ((Number) em.createNativeQuery("select count(*) from catalog_video_file_token where token_hash = ? "
                + "and video_id = ? and expires_at > ?").setParameter(1, digest(token)).setParameter(2, videoId)
                .setParameter(3, Timestamp.from(Instant.now())).getSingleResult()).longValue() > 0;
    }

    /** Whether {@code token} opens the files of a video now. */
    boolean opens(long videoId, String token) {
        return token != null && transactions.read(em -> opens(em, videoId, token));
    }

    /** Removes the expired tokens; @return how many */
    int purge(Instant now) {
        return transactions.call(em -> em.createNativeQuery("delete from catalog_video_file_token "
                + "where expires_at <= ?").setParameter(1, Timestamp.from(now)).executeUpdate());
    }

    private void purgeLogged() {
        try {
            purge(Instant.now());
        } catch (RuntimeException e) {
            LOG.warn("Expired video file tokens could not be purged; next try in an hour", e);
        }
    }

    private static String digest(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
