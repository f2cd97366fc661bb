package org.bobine.catalog.api;

import java.util.List;

/**
 * Everything a watch page shows of one video.
 *
 * @param summary what lists show of it
 * @param url its canonical URL ({@code https://host/videos/watch/{uuid}} for local videos)
 * @param description its description, as markdown, or {@code null}
 * @param descriptionHtml the description rendered to HTML that is safe to insert in a page: raw HTML escaped,
 *        links only to http, https and mailto targets, no images; empty when there is no description
 * @param support the support text of the video, else of its channel, as markdown, or {@code null}
 * @param tags its tags, sorted
 * @param category the English label of its category, or {@code null}
 * @param licence the English label of its licence, or {@code null}
 * @param language the English name of its language, or {@code null}
 * @param languageCode the code of its language (for example {@code fr}), or {@code null}
 * @param privacy PeerTube's privacy number (1 public, 2 unlisted, 3 private, 4 internal, 5 password protected)
 * @param downloadEnabled whether the owner allows downloads
 * @param commentsEnabled whether comments are shown and accepted
 * @param hlsPlaylistUrl the absolute URL of its HLS master playlist, or {@code null} when it has none
 * @param files its web-video files, largest resolution first
 * @param published whether it is published (rather than waiting for transcoding, which its owner may allow to
 *        be watched meanwhile)
 */
public record VideoDetails(VideoSummary summary, String url, String description, String descriptionHtml,
        String support, List<String> tags, String category, String licence, String language, String languageCode,
        int privacy, boolean downloadEnabled, boolean commentsEnabled, String hlsPlaylistUrl,
        List<VideoFileLink> files, boolean published) {

    /** Copies the lists, so that a record never changes after it is made. */
    public VideoDetails {
        tags = List.copyOf(tags);
        files = List.copyOf(files);
    }
}
