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

    /**
     * {@code POST /api/v1/videos/{id}/comment-threads}, before anything is kept: an {@link AcceptResult}; a refusal
     * answers 403 with its message. Parameters {@code {commentBody: {text}, video: {id, uuid, name}, user}}.
     */
    public static final String VIDEO_THREAD_CREATE_ACCEPT_RESULT = "filter:api.video-thread.create.accept.result";

    /**
     * {@code POST /api/v1/videos/{id}/comments/{commentId}}, before anything is kept: an {@link AcceptResult}; a
     * refusal answers 403 with its message. Parameters
     * {@code {commentBody: {text}, video: {id, uuid, name}, parentComment: {id, text, accountId}, user}}.
     */
    public static final String VIDEO_COMMENT_REPLY_CREATE_ACCEPT_RESULT =
            "filter:api.video-comment-reply.create.accept.result";

    /**
     * A comment thread was created through the API, once it is kept: parameters {@code {comment}}, the comment as
     * {@code POST /api/v1/videos/{id}/comment-threads} answers it.
     */
    public static final String VIDEO_THREAD_CREATED = "action:api.video-thread.created";

    /**
     * A reply was created through the API, once it is kept: parameters {@code {comment}}, the comment as
     * {@code POST /api/v1/videos/{id}/comments/{commentId}} answers it.
     */
    public static final String VIDEO_COMMENT_REPLY_CREATED = "action:api.video-comment-reply.created";

    /**
     * A comment was deleted through the API: parameters {@code {comment}}, the comment as it was before its
     * deletion, shaped as the comment lists show it.
     */
    public static final String VIDEO_COMMENT_DELETED = "action:api.video-comment.deleted";

    /**
     * A video was uploaded ({@code POST /api/v1/videos/upload}, or the last request of a resumable upload), once it
     * is kept: parameters {@code {video: {id, uuid, name}}}.
     */
    public static final String VIDEO_UPLOADED = "action:api.video.uploaded";

    /** {@code PUT /api/v1/videos/{id}} changed a video: parameters {@code {video: {id, uuid, name}}}, as changed. */
    public static final String VIDEO_UPDATED = "action:api.video.updated";

    /** {@code DELETE /api/v1/videos/{id}} removed a video: parameters {@code {video: {id, uuid, name}}}. */
    public static final String VIDEO_DELETED = "action:api.video.deleted";

    /** {@code GET /api/v1/accounts/{name}/videos}: as {@link #VIDEOS_LIST_RESULT}. */
    public static final String ACCOUNT_VIDEOS_LIST_RESULT = "filter:api.accounts.videos.list.result";

    /** {@code GET /api/v1/video-channels/{handle}/videos}: as {@link #VIDEOS_LIST_RESULT}. */
    public static final String CHANNEL_VIDEOS_LIST_RESULT = "filter:api.video-channels.videos.list.result";

    /** {@code GET /api/v1/users/me/videos}: as {@link #VIDEOS_LIST_RESULT}; {@code user} is always given. */
    public static final String MY_VIDEOS_LIST_RESULT = "filter:api.user.me.videos.list.result";

    /**
     * {@code GET /api/v1/video-playlists/{id}/videos}: the value is {@code {total, data: [element…]}}, each element
     * as PeerTube's {@code VideoPlaylistElement} (with its {@code video}); parameters as
     * {@link #VIDEOS_LIST_RESULT}'s.
     */
    public static final String PLAYLIST_VIDEOS_LIST_RESULT = "filter:api.video-playlist.videos.list.result";

    /**
     * {@code GET /api/v1/videos/{id}/comment-threads}: the value is the answer,
     * {@code {total, totalNotDeletedComments, data: [comment…]}}; parameters {@code {start, count, sort}} as given,
     * {@code video: {id, uuid, name}}, and {@code user} when someone is logged in.
     */
    public static final String VIDEO_THREADS_LIST_RESULT = "filter:api.video-threads.list.result";

    /**
     * {@code GET /api/v1/videos/{id}/comment-threads/{threadId}}: the value is the thread, {@code {comment,
     * children: [...]}}; parameters {@code video: {id, uuid, name}}, {@code threadId}, and {@code user} when someone
     * is logged in.
     */
    public static final String VIDEO_THREAD_COMMENTS_LIST_RESULT = "filter:api.video-thread-comments.list.result";

    /** {@code GET /api/v1/video-channels}: as {@link #VIDEOS_LIST_RESULT}, with channels. */
    public static final String VIDEO_CHANNELS_LIST_RESULT = "filter:api.video-channels.list.result";

    /**
     * {@code GET /api/v1/video-channels/{handle}}: the value is the channel; parameters {@code {handle}}, and
     * {@code user} when someone is logged in.
     */
    public static final String VIDEO_CHANNEL_GET_RESULT = "filter:api.video-channel.get.result";

    /**
     * A view was counted ({@code POST /api/v1/videos/{id}/views}, PeerTube's rule of one view per viewer and
     * video within the hour): parameters {@code {video: {id, uuid, name}}}.
     */
    public static final String VIDEO_VIEWED = "action:api.video.viewed";

    /**
     * A caption was added or replaced ({@code PUT /api/v1/videos/{id}/captions/{lang}}): parameters
     * {@code {caption: {language: {id, label}, captionPath}, video: {id, uuid, name}}}.
     */
    public static final String VIDEO_CAPTION_CREATED = "action:api.video-caption.created";

    /** A caption was deleted: parameters as {@link #VIDEO_CAPTION_CREATED}'s, the caption as it was. */
    public static final String VIDEO_CAPTION_DELETED = "action:api.video-caption.deleted";

    /** {@code POST /api/v1/video-channels} created a channel: parameters {@code {videoChannel}}, the channel. */
    public static final String VIDEO_CHANNEL_CREATED = "action:api.video-channel.created";

    /** {@code PUT /api/v1/video-channels/{handle}} changed a channel: parameters {@code {videoChannel}}, changed. */
    public static final String VIDEO_CHANNEL_UPDATED = "action:api.video-channel.updated";

    /** {@code DELETE /api/v1/video-channels/{handle}} removed a channel: parameters {@code {videoChannel}}. */
    public static final String VIDEO_CHANNEL_DELETED = "action:api.video-channel.deleted";

    /**
     * {@code POST /api/v1/video-playlists/{id}/videos} added a video to a playlist: parameters
     * {@code {playlistElement: {id, position, startTimestamp, stopTimestamp}, video: {id, uuid, name}}}.
     */
    public static final String VIDEO_PLAYLIST_ELEMENT_CREATED = "action:api.video-playlist-element.created";
}
