package org.bobine.ui.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.bobine.auth.api.PasswordLogin;
import org.bobine.catalog.api.AccountInfo;
import org.bobine.catalog.api.ActorSummary;
import org.bobine.catalog.api.ChannelInfo;
import org.bobine.catalog.api.Comment;
import org.bobine.catalog.api.VideoCatalog;
import org.bobine.catalog.api.VideoDetails;
import org.bobine.catalog.api.VideoFileLink;
import org.bobine.catalog.api.VideoPage;
import org.bobine.catalog.api.VideoQuery;
import org.bobine.catalog.api.VideoSummary;
import org.bobine.web.api.ApiException;
import org.bobine.web.api.ApiUser;
import org.bobine.web.api.InstanceAddress;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The pages rendered by the servlet, without a framework: what they show, that everything from the catalog is
 * escaped, their security headers, the login and preference forms with their CSRF checks, bad input, oEmbed.
 */
class PagesServletTest {

    static final String BASE = "https://videos.example.org";
    static final ActorSummary CHANNEL = new ActorSummary("birds_channel", "videos.example.org", "Birds <b>",
            null, true);
    static final ActorSummary ACCOUNT = new ActorSummary("alice", "videos.example.org", "Alice", null, true);
    static final VideoSummary VIDEO = new VideoSummary(7, "8a5ff0a2-7d5c-4d4f-9e0e-6b6a3a3c6f01",
            "hEdPqSgkGRCh3JiHqEg4Ms", "Owls <script>alert(1)</script>", 125, 1234, 5, 1,
            Instant.parse("2026-01-02T03:04:05Z"), "/lazy-static/thumbnails/t.jpg", "/lazy-static/previews/p.jpg",
            true, false, CHANNEL, ACCOUNT);

    final List<VideoQuery> queries = new ArrayList<>();
    final Map<String, String> logins = new HashMap<>();
    final List<String> loggedOut = new ArrayList<>();
    PagesServlet servlet;

    @BeforeEach
    void setUp() {
        VideoCatalog catalog = new VideoCatalog() {
            @Override
            public VideoPage videos(VideoQuery query, Optional<ApiUser> viewer) {
                queries.add(query);
                return new VideoPage(30, List.of(VIDEO));
            }

            @Override
            public Optional<VideoPage> channelVideos(String handle, VideoQuery query, Optional<ApiUser> viewer) {
                return handle.equals("birds_channel") ? Optional.of(new VideoPage(1, List.of(VIDEO)))
                        : Optional.empty();
            }

            @Override
            public Optional<VideoPage> accountVideos(String name, VideoQuery query, Optional<ApiUser> viewer) {
                return name.equals("alice") ? Optional.of(new VideoPage(1, List.of(VIDEO))) : Optional.empty();
            }

            @Override
            public Optional<VideoDetails> video(String id, Optional<ApiUser> viewer) {
                if (!id.equals(VIDEO.shortUuid()) && !id.equals(VIDEO.uuid())) {
                    return Optional.empty();
                }
                return Optional.of(new VideoDetails(VIDEO, BASE + "/videos/watch/" + VIDEO.uuid(), "**Owls**",
                        "<p><strong>Owls</strong></p>", null, List.of("birds", "night"), "Animals", null, "English",
                        "en", 1, true, true, null, List.of(new VideoFileLink(720, "720p", 2_500_000,
                                BASE + "/static/web-videos/a-720.mp4", BASE + "/download/web-videos/a-720.mp4",
                                BASE + "/lazy-static/torrents/a-720.torrent", BASE + "/download/torrents/a-720.torrent",
                                "magnet:?xt=urn:btih:abc")), true));
            }

            @Override
            public List<Comment> comments(long videoId, int start, int count) {
                return List.of(new Comment(1, ACCOUNT, "<p>Hoot</p>", Instant.now(), 2));
            }

            @Override
            public Optional<ChannelInfo> channel(String handle) {
                return handle.equals("birds_channel")
                        ? Optional.of(new ChannelInfo(CHANNEL, "About birds", null, ACCOUNT, Instant.now()))
                        : Optional.empty();
            }

            @Override
            public Optional<AccountInfo> account(String name) {
                return name.equals("alice") ? Optional.of(new AccountInfo(ACCOUNT, null, Instant.now()))
                        : Optional.empty();
            }
        };
        PasswordLogin login = new PasswordLogin() {
            @Override
            public Session login(String user, String password, String otp, String remoteAddress) {
                if (user.equals("alice") && password.equals("secret")) {
                    return new Session("a".repeat(40), "r".repeat(40), Duration.ofDays(1), Duration.ofDays(14));
                }
                if (user.equals("busy")) {
                    throw new ApiException(429, null, "Too many").withHeader("Retry-After", "300");
                }
                throw new ApiException(400, "invalid_grant", "Invalid grant: user credentials are invalid");
            }

            @Override
            public void logout(String accessToken) {
                loggedOut.add(accessToken);
            }
        };
        InstanceAddress address = mock(InstanceAddress.class);
        when(address.baseUrl()).thenReturn(BASE);
        Site site = new Site(catalog, login, token -> token.equals("a".repeat(40))
                ? Optional.of(new ApiUser(1, "alice", ApiUser.USER)) : Optional.empty(),
                preferred -> List.of("/themes/night/1.0.0/css/night.css"), address);
        servlet = new PagesServlet(site);
    }

