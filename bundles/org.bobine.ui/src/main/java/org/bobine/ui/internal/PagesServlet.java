package org.bobine.ui.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.bobine.auth.api.PasswordLogin;
import org.bobine.catalog.api.AccountInfo;
import org.bobine.catalog.api.ChannelInfo;
import org.bobine.catalog.api.VideoDetails;
import org.bobine.catalog.api.VideoPage;
import org.bobine.catalog.api.VideoQuery;
import org.bobine.web.api.ApiException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * The pages, at PeerTube's paths: the home page and its tabs ({@code /}, {@code /videos/recently-added},
 * {@code /videos/trending}, {@code /videos/local}), the watch page ({@code /w/{id}}, {@code /videos/watch/{id}}),
 * the embed ({@code /videos/embed/{id}}), channels ({@code /c/{handle}}, {@code /video-channels/{handle}}) and
 * accounts ({@code /a/{name}}, {@code /accounts/{name}}), login and logout, the visitor's preferences, and
 * {@code /robots.txt}, {@code /manifest.webmanifest} and {@code /services/oembed}. It is the whiteboard's default
 * servlet: any path that no other servlet serves gets the page that says it does not exist.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/")
public class PagesServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    /** The last page number a grid accepts. */
    static final int MAX_PAGE = 10_000;
    /** Pages smaller than this are sent as they are: compressing them saves less than it costs. */
    private static final int COMPRESS_FROM = 1024;

    private final transient Site site;

    @Activate
    public PagesServlet(@Reference Site site) {
        this.site = site;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Visit v = new Visit(site, request, response);
        String path = request.getRequestURI();
        try {
            route(v, path);
        } catch (BadRequest e) {
            html(v, 400, Pages.error(v, "badRequest.title", e.getMessage()), false);
        }
    }

    /** A query parameter that is not valid; its message names it. */
    static final class BadRequest extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadRequest(String message) {
            super(message, null, false, false);
        }
    }

    private void route(Visit v, String path) throws IOException {
        switch (path) {
            case "/", "/videos/recently-added" -> videos(v, Pages.TABS.get(0), VideoQuery.Sort.RECENT, false);
            case "/videos/trending" -> videos(v, Pages.TABS.get(1), VideoQuery.Sort.TRENDING, false);
            case "/videos/local" -> videos(v, Pages.TABS.get(2), VideoQuery.Sort.RECENT, true);
            case "/login" -> html(v, 200, Pages.login(v, Visit.safeReturnPath(v.request.getParameter("back")), "",
                    null, false), false);
            case "/robots.txt" -> text(v.response, "text/plain; charset=utf-8", "User-agent: *\nDisallow:\n");
            case "/manifest.webmanifest" -> text(v.response, "application/manifest+json", manifest());
            case "/services/oembed" -> Oembed.answer(site, v.request, v.response);
            default -> {
                if (path.startsWith("/w/")) {
                    watch(v, segment(path, "/w/"));
                } else if (path.startsWith("/videos/watch/")) {
                    watch(v, segment(path, "/videos/watch/"));
                } else if (path.startsWith("/videos/embed/")) {
                    embed(v, segment(path, "/videos/embed/"));
                } else if (path.startsWith("/c/")) {
                    channel(v, segment(path, "/c/"));
                } else if (path.startsWith("/video-channels/")) {
                    channel(v, segment(path, "/video-channels/"));
                } else if (path.startsWith("/a/")) {
                    account(v, segment(path, "/a/"));
                } else if (path.startsWith("/accounts/")) {
                    account(v, segment(path, "/accounts/"));
                } else {
                    notFound(v);
                }
            }
        }
    }

    /** The first path segment after a prefix, decoded ({@code /c/name/videos} gives {@code name}). */
    static String segment(String path, String prefix) {
        String rest = path.substring(prefix.length());
        int slash = rest.indexOf('/');
        String raw = slash < 0 ? rest : rest.substring(0, slash);
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    /** @return the {@code page} parameter, 1 when absent */
    static int pageNumber(HttpServletRequest request) {
        String text = request.getParameter("page");
        if (text == null || text.isEmpty()) {
            return 1;
        }
        if (text.length() > 5 || !text.chars().allMatch(Character::isDigit)) {
            throw new BadRequest("page");
        }
        int page = Integer.parseInt(text);
        if (page < 1 || page > MAX_PAGE) {
            throw new BadRequest("page");
        }
        return page;
    }

    private static VideoQuery query(VideoQuery.Sort sort, boolean local, int page) {
        return new VideoQuery(sort, local, (page - 1) * Pages.PAGE_SIZE, Pages.PAGE_SIZE);
    }

    private void videos(Visit v, Pages.Tab tab, VideoQuery.Sort sort, boolean local) throws IOException {
        int page = pageNumber(v.request);
        VideoPage videos = site.catalog().videos(query(sort, local, page), v.user);
        html(v, 200, Pages.videos(v, tab, videos, page), false);
    }

    private void watch(Visit v, String id) throws IOException {
        Optional<VideoDetails> video = site.catalog().video(id, v.user);
        if (video.isEmpty()) {
            html(v, 404, Pages.error(v, "video.notFound", null), false);
            return;
        }
        html(v, 200, Pages.watch(v, video.get(), video.get().commentsEnabled()
                ? site.catalog().comments(video.get().summary().id(), 0, Pages.COMMENTS) : List.of()), false);
    }

    private void embed(Visit v, String id) throws IOException {
        Optional<VideoDetails> video = site.catalog().video(id, v.user);
        if (video.isEmpty()) {
            html(v, 404, Pages.error(v, "video.notFound", null), true);
            return;
        }
        html(v, 200, Pages.embed(v, video.get()), true);
    }

    private void channel(Visit v, String handle) throws IOException {
        int page = pageNumber(v.request);
        Optional<ChannelInfo> channel = site.catalog().channel(handle);
        Optional<VideoPage> videos = channel.isEmpty() ? Optional.empty()
                : site.catalog().channelVideos(handle, query(VideoQuery.Sort.RECENT, false, page), v.user);
        if (videos.isEmpty()) {
            notFound(v);
            return;
        }
        html(v, 200, Pages.channel(v, channel.get(), videos.get(), page), false);
    }

    private void account(Visit v, String name) throws IOException {
        int page = pageNumber(v.request);
        Optional<AccountInfo> account = site.catalog().account(name);
        Optional<VideoPage> videos = account.isEmpty() ? Optional.empty()
                : site.catalog().accountVideos(name, query(VideoQuery.Sort.RECENT, false, page), v.user);
        if (videos.isEmpty()) {
            notFound(v);
            return;
        }
        html(v, 200, Pages.account(v, account.get(), videos.get(), page), false);
    }

    private void notFound(Visit v) throws IOException {
        html(v, 404, Pages.notFound(v), false);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        request.setCharacterEncoding("UTF-8");
        Visit v = new Visit(site, request, response);
        switch (request.getRequestURI()) {
            case "/preferences" -> preferences(v);
            case "/login" -> login(v);
            case "/logout" -> logout(v);
            default -> {
                response.setHeader("Allow", "GET, HEAD");
                html(v, 405, Pages.error(v, "badRequest.title", null), false);
            }
        }
    }

    /** The night mode, theater mode and language switchers, for browsers without script. */
    private void preferences(Visit v) throws IOException {
        if (!v.csrfMatches(v.request.getParameter("csrf"))) {
            html(v, 403, Pages.error(v, "form.expired", null), false);
            return;
        }
        String scheme = v.request.getParameter("scheme");
        if (scheme != null) {
            switch (scheme) {
                case "dark", "light" -> v.setCookie(Visit.SCHEME, scheme, Visit.CHOICE_AGE, false);
                case "auto" -> v.setCookie(Visit.SCHEME, "", 0, false);
                default -> {
                    html(v, 400, Pages.error(v, "badRequest.title", "scheme"), false);
                    return;
                }
            }
        }
        String theater = v.request.getParameter("theater");
        if (theater != null) {
            v.setCookie(Visit.THEATER, "1".equals(theater) ? "1" : "0", Visit.CHOICE_AGE, false);
        }
        String lang = v.request.getParameter("lang");
        if (lang != null) {
            Languages.Language language = Languages.byTag(lang).orElse(null);
            if (language == null) {
                html(v, 400, Pages.error(v, "badRequest.title", "lang"), false);
                return;
            }
            v.setCookie(Visit.LANGUAGE, language.tag(), Visit.CHOICE_AGE, false);
        }
        redirect(v.response, Visit.safeReturnPath(v.request.getParameter("back")));
    }

    private void login(Visit v) throws IOException {
        String back = Visit.safeReturnPath(v.request.getParameter("back"));
        String username = v.request.getParameter("username");
        username = username == null ? "" : username.strip();
        if (!v.csrfMatches(v.request.getParameter("csrf"))) {
            html(v, 403, Pages.login(v, back, username, "form.expired", false), false);
            return;
        }
        String otp = v.request.getParameter("otp");
        PasswordLogin.Session session;
        try {
            session = site.logins().login(username, v.request.getParameter("password"),
                    otp == null || otp.isBlank() ? null : otp.strip(), v.request.getRemoteAddr());
        } catch (ApiException e) {
            String code = e.code() == null ? "" : e.code();
            int status = e.status() == 429 ? 429 : code.equals("missing_two_factor") ? 401 : 400;
            String key = switch (code) {
                case "missing_two_factor" -> "login.error.otp";
                case "invalid_two_factor" -> "login.error.otpInvalid";
                case "account_waiting_for_approval" -> "login.error.pending";
                case "account_approval_rejected" -> "login.error.rejected";
                default -> e.status() == 429 ? "login.error.tooMany" : "login.error.credentials";
            };
            e.headers().forEach((name, value) -> {
                if (name.equalsIgnoreCase("Retry-After")) {
                    v.response.setHeader(name, value);
                }
            });
            boolean askOtp = code.equals("missing_two_factor") || code.equals("invalid_two_factor");
            html(v, status, Pages.login(v, back, username, key, askOtp), false);
            return;
        }
        long seconds = Math.min(Integer.MAX_VALUE, session.accessLifetime().toSeconds());
        v.setCookie(Visit.SESSION, session.accessToken(), (int) seconds, true);
        redirect(v.response, back);
    }

    private void logout(Visit v) throws IOException {
        if (!v.csrfMatches(v.request.getParameter("csrf"))) {
            html(v, 403, Pages.error(v, "form.expired", null), false);
            return;
        }
        if (v.accessToken != null) {
            site.logins().logout(v.accessToken);
        }
        v.setCookie(Visit.SESSION, "", 0, true);
        redirect(v.response, "/");
    }

    private static void redirect(HttpServletResponse response, String path) {
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", path);
        response.setHeader("Cache-Control", "no-store");
    }

    /** The Content-Security-Policy of pages: nothing from elsewhere, no inline script or style. */
    String policy(boolean embed) {
        String origin = origin(site.baseUrl());
        return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: " + origin
                + "; media-src 'self' blob: " + origin + "; connect-src 'self' " + origin
                + "; worker-src 'self' blob:; font-src 'self'; manifest-src 'self'; base-uri 'none'; "
                + (embed ? "form-action 'none'; frame-ancestors *" : "form-action 'self'; frame-ancestors 'none'");
    }

    static String origin(String baseUrl) {
        try {
            URI uri = new URI(baseUrl);
            return uri.getScheme() + "://" + uri.getRawAuthority();
        } catch (URISyntaxException e) {
            return "'self'";
        }
    }

    private void html(Visit v, int status, String page, boolean embed) throws IOException {
        HttpServletResponse response = v.response;
        response.setStatus(status);
        response.setContentType("text/html; charset=utf-8");
        response.setHeader("Content-Security-Policy", policy(embed));
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
        if (!embed) {
            response.setHeader("X-Frame-Options", "DENY");
        }
        // A page depends on the visitor's cookies and languages: no shared cache may keep it.
        response.setHeader("Cache-Control", "private, no-cache");
        response.setHeader("Vary", "Cookie, Accept-Language, Accept-Encoding");
        byte[] bytes = page.getBytes(StandardCharsets.UTF_8);
        if ("HEAD".equals(v.request.getMethod())) {
            return;
        }
        String accept = v.request.getHeader("Accept-Encoding");
        if (bytes.length >= COMPRESS_FROM && accept != null && accept.contains("gzip")) {
            response.setHeader("Content-Encoding", "gzip");
            try (OutputStream out = new GZIPOutputStream(response.getOutputStream(), 8192)) {
                out.write(bytes);
            }
        } else {
            response.setContentLength(bytes.length);
            response.getOutputStream().write(bytes);
        }
    }

    private static void text(HttpServletResponse response, String type, String body) throws IOException {
        response.setContentType(type);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Cache-Control", "public, max-age=3600");
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    private String manifest() {
        return "{\"name\":" + Html.json(Site.NAME) + ",\"short_name\":" + Html.json(Site.NAME)
                + ",\"start_url\":\"/\",\"scope\":\"/\",\"display\":\"standalone\","
                + "\"background_color\":\"#ffffff\",\"theme_color\":\"#b35c00\",\"icons\":[{\"src\":"
                + Html.json(site.assets().base() + "icon.svg") + ",\"sizes\":\"any\",\"type\":\"image/svg+xml\"}]}";
    }
}
