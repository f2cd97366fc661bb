package org.bobine.catalog.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.persistence.EntityManager;

import org.bobine.persistence.api.TransactionService;
import org.bobine.web.api.ApiException;
import org.bobine.web.api.ApiRequest;
import org.bobine.web.api.ApiRoutes;
import org.bobine.web.api.ApiUser;
import org.bobine.web.api.Page;
import org.bobine.web.api.Pagination;
import org.bobine.web.api.Router;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The passwords of password-protected videos, as PeerTube: {@code GET /videos/{id}/passwords} (a page of
 * {@code VideoPassword}), {@code PUT /videos/{id}/passwords} with {@code {passwords: [...]}} to replace them all, and
 * {@code DELETE /videos/{id}/passwords/{passwordId}}, which keeps at least one. For the video's owner and holders of
 * {@code UPDATE_ANY_VIDEO}, on local password-protected videos.
 */
@Component(service = ApiRoutes.class)
public class VideoPasswordRoutes implements ApiRoutes {

    private final Videos videos;
    private final TransactionService transactions;

    @Activate
    public VideoPasswordRoutes(@Reference Videos videos) {
        this.videos = videos;
        this.transactions = videos.transactions();
    }

    @Override
    public void register(Router router) {
        router.get("/videos/{id}/passwords", this::list);
        router.put("/videos/{id}/passwords", this::replace);
        router.delete("/videos/{id}/passwords/{passwordId}", this::remove);
    }

    Page<Map<String, Object>> list(ApiRequest request) {
        ApiUser user = request.requireUser();
        Pagination page = request.pagination(Set.of("createdAt"), "createdAt");
        return transactions.read(em -> {
            Video video = protectedVideo(em, request, user);
            List<VideoPassword> all = new ArrayList<>(VideoPassword.of(em, video));
            if (page.descending()) {
                Collections.reverse(all);
            }
            List<Map<String, Object>> data = all.stream()
                    .skip(page.start()).limit(page.count()).map(VideoPassword::json).toList();
            return Page.of(all.size(), data);
        });
    }

    Object replace(ApiRequest request) {
        ApiUser user = request.requireUser();
        Map<String, String> invalid = new LinkedHashMap<>();
        List<String> passwords = VideoFields.passwords(request.body(Map.class).get("passwords"), invalid);
        if (!invalid.isEmpty()) {
            throw ApiException.invalidParam("passwords", invalid.get("videoPasswords"));
        }
        long videoId = transactions.call(em -> {
            Video video = protectedVideo(em, request, user);
            VideoPassword.replace(em, video, passwords);
            return video.id();
        });
        videos.responses().forget(videoId);
        return null;
    }

    Object remove(ApiRequest request) {
        ApiUser user = request.requireUser();
        long passwordId = CommentRoutes.parseId(request.pathParam("passwordId"), "passwordId");
        transactions.run(em -> {
            Video video = protectedVideo(em, request, user);
            List<VideoPassword> all = VideoPassword.of(em, video);
            VideoPassword password = all.stream().filter(p -> p.id() == passwordId).findFirst()
                    .orElseThrow(() -> ApiException.notFound("Video password not found"));
            if (all.size() == 1) {
                throw ApiException.forbidden("Cannot delete the last password of the protected video");
            }
            em.remove(password);
        });
        return null;
    }

    private static Video protectedVideo(EntityManager em, ApiRequest request, ApiUser user) {
        VideoRoutes.VideoRef ref = VideoRoutes.ref(request.pathParam("id"));
        Video video = VideoRoutes.find(em, ref);
        VideoRoutes.requireLocalManageable(video, user);
        if (video.privacy() != VideoConstants.PASSWORD_PROTECTED) {
            throw ApiException.badRequest("Video is not password protected");
        }
        return video;
    }
}