    /** A request and the answer it got. */
    static final class Exchange {
        final HttpServletRequest request = mock(HttpServletRequest.class);
        final HttpServletResponse response = mock(HttpServletResponse.class);
        final ByteArrayOutputStream body = new ByteArrayOutputStream();
        final StringWriter text = new StringWriter();
        final Map<String, String> headers = new HashMap<>();
        final Map<String, Cookie> cookies = new HashMap<>();
        int status = 200;

        Exchange(String method, String path, String query, Map<String, String> params, Cookie... sent)
                throws Exception {
            when(request.getMethod()).thenReturn(method);
            when(request.getRequestURI()).thenReturn(path);
            when(request.getQueryString()).thenReturn(query);
            when(request.getRemoteAddr()).thenReturn("192.0.2.1");
            when(request.getCookies()).thenReturn(sent.length == 0 ? null : sent);
            when(request.getParameter(anyString())).thenAnswer(i -> params.get(i.getArgument(0, String.class)));
            when(request.getHeader(anyString())).thenReturn(null);
            when(response.getOutputStream()).thenReturn(new ServletOutputStream() {
                @Override
                public void write(int b) {
                    body.write(b);
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(WriteListener listener) {
                }
            });
            when(response.getWriter()).thenReturn(new PrintWriter(text, true));
            org.mockito.Mockito.doAnswer(i -> status = i.getArgument(0, Integer.class)).when(response)
                    .setStatus(org.mockito.ArgumentMatchers.anyInt());
            org.mockito.Mockito.doAnswer(i -> headers.put(i.getArgument(0), i.getArgument(1))).when(response)
                    .setHeader(anyString(), anyString());
            org.mockito.Mockito.doAnswer(i -> {
                Cookie c = i.getArgument(0);
                return cookies.put(c.getName(), c);
            }).when(response).addCookie(org.mockito.ArgumentMatchers.any());
        }

        String html() {
            return body.toString(StandardCharsets.UTF_8) + text;
        }
    }

    Exchange get(String path, String query, Map<String, String> params, Cookie... cookies) throws Exception {
        Exchange e = new Exchange("GET", path, query, params, cookies);
        servlet.doGet(e.request, e.response);
        return e;
    }

    Exchange post(String path, Map<String, String> params, Cookie... cookies) throws Exception {
        Exchange e = new Exchange("POST", path, null, params, cookies);
        servlet.doPost(e.request, e.response);
        return e;
    }

