package org.bobine.ui.internal;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.bobine.catalog.api.VideoDetails;

/**
 * {@code GET /services/oembed?url=...} (oEmbed 1.0, JSON only, as PeerTube): the embed code of a public video of
 * this instance named by its watch page URL ({@code /w/{id}} or {@code /videos/watch/{id}}). Errors are plain
 * text: 400 for a missing or foreign URL or a bad size, 404 for no such video, 501 for another format.
 */
final class Oembed {

    static final int DEFAULT_WIDTH = 560;
    static final int DEFAULT_HEIGHT = 315;

    private Oembed() {
    }

    static void answer(Site site, HttpServletRequest request, HttpServletResponse response) throws IOException {
        String format = request.getParameter("format");
        if (format != null && !format.equals("json")) {
            error(response, 501, "Only the json format is supported");
            return;
        }
        String url = request.getParameter("url");
        if (url == null || url.isBlank()) {
            error(response, 400, "The url parameter is required");
            return;
        }
        Integer maxWidth = size(request.getParameter("maxwidth"));
        Integer maxHeight = size(request.getParameter("maxheight"));
        if (maxWidth != null && maxWidth < 0 || maxHeight != null && maxHeight < 0) {
            error(response, 400, "maxwidth and maxheight must be whole numbers from 1 to 10000");
            return;
        }
        String id = videoId(site.baseUrl(), url);
        if (id == null) {
            error(response, 400, "The url is not the watch page of a video of this instance");
            return;
        }
        Optional<VideoDetails> found = site.catalog().video(id, Optional.empty());
        if (found.isEmpty() || found.get().privacy() != 1) {
            error(response, 404, "No public video at this url");
            return;
        }
        VideoDetails video = found.get();
        int width = maxWidth == null ? DEFAULT_WIDTH : Math.min(DEFAULT_WIDTH, maxWidth);
        int height = maxHeight == null ? DEFAULT_HEIGHT : Math.min(DEFAULT_HEIGHT, maxHeight);
        String embed = site.baseUrl() + "/videos/embed/" + video.summary().uuid();
        String iframe = "<iframe width=\"" + width + "\" height=\"" + height + "\" sandbox=\"allow-same-origin "
                + "allow-scripts allow-popups\" title=\"" + Html.esc(video.summary().name()) + "\" src=\""
                + Html.esc(embed) + "\" frameborder=\"0\" allowfullscreen></iframe>";
        StringBuilder json = new StringBuilder(1024).append("{\"type\":\"video\",\"version\":\"1.0\"")
                .append(",\"provider_name\":").append(Html.json(Site.NAME))
                .append(",\"provider_url\":").append(Html.json(site.baseUrl()))
                .append(",\"title\":").append(Html.json(video.summary().name()))
                .append(",\"author_name\":").append(Html.json(video.summary().channel().displayName()))
                .append(",\"author_url\":").append(Html.json(site.baseUrl() + "/c/"
                        + video.summary().channel().handle()))
                .append(",\"html\":").append(Html.json(iframe))
                .append(",\"width\":").append(width).append(",\"height\":").append(height);
        String thumbnail = video.summary().previewPath() != null ? video.summary().previewPath()
                : video.summary().thumbnailPath();
        if (thumbnail != null) {
            json.append(",\"thumbnail_url\":").append(Html.json(site.baseUrl() + thumbnail));
        }
        json.append('}');
        byte[] bytes = json.toString().getBytes(StandardCharsets.UTF_8);
        response.setContentType("application/json; charset=utf-8");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    /** @return the size, {@code null} when absent, -1 when not valid */
    private static Integer size(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        if (text.length() > 5 || !text.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        int n = Integer.parseInt(text);
        return n < 1 || n > 10_000 ? -1 : n;
    }

    /** @return the id in a watch page URL of this instance, or {@code null} */
    static String videoId(String baseUrl, String url) {
        URI uri;
        URI base;
        try {
            uri = new URI(url);
            base = new URI(baseUrl);
        } catch (URISyntaxException e) {
            return null;
        }
        if (uri.getHost() == null || !uri.getHost().equalsIgnoreCase(base.getHost())
                || effectivePort(uri) != effectivePort(base) || uri.getPath() == null) {
            return null;
        }
        String path = uri.getPath();
        for (String prefix : new String[] {"/w/", "/videos/watch/"}) {
            if (path.startsWith(prefix)) {
                String id = path.substring(prefix.length());
                return id.isEmpty() || id.contains("/") ? null : id;
            }
        }
        return null;
    }

    private static int effectivePort(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static void error(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("text/plain; charset=utf-8");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.getWriter().write(message);
    }
}
