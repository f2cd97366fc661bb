package org.bobine.api.hook;

/**
 * The PeerTube hook names that Bobine runs, with what each hook's value and parameters are. Values and parameters
 * are JSON-like, shaped as the JSON of PeerTube's REST API: "a video" is the map that {@code GET /api/v1/videos/{id}}
 * answers, "a user" is {@code {id, username, role}}.
 *
 * <p>Hook points are added release by release; a handler registered for a name Bobine does not run yet is kept and
 * simply not called.
 */
public final class HookNames {

    private HookNames() {
    }

    /**
     * {@code GET /api/v1/videos}: the value is the list that the request answers, {@code {total, data: [video…]}};
     * parameters {@code {start, count, sort}} as the request gave them (after defaults), and {@code user} when
     * someone is logged in.
     */
    public static final String VIDEOS_LIST_RESULT = "filter:api.videos.list.result";

    /** {@code GET /api/v1/videos/{id}}: the value is the video; parameters {@code {id}}, the id as requested. */
    public static final String VIDEO_GET_RESULT = "filter:api.video.get.result";

    /**
     * Uploads ({@code POST /api/v1/videos/upload} and the first request of {@code /videos/upload-resumable}),
     * before anything is kept: an {@link AcceptResult}; a refusal answers 403 with its message. Parameters
     * {@code {videoBody: {name, channelId, …the fields as sent}, videoFile: {originalname, size}, user}}.
     */
    public static final String VIDEO_UPLOAD_ACCEPT_RESULT = "filter:api.video.upload.accept.result";
}
