package org.bobine.catalog.api;

import java.util.List;
import java.util.Optional;

import org.bobine.web.api.ApiUser;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Reads the catalog: the service the instance's web pages are built from. The catalog bundle registers the one
 * implementation; its methods are thread-safe, each one a single read-only transaction.
 *
 * <p>The {@code viewer} of each method is the user the page is shown to, or empty for an anonymous visitor; it
 * decides which videos are visible exactly as for the REST API.
 */
@ProviderType
public interface VideoCatalog {

    /**
     * A page of the instance's videos.
     *
     * @param query the order, the filter on local videos, and the page
     * @param viewer who looks
     * @return the page, empty when {@code start} is past the end
     */
    VideoPage videos(VideoQuery query, Optional<ApiUser> viewer);

    /**
     * A page of a channel's videos.
     *
     * @param handle the channel's name, or {@code name@host} for a remote channel
     * @return the page, or empty when there is no such channel
     */
    Optional<VideoPage> channelVideos(String handle, VideoQuery query, Optional<ApiUser> viewer);

    /**
     * A page of an account's videos, all its channels together.
     *
     * @param name the account's name, or {@code name@host} for a remote account
     * @return the page, or empty when there is no such account
     */
    Optional<VideoPage> accountVideos(String name, VideoQuery query, Optional<ApiUser> viewer);

    /**
     * One video.
     *
     * @param id its number, its UUID or its short UUID; as in the REST API, an unlisted video is found by its
     *        UUID or short UUID only
     * @return the video, or empty when there is none or the viewer may not see it
     */
    Optional<VideoDetails> video(String id, Optional<ApiUser> viewer);

    /**
     * The first comments of the threads under a video, newest first; comments held for review are left out.
     *
     * @param videoId the video's number
     * @param start how many threads to skip
     * @param count how many to return, 1 to 100
     * @return the comments, empty when the video has none or disabled them
     */
    List<Comment> comments(long videoId, int start, int count);

    /** @return the channel a handle names ({@code name} or {@code name@host}), if it exists */
    Optional<ChannelInfo> channel(String handle);

    /** @return the account a name names ({@code name} or {@code name@host}), if it exists */
    Optional<AccountInfo> account(String name);
}