    @Test
    void theHomePageListsVideosEscapedWithPagingThatWorksWithoutScript() throws Exception {
        Exchange e = get("/", null, Map.of());
        assertThat(e.status).isEqualTo(200);
        String html = e.html();
        assertThat(html).contains("Owls &lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>alert")
                .contains("href=\"/w/hEdPqSgkGRCh3JiHqEg4Ms\"").contains("2:05").contains("1,234 views")
                .contains("Birds &lt;b&gt;").contains("rel=\"next\" href=\"/videos/recently-added?page=2\"")
                .contains("Page 1 of 2").contains("<html lang=\"en\">")
                .contains("href=\"/themes/night/1.0.0/css/night.css\"").doesNotContain("style=");
        assertThat(queries.get(0)).isEqualTo(new VideoQuery(VideoQuery.Sort.RECENT, false, 0, Pages.PAGE_SIZE));
        assertThat(e.headers.get("Content-Security-Policy")).contains("default-src 'none'")
                .contains("script-src 'self';").contains("frame-ancestors 'none'").doesNotContain("unsafe");
        assertThat(e.headers).containsEntry("X-Frame-Options", "DENY").containsEntry("X-Content-Type-Options",
                "nosniff");

        get("/videos/local", "page=2", Map.of("page", "2"));
        assertThat(queries.get(1)).isEqualTo(new VideoQuery(VideoQuery.Sort.RECENT, true, Pages.PAGE_SIZE,
                Pages.PAGE_SIZE));
        get("/videos/trending", null, Map.of());
        assertThat(queries.get(2).sort()).isEqualTo(VideoQuery.Sort.TRENDING);
    }

    @Test
    void aBadPageNumberIsAClearError() throws Exception {
        for (String bad : List.of("0", "-1", "abc", "99999999", "10001")) {
            Exchange e = get("/", "page=" + bad, Map.of("page", bad));
            assertThat(e.status).as(bad).isEqualTo(400);
            assertThat(e.html()).contains("Bad request").contains("The value of “page” is not valid.");
        }
    }

    @Test
    void theLanguageComesFromTheCookieThenAcceptLanguage() throws Exception {
        Exchange e = new Exchange("GET", "/", null, Map.of());
        when(e.request.getHeader("Accept-Language")).thenReturn("ru-RU,ru;q=0.9");
        servlet.doGet(e.request, e.response);
        assertThat(e.html()).contains("<html lang=\"ru\">").contains("1\u00a0234 просмотра");
        Exchange chosen = get("/", null, Map.of(), new Cookie(Visit.LANGUAGE, "ja"));
        assertThat(chosen.html()).contains("<html lang=\"ja\">").contains("1,234 回視聴")
                .contains("<option value=\"ja\" lang=\"ja\" selected>");
    }

    @Test
    void theWatchPageHasThePlayerDownloadsCommentsAndSharingTags() throws Exception {
        Exchange e = get("/w/hEdPqSgkGRCh3JiHqEg4Ms", null, Map.of());
        assertThat(e.status).isEqualTo(200);
        assertThat(e.html()).contains("<video id=\"player\"")
                .contains("<source src=\"https://videos.example.org/static/web-videos/a-720.mp4\" type=\"video/mp4\">")
                .contains("poster=\"/lazy-static/previews/p.jpg\"")
                .contains("<p><strong>Owls</strong></p>").contains("birds, night").contains("Animals")
                .contains("href=\"magnet:?xt=urn:btih:abc\"").contains("/download/torrents/a-720.torrent")
                .contains("720p video (2.5 MB)").contains("Hoot").contains("2 replies")
                .contains("<link rel=\"canonical\" href=\"https://videos.example.org/w/hEdPqSgkGRCh3JiHqEg4Ms\">")
                .contains("property=\"og:title\" content=\"Owls &lt;script&gt;")
                .contains("application/json+oembed").contains("player.js")
                .contains("data-toggle=\"theater\" aria-pressed=\"false\"");
        assertThat(get("/videos/watch/" + VIDEO.uuid(), null, Map.of()).status).isEqualTo(200);
        Exchange missing = get("/w/nothing", null, Map.of());
        assertThat(missing.status).isEqualTo(404);
        assertThat(missing.html()).contains("This video does not exist");
        Exchange theater = get("/w/hEdPqSgkGRCh3JiHqEg4Ms", null, Map.of(), new Cookie(Visit.THEATER, "1"),
                new Cookie(Visit.SCHEME, "dark"));
        assertThat(theater.html()).contains("<body class=\"theater\">").contains("data-scheme=\"dark\"")
                .contains("aria-pressed=\"true\"");
    }

