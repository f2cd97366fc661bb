package org.bobine.catalog.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.EntityManager;

import org.bobine.api.hook.HookNames;
import org.bobine.api.hook.Hooks;
import org.bobine.persistence.api.TransactionService;
import org.bobine.storage.api.FileStore;
import org.bobine.web.api.ApiException;
import org.bobine.web.api.ApiRequest;
import org.bobine.web.api.ApiRoutes;
import org.bobine.web.api.ApiUser;
import org.bobine.web.api.Page;
import org.bobine.web.api.Router;
import org.bobine.web.api.ServerConfigContributor;
import org.bobine.web.api.UploadedFile;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Captions of videos, as PeerTube: {@code GET /videos/{id}/captions} for anyone who may see the video;
 * {@code PUT /videos/{id}/captions/{captionLanguage}} (multipart field {@code captionfile}, WebVTT or SubRip, at
 * most 20 MB) and {@code DELETE} of the same path for the video's owner or a holder of {@code UPDATE_ANY_VIDEO}, both
 * answering 204. SubRip is converted to WebVTT ({@link CaptionText}). Also the {@code videoCaption} section of
 * {@code /api/v1/config}.
 *
 * <p>A new file is written before the database changes; the file it replaces is recorded for deletion in the same
 * transaction and deleted once it commits ({@link StoredFileSweeper}), so every caption the database names exists.
 */
@Component(service = {ApiRoutes.class, ServerConfigContributor.class})
public class CaptionRoutes implements ApiRoutes, ServerConfigContributor {

    private static final Logger LOG = LoggerFactory.getLogger(CaptionRoutes.class);

    /** PeerTube's limit for caption files. */
    static final long MAX_SIZE = 20L << 20;
    static final List<String> EXTENSIONS = List.of(".vtt", ".srt");
    static final String FIELD = "captionfile";
    static final String LANGUAGE = "captionLanguage";

    private final TransactionService transactions;
    private final FileStore store;
    private final StoredFileSweeper sweeper;

