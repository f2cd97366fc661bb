package org.bobine.catalog.internal;

import java.util.Map;
import java.util.Set;

import org.bobine.persistence.api.TransactionService;
import org.bobine.transcoding.api.Transcoding;
import org.bobine.web.api.ApiException;
import org.bobine.web.api.ApiRequest;
import org.bobine.web.api.ApiResponse;
import org.bobine.web.api.ApiRoutes;
import org.bobine.web.api.Router;
import org.bobine.web.api.UserRight;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * PeerTube's {@code POST /videos/{id}/transcoding} ({@code {transcodingType: "hls" | "web-video"}}): an
 * administrator (right {@code RUN_VIDEO_TRANSCODING}) transcodes a local video again. The video goes back to "to
 * transcode" and the transcoding bundle gives it a job, which produces the outputs the configuration enables (both
 * types when both are enabled) and replaces the previous ones. 409 {@code video_already_being_transcoded} while a job
 * has it; 400 when transcoding is disabled.
 */
@Component(service = ApiRoutes.class)
public class TranscodingRoutes implements ApiRoutes {

    private static final Set<String> TYPES = Set.of("hls", "web-video", "webtorrent");

    private final TransactionService transactions;
    private final Videos videos;
    private final CatalogTranscodingSources sources;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile Transcoding transcoding;

    @Activate
    public TranscodingRoutes(@Reference Videos videos, @Reference CatalogTranscodingSources sources) {
        this.videos = videos;
        this.sources = sources;
        this.transactions = videos.transactions();
    }

    @Override
    public void register(Router router) {
        router.post("/videos/{id}/transcoding", this::transcode);
    }

    Object transcode(ApiRequest request) {
        request.requireRight(UserRight.RUN_VIDEO_TRANSCODING);
        VideoRoutes.VideoRef ref = VideoRoutes.ref(request.pathParam("id"));
        @SuppressWarnings("unchecked")
        Map<String, Object> body = request.body(Map.class);
        if (!(body.get("transcodingType") instanceof String type) || !TYPES.contains(type)) {
            throw ApiException.invalidParam("transcodingType", "Should have a valid transcoding type");
        }
        Transcoding current = transcoding;
        if (current == null || !current.enabled()) {
            throw ApiException.badRequest("Cannot run transcoding job because transcoding is disabled on this "
                    + "instance");
        }
        long videoId = transactions.call(em -> {
            Video video = VideoRoutes.find(em, ref);
            if (!video.isLocal()) {
                throw ApiException.badRequest("Cannot run transcoding job on a remote video");
            }
            if (!sources.requestTranscoding(em, video)) {
                throw new ApiException(409, "video_already_being_transcoded", "This video is already being "
                        + "transcoded");
            }
            return video.id();
        });
        videos.responses().forget(videoId);
        return ApiResponse.noContent();
    }
}