    @Test
    void theEmbedMayBeFramedAndChannelAndAccountPagesRender() throws Exception {
        Exchange embed = get("/videos/embed/" + VIDEO.uuid(), null, Map.of());
        assertThat(embed.status).isEqualTo(200);
        assertThat(embed.headers.get("Content-Security-Policy")).contains("frame-ancestors *");
        assertThat(embed.headers).doesNotContainKey("X-Frame-Options");
        assertThat(get("/c/birds_channel", null, Map.of()).html()).contains("About birds").contains("by Alice");
        assertThat(get("/video-channels/birds_channel/videos", null, Map.of()).status).isEqualTo(200);
        assertThat(get("/a/alice", null, Map.of()).html()).contains("alice@videos.example.org");
        assertThat(get("/accounts/nobody", null, Map.of()).status).isEqualTo(404);
        assertThat(get("/no/such/page", null, Map.of()).status).isEqualTo(404);
    }

    @Test
    void loginSetsAnHttpOnlySessionCookieOnlyWithTheFormsCsrfToken() throws Exception {
        Exchange form = get("/login", "back=/w/x", Map.of("back", "/w/x"));
        Cookie csrf = form.cookies.get(Visit.CSRF);
        assertThat(csrf.isHttpOnly()).isTrue();
        assertThat(csrf.getAttribute("SameSite")).isEqualTo("Lax");
        assertThat(form.html()).contains("name=\"csrf\" value=\"" + csrf.getValue() + "\"")
                .contains("<label for=\"username\">").contains("autocomplete=\"current-password\"");

        Exchange forged = post("/login", Map.of("username", "alice", "password", "secret", "csrf", "0".repeat(32)),
                csrf);
        assertThat(forged.status).isEqualTo(403);
        assertThat(forged.cookies).doesNotContainKey(Visit.SESSION);

        Exchange wrong = post("/login", Map.of("username", "alice", "password", "nope", "csrf", csrf.getValue()),
                csrf);
        assertThat(wrong.status).isEqualTo(400);
        assertThat(wrong.html()).contains("Incorrect username or password.").contains("value=\"alice\"");
        Exchange busy = post("/login", Map.of("username", "busy", "password", "x", "csrf", csrf.getValue()), csrf);
        assertThat(busy.status).isEqualTo(429);
        assertThat(busy.headers).containsEntry("Retry-After", "300");

        Exchange ok = post("/login", Map.of("username", "alice", "password", "secret", "csrf", csrf.getValue(),
                "back", "//evil.example/"), csrf);
        assertThat(ok.status).isEqualTo(303);
        assertThat(ok.headers).containsEntry("Location", "/");
        Cookie session = ok.cookies.get(Visit.SESSION);
        assertThat(session.getValue()).isEqualTo("a".repeat(40));
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSecure()).isTrue();
        assertThat(session.getAttribute("SameSite")).isEqualTo("Lax");
        assertThat(session.getMaxAge()).isEqualTo(86400);

        Exchange home = get("/", null, Map.of(), session, csrf);
        assertThat(home.html()).contains("Logged in as alice").contains("action=\"/logout\"");
        Exchange out = post("/logout", Map.of("csrf", csrf.getValue()), session, csrf);
        assertThat(out.status).isEqualTo(303);
        assertThat(loggedOut).containsExactly("a".repeat(40));
        assertThat(out.cookies.get(Visit.SESSION).getMaxAge()).isZero();
    }