    /** The plugins' hooks; optional, so that the catalog runs without the plugins bundle. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile Hooks hooks;
    private final Map<String, Object> section = Map.of("videoCaption", Map.of("file",
            Map.of("size", Map.of("max", MAX_SIZE), "extensions", EXTENSIONS)));

    @Activate
    public CaptionRoutes(@Reference Videos videos, @Reference FileStore store, @Reference StoredFileSweeper sweeper) {
        this.transactions = videos.transactions();
        this.store = store;
        this.sweeper = sweeper;
    }

    @Override
    public void register(Router router) {
        router.get("/videos/{id}/captions", this::list);
        router.put("/videos/{id}/captions/{captionLanguage}", this::put);
        router.delete("/videos/{id}/captions/{captionLanguage}", this::remove);
    }

    @Override
    public Map<String, Object> serverConfig(ApiRequest request) {
        return section;
    }

    Page<Map<String, Object>> list(ApiRequest request) {
        VideoRoutes.VideoRef ref = VideoRoutes.ref(request.pathParam("id"));
        Optional<ApiUser> user = request.user();
        return transactions.read(em -> {
            Video video = VideoRoutes.find(em, ref);
            VideoRoutes.checkCanSee(em, video, ref, request);
            List<Map<String, Object>> data = VideoCaption.of(em, video).stream().map(CaptionRoutes::json).toList();
            return Page.of(data.size(), data);
        });
    }

    Object put(ApiRequest request) {
        ApiUser user = request.requireUser();
        VideoRoutes.VideoRef ref = VideoRoutes.ref(request.pathParam("id"));
        String language = language(request);
        UploadedFile file = request.file(FIELD, MAX_SIZE).orElseThrow(() -> ApiException.invalidParam(FIELD,
                "This caption file is not supported or too large. Please, make sure it is under " + MAX_SIZE
                        + " bytes and of the following type: " + String.join(", ", EXTENSIONS)));
        // Rights before the content is read, as PeerTube's validators answer.
        transactions.read(em -> manageable(em, ref, user));
        String vtt;
        try (InputStream in = file.open()) {
            vtt = CaptionText.toWebVtt(in.readNBytes((int) MAX_SIZE + 1));
        } catch (IOException e) {
            throw ApiException.badRequest("The uploaded file could not be read");
        } catch (CaptionText.InvalidCaption e) {
            throw ApiException.invalidParam(FIELD, e.getMessage());
        }
        String name = UUID.randomUUID() + "-" + language + ".vtt";
        try {
            store.put(VideoCaption.AREA, name, new ByteArrayInputStream(vtt.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new IllegalStateException("Could not store a caption", e);
        }
        Map<String, Object> told;
        try {
            told = transactions.call(em -> {
                Video video = manageable(em, ref, user);
                var now = Actors.now();
                Optional<VideoCaption> existing = caption(em, video, language);
                VideoCaption caption;
                if (existing.isPresent()) {
                    caption = existing.get();
                    StoredFileSweeper.schedule(em, VideoCaption.AREA, List.of(caption.replaceFile(name, now)));
                } else {
                    caption = new VideoCaption(video, language, name, now);
                    em.persist(caption);
                }
                return Map.of("caption", json(caption), "video", CommentRoutes.hookVideo(video));
            });
        } catch (RuntimeException e) {
            deleteQuietly(name);
            throw e;
        }
        sweeper.sweepSoon();
        CatalogHooks.announce(hooks, HookNames.VIDEO_CAPTION_CREATED, told);
        return null;
    }

    Object remove(ApiRequest request) {
        ApiUser user = request.requireUser();
        VideoRoutes.VideoRef ref = VideoRoutes.ref(request.pathParam("id"));
        String language = language(request);
        Map<String, Object> told = transactions.call(em -> {
            Video video = VideoRoutes.find(em, ref);
            VideoCaption caption = caption(em, video, language)
                    .orElseThrow(() -> ApiException.notFound("Video caption not found"));
            VideoRoutes.requireLocalManageable(video, user);
            Map<String, Object> before = Map.of("caption", json(caption), "video", CommentRoutes.hookVideo(video));
            em.remove(caption);
            StoredFileSweeper.schedule(em, VideoCaption.AREA, List.of(caption.fileName()));
            return before;
        });
        sweeper.sweepSoon();
        CatalogHooks.announce(hooks, HookNames.VIDEO_CAPTION_DELETED, told);
        return null;
    }

    /** The caption as PeerTube's {@code VideoCaption}. */
    static Map<String, Object> json(VideoCaption caption) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("language", VideoConstants.label(caption.language(), VideoConstants.LANGUAGES));
        json.put("automaticallyGenerated", caption.automaticallyGenerated());
        json.put("captionPath", CaptionFilesServlet.PREFIX + caption.fileName());
        json.put("updatedAt", CatalogJson.date(caption.updatedAt()));
        return json;
    }

    /** @throws ApiException 400 naming {@value #LANGUAGE} when the path does not hold a known language code */
    private static String language(ApiRequest request) {
        String language = request.pathParam("captionLanguage");
        if (!VideoConstants.LANGUAGES.containsKey(language)) {
            throw ApiException.invalidParam(LANGUAGE, "Should have a valid caption language");
        }
        return language;
    }

    private static Optional<VideoCaption> caption(EntityManager em, Video video, String language) {
        return em.createQuery("select c from VideoCaption c where c.video = :video and c.language = :language",
                VideoCaption.class).setParameter("video", video).setParameter("language", language)
                .getResultStream().findFirst();
    }

    private static Video manageable(EntityManager em, VideoRoutes.VideoRef ref, ApiUser user) {
        Video video = VideoRoutes.find(em, ref);
        VideoRoutes.requireLocalManageable(video, user);
        return video;
    }

    private void deleteQuietly(String name) {
        try {
            store.delete(VideoCaption.AREA, name);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not delete the caption file {}: {}", name, e.getMessage());
        }
    }
}