    @Test
    void preferencesAreRememberedInCookiesAndCheckedValues() throws Exception {
        Cookie csrf = new Cookie(Visit.CSRF, "0123456789abcdef0123456789abcdef");
        Exchange dark = post("/preferences", Map.of("scheme", "dark", "csrf", csrf.getValue(), "back", "/w/x"), csrf);
        assertThat(dark.status).isEqualTo(303);
        assertThat(dark.headers).containsEntry("Location", "/w/x");
        assertThat(dark.cookies.get(Visit.SCHEME).getValue()).isEqualTo("dark");
        assertThat(dark.cookies.get(Visit.SCHEME).getMaxAge()).isEqualTo(Visit.CHOICE_AGE);
        Exchange theater = post("/preferences", Map.of("theater", "1", "csrf", csrf.getValue()), csrf);
        assertThat(theater.cookies.get(Visit.THEATER).getValue()).isEqualTo("1");
        Exchange lang = post("/preferences", Map.of("lang", "pt-BR", "csrf", csrf.getValue()), csrf);
        assertThat(lang.cookies.get(Visit.LANGUAGE).getValue()).isEqualTo("pt-BR");
        assertThat(post("/preferences", Map.of("lang", "xx", "csrf", csrf.getValue()), csrf).status).isEqualTo(400);
        assertThat(post("/preferences", Map.of("scheme", "pink", "csrf", csrf.getValue()), csrf).status)
                .isEqualTo(400);
        assertThat(post("/preferences", Map.of("scheme", "dark"), csrf).status).isEqualTo(403);
    }

    @Test
    void robotsManifestAndOembed() throws Exception {
        assertThat(get("/robots.txt", null, Map.of()).html()).isEqualTo("User-agent: *\nDisallow:\n");
        assertThat(get("/manifest.webmanifest", null, Map.of()).html()).contains("\"start_url\":\"/\"")
                .contains("icon.svg");
        Exchange oembed = get("/services/oembed", null, Map.of("url", BASE + "/w/" + VIDEO.shortUuid(),
                "maxwidth", "400"));
        assertThat(oembed.status).isEqualTo(200);
        assertThat(oembed.html()).contains("\"type\":\"video\"").contains("\"width\":400")
                .contains("/videos/embed/" + VIDEO.uuid()).contains("Owls \\u003cscript>");
        assertThat(get("/services/oembed", null, Map.of()).status).isEqualTo(400);
        assertThat(get("/services/oembed", null, Map.of("url", "https://elsewhere.example/w/"
                + VIDEO.shortUuid())).status).isEqualTo(400);
        assertThat(get("/services/oembed", null, Map.of("url", BASE + "/w/nothing")).status).isEqualTo(404);
        assertThat(get("/services/oembed", null, Map.of("url", BASE + "/w/" + VIDEO.shortUuid(), "format",
                "xml")).status).isEqualTo(501);
        assertThat(get("/services/oembed", null, Map.of("url", BASE + "/w/" + VIDEO.shortUuid(), "maxwidth",
                "-3")).status).isEqualTo(400);
    }

    @Test
    void returnPathsStayOnTheSite() {
        assertThat(Visit.safeReturnPath("/w/abc?start=3")).isEqualTo("/w/abc?start=3");
        assertThat(Visit.safeReturnPath("//evil.example")).isEqualTo("/");
        assertThat(Visit.safeReturnPath("/\\evil.example")).isEqualTo("/");
        assertThat(Visit.safeReturnPath("https://evil.example")).isEqualTo("/");
        assertThat(Visit.safeReturnPath("/a\r\nSet-Cookie: x")).isEqualTo("/");
        assertThat(Visit.safeReturnPath(null)).isEqualTo("/");
        assertThat(Html.esc("<a href=\"x\">'&'</a>")).isEqualTo("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    }
}
