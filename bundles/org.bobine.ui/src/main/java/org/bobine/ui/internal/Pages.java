package org.bobine.ui.internal;

import static org.bobine.ui.internal.Html.esc;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.bobine.catalog.api.AccountInfo;
import org.bobine.catalog.api.ActorSummary;
import org.bobine.catalog.api.ChannelInfo;
import org.bobine.catalog.api.Comment;
import org.bobine.catalog.api.VideoDetails;
import org.bobine.catalog.api.VideoFileLink;
import org.bobine.catalog.api.VideoPage;
import org.bobine.catalog.api.VideoSummary;

/** The content of each page, rendered on the server; every value from the catalog is escaped here. */
final class Pages {

    /** Videos per page of a grid. */
    static final int PAGE_SIZE = 24;
    /** Comments shown under a video. */
    static final int COMMENTS = 50;
    /** The longest description put in OpenGraph and meta tags. */
    static final int SHORT_DESCRIPTION = 200;

    private Pages() {
    }

    /** A tab of the home page: its path, its title's key, and whether it is the current one. */
    record Tab(String path, String key) {
    }

    static final List<Tab> TABS = List.of(new Tab("/videos/recently-added", "nav.recent"),
            new Tab("/videos/trending", "nav.trending"), new Tab("/videos/local", "nav.local"));

    static String videos(Visit v, Tab current, VideoPage page, int pageNumber) {
        Messages m = v.messages;
        StringBuilder main = new StringBuilder(16384);
        main.append("<h1>").append(esc(m.get(current.key()))).append("</h1>\n");
        main.append("<nav class=\"tabs\" aria-label=\"").append(esc(m.get("home.tabs"))).append("\"><ul>");
        for (Tab tab : TABS) {
            main.append("<li><a href=\"").append(tab.path()).append('"')
                    .append(tab == current ? " aria-current=\"page\"" : "").append('>')
                    .append(esc(m.get(tab.key()))).append("</a></li>");
        }
        main.append("</ul></nav>\n");
        grid(v, page, main);
        pager(v, current.path(), page, pageNumber, main);
        String head = "<link rel=\"canonical\" href=\"" + esc(v.site.baseUrl() + current.path()
                + (pageNumber > 1 ? "?page=" + pageNumber : "")) + "\">\n" + pageLinks(current.path(), page, pageNumber);
        return Layout.page(v, m.get(current.key()), head, main.toString());
    }

    static void grid(Visit v, VideoPage page, StringBuilder out) {
        Messages m = v.messages;
        if (page.videos().isEmpty()) {
            out.append("<p class=\"empty\">").append(esc(m.get("home.empty"))).append("</p>\n");
            return;
        }
        Instant now = Instant.now();
        out.append("<ul class=\"grid\">\n");
        for (VideoSummary video : page.videos()) {
            String href = "/w/" + video.shortUuid();
            out.append("<li class=\"card\"><a class=\"thumb\" href=\"").append(href).append("\" tabindex=\"-1\" ")
                    .append("aria-hidden=\"true\">");
            if (video.thumbnailPath() != null) {
                out.append("<img src=\"").append(esc(video.thumbnailPath()))
                        .append("\" alt=\"\" loading=\"lazy\" width=\"280\" height=\"157\">");
            } else {
                out.append("<span class=\"placeholder\"></span>");
            }
            out.append("<span class=\"duration\">").append(duration(video.duration())).append("</span></a>")
                    .append("<h2 class=\"card-title\"><a href=\"").append(href).append("\">")
                    .append(esc(video.name())).append("</a></h2>")
                    .append("<p class=\"card-meta\"><a href=\"/c/").append(esc(video.channel().handle()))
                    .append("\">").append(esc(video.channel().displayName())).append("</a></p>")
                    .append("<p class=\"card-meta\">").append(esc(m.plural("video.views", video.views())))
                    .append(" · <time datetime=\"").append(iso(video.publishedAt())).append("\">")
                    .append(esc(m.age(video.publishedAt(), now))).append("</time></p></li>\n");
        }
        out.append("</ul>\n");
    }

    /** Previous and next links, which work without any script. */
    static void pager(Visit v, String path, VideoPage page, int pageNumber, StringBuilder out) {
        long pages = Math.max(1, (page.total() + PAGE_SIZE - 1) / PAGE_SIZE);
        if (pages <= 1 && pageNumber <= 1) {
            return;
        }
        Messages m = v.messages;
        out.append("<nav class=\"pager\" aria-label=\"").append(esc(m.get("paging.label"))).append("\">");
        if (pageNumber > 1) {
            out.append("<a class=\"btn\" rel=\"prev\" href=\"").append(path).append(pageNumber > 2 ? "?page="
                    + (pageNumber - 1) : "").append("\">").append(esc(m.get("paging.previous"))).append("</a> ");
        }
        out.append("<span aria-current=\"page\">").append(esc(m.format("paging.page", "page", m.number(pageNumber),
                "pages", m.number(pages)))).append("</span>");
        if (pageNumber < pages) {
            out.append(" <a class=\"btn\" rel=\"next\" href=\"").append(path).append("?page=").append(pageNumber + 1)
                    .append("\">").append(esc(m.get("paging.next"))).append("</a>");
        }
        out.append("</nav>\n");
    }

    private static String pageLinks(String path, VideoPage page, int pageNumber) {
        long pages = Math.max(1, (page.total() + PAGE_SIZE - 1) / PAGE_SIZE);
        StringBuilder out = new StringBuilder();
        if (pageNumber > 1) {
            out.append("<link rel=\"prev\" href=\"").append(path).append(pageNumber > 2 ? "?page=" + (pageNumber - 1)
                    : "").append("\">\n");
        }
        if (pageNumber < pages) {
            out.append("<link rel=\"next\" href=\"").append(path).append("?page=").append(pageNumber + 1)
                    .append("\">\n");
        }
        return out.toString();
    }

    static String watch(Visit v, VideoDetails video, List<Comment> comments) {
        Messages m = v.messages;
        VideoSummary s = video.summary();
        String canonical = v.site.baseUrl() + "/w/" + s.shortUuid();
        StringBuilder main = new StringBuilder(16384);
        main.append("<div class=\"watch\">\n");
        player(v, video, main, false);
        main.append("<div class=\"watch-info\">\n<h1 class=\"video-title\">").append(esc(s.name())).append("</h1>\n")
                .append("<p class=\"video-meta\">").append(esc(m.plural("video.views", s.views()))).append(" · ")
                .append("<time datetime=\"").append(iso(s.publishedAt())).append("\">")
                .append(esc(m.format("video.published", "date", m.date(s.publishedAt())))).append("</time></p>\n")
                .append("<div class=\"actions\">")
                .append("<span class=\"rating\">").append(esc(m.plural("video.likes", s.likes()))).append("</span>")
                .append("<span class=\"rating\">").append(esc(m.plural("video.dislikes", s.dislikes())))
                .append("</span>");
        main.append("<form class=\"inline\" method=\"post\" action=\"/preferences\">").append(Layout.returnFields(v))
                .append("<button class=\"btn\" type=\"submit\" name=\"theater\" value=\"").append(v.theater ? "0" : "1")
                .append("\" data-toggle=\"theater\" aria-pressed=\"").append(v.theater).append("\">")
                .append(esc(m.get("watch.theater"))).append("</button></form>");
        main.append("</div>\n");
        main.append("<p class=\"channel-line\">");
        avatar(s.channel(), main);
        main.append("<a href=\"/c/").append(esc(s.channel().handle())).append("\">")
                .append(esc(s.channel().displayName())).append("</a> <span class=\"muted\">")
                .append(esc(m.format("channel.owner", "name", s.account().displayName()))).append("</span></p>\n");
        if (!video.descriptionHtml().isEmpty()) {
            main.append("<section class=\"description\" aria-label=\"").append(esc(m.get("watch.description")))
                    .append("\">").append(video.descriptionHtml()).append("</section>\n");
        }
        main.append("<dl class=\"facts\">");
        fact(m.get("watch.tags"), video.tags().isEmpty() ? null : String.join(", ", video.tags()), main);
        fact(m.get("watch.category"), video.category(), main);
        fact(m.get("watch.licence"), video.licence(), main);
        fact(m.get("watch.language"), video.language(), main);
        main.append("</dl>\n");
        if (video.support() != null && !video.support().isBlank()) {
            main.append("<details class=\"support\"><summary>").append(esc(m.get("watch.support")))
                    .append("</summary><p>").append(esc(video.support())).append("</p></details>\n");
        }
        if (video.downloadEnabled() && !video.files().isEmpty()) {
            downloads(v, video, main);
        }
        comments(v, video, comments, main);
        main.append("</div>\n</div>\n");

        String description = plain(video.description());
        StringBuilder head = new StringBuilder(1024);
        head.append("<link rel=\"canonical\" href=\"").append(esc(canonical)).append("\">\n")
                .append("<link rel=\"alternate\" type=\"application/json+oembed\" href=\"")
                .append(esc(v.site.baseUrl() + "/services/oembed?url=" + URLEncoder.encode(canonical,
                        StandardCharsets.UTF_8))).append("\" title=\"").append(esc(s.name())).append("\">\n")
                .append("<meta name=\"description\" content=\"").append(esc(description)).append("\">\n")
                .append("<meta property=\"og:type\" content=\"video.other\">\n")
                .append("<meta property=\"og:site_name\" content=\"").append(Site.NAME).append("\">\n")
                .append("<meta property=\"og:title\" content=\"").append(esc(s.name())).append("\">\n")
                .append("<meta property=\"og:description\" content=\"").append(esc(description)).append("\">\n")
                .append("<meta property=\"og:url\" content=\"").append(esc(canonical)).append("\">\n");
        String image = s.previewPath() != null ? s.previewPath() : s.thumbnailPath();
        if (image != null) {
            head.append("<meta property=\"og:image\" content=\"").append(esc(v.site.baseUrl() + image)).append("\">\n");
        }
        String embed = v.site.baseUrl() + "/videos/embed/" + s.uuid();
        head.append("<meta property=\"og:video:url\" content=\"").append(esc(embed)).append("\">\n")
                .append("<meta property=\"og:video:type\" content=\"text/html\">\n")
                .append("<meta property=\"og:video:width\" content=\"1280\">\n")
                .append("<meta property=\"og:video:height\" content=\"720\">\n")
                .append("<meta name=\"twitter:card\" content=\"player\">\n")
                .append("<meta name=\"twitter:player\" content=\"").append(esc(embed)).append("\">\n")
                .append("<meta name=\"twitter:player:width\" content=\"1280\">\n")
                .append("<meta name=\"twitter:player:height\" content=\"720\">\n")
                .append("<script type=\"module\" src=\"").append(v.site.assets().base()).append("player.js\"></script>\n");
        return Layout.page(v, s.name(), head.toString(), main.toString());
    }

    /** The player: the web-video file in a {@code <video>}; the script moves it to HLS when there is a playlist. */
    static void player(Visit v, VideoDetails video, StringBuilder out, boolean autoplay) {
        VideoSummary s = video.summary();
        out.append("<div class=\"player\"><video id=\"player\" controls playsinline preload=\"metadata\"");
        String poster = s.previewPath() != null ? s.previewPath() : s.thumbnailPath();
        if (poster != null) {
            out.append(" poster=\"").append(esc(poster)).append('"');
        }
        if (video.hlsPlaylistUrl() != null) {
            out.append(" data-hls=\"").append(esc(video.hlsPlaylistUrl())).append('"');
        }
        if (autoplay) {
            out.append(" data-embed");
        }
        out.append(" aria-label=\"").append(esc(s.name())).append("\">");
        // The smallest file first would start faster; the largest up to 720p is a fair default for a page.
        VideoFileLink file = pickFile(video.files());
        if (file != null) {
            out.append("<source src=\"").append(esc(file.fileUrl())).append("\" type=\"")
                    .append(mediaType(file.fileUrl())).append("\">");
        }
        out.append("<p>").append(esc(v.messages.get("watch.noVideo"))).append("</p></video></div>\n");
    }

    /** The media type of a web-video file, from its extension (uploads keep theirs until transcoded). */
    static String mediaType(String url) {
        String lower = url.toLowerCase(java.util.Locale.ROOT);
        if (lower.endsWith(".webm")) {
            return "video/webm";
        }
        if (lower.endsWith(".ogv") || lower.endsWith(".ogg")) {
            return "video/ogg";
        }
        if (lower.endsWith(".mp3") || lower.endsWith(".m4a")) {
            return lower.endsWith(".mp3") ? "audio/mpeg" : "audio/mp4";
        }
        return "video/mp4";
    }

    static VideoFileLink pickFile(List<VideoFileLink> files) {
        VideoFileLink best = null;
        for (VideoFileLink file : files) {
            if (file.resolution() <= 720 && (best == null || file.resolution() > best.resolution())) {
                best = file;
            }
        }
        if (best == null && !files.isEmpty()) {
            best = files.get(files.size() - 1);
        }
        return best;
    }

    private static void downloads(Visit v, VideoDetails video, StringBuilder out) {
        Messages m = v.messages;
        out.append("<details class=\"downloads\"><summary>").append(esc(m.get("watch.download")))
                .append("</summary><ul>");
        for (VideoFileLink file : video.files()) {
            out.append("<li><a href=\"").append(esc(file.fileDownloadUrl())).append("\" download>")
                    .append(esc(m.format("watch.downloadFile", "resolution", file.label(), "size",
                            m.size(file.size())))).append("</a>");
            if (file.torrentDownloadUrl() != null) {
                out.append(" · <a href=\"").append(esc(file.torrentDownloadUrl())).append("\">")
                        .append(esc(m.get("watch.torrent"))).append("</a>");
            }
            if (file.magnetUri() != null) {
                out.append(" · <a href=\"").append(esc(file.magnetUri())).append("\">")
                        .append(esc(m.get("watch.magnet"))).append("</a>");
            }
            out.append("</li>");
        }
        out.append("</ul></details>\n");
    }

    private static void comments(Visit v, VideoDetails video, List<Comment> comments, StringBuilder out) {
        Messages m = v.messages;
        out.append("<section class=\"comments\" aria-labelledby=\"comments-title\"><h2 id=\"comments-title\">");
        if (!video.commentsEnabled()) {
            out.append(esc(m.get("comments.title"))).append("</h2><p class=\"muted\">")
                    .append(esc(m.get("comments.disabled"))).append("</p></section>\n");
            return;
        }
        out.append(esc(m.get("comments.title"))).append("</h2>");
        if (comments.isEmpty()) {
            out.append("<p class=\"muted\">").append(esc(m.get("comments.none"))).append("</p></section>\n");
            return;
        }
        Instant now = Instant.now();
        out.append("<ol class=\"comment-list\">");
        for (Comment comment : comments) {
            out.append("<li class=\"comment\"><p class=\"comment-head\">");
            if (comment.author() != null) {
                avatar(comment.author(), out);
                out.append("<a href=\"/a/").append(esc(comment.author().handle())).append("\">")
                        .append(esc(comment.author().displayName())).append("</a>");
            }
            out.append(" <time class=\"muted\" datetime=\"").append(iso(comment.createdAt())).append("\">")
                    .append(esc(m.age(comment.createdAt(), now))).append("</time></p>");
            if (comment.author() == null) {
                out.append("<p class=\"muted\">").append(esc(m.get("comments.deleted"))).append("</p>");
            } else {
                out.append("<div class=\"comment-text\">").append(comment.html()).append("</div>");
            }
            if (comment.replies() > 0) {
                out.append("<p class=\"muted\">").append(esc(m.plural("comments.replies", comment.replies())))
                        .append("</p>");
            }
            out.append("</li>");
        }
        out.append("</ol></section>\n");
    }

    static String embed(Visit v, VideoDetails video) {
        VideoSummary s = video.summary();
        StringBuilder out = new StringBuilder(4096);
        out.append("<!doctype html>\n<html lang=\"").append(esc(v.language.tag())).append("\" class=\"embed\">\n")
                .append("<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(esc(s.name())).append(" - ").append(Site.NAME).append("</title>\n")
                .append("<link rel=\"stylesheet\" href=\"").append(v.site.assets().base()).append("app.css\">\n")
                .append("<link rel=\"canonical\" href=\"").append(esc(v.site.baseUrl() + "/w/" + s.shortUuid()))
                .append("\">\n<meta name=\"robots\" content=\"noindex\">\n")
                .append("<script type=\"module\" src=\"").append(v.site.assets().base()).append("player.js\"></script>\n")
                .append("</head>\n<body class=\"embed\">\n");
        player(v, video, out, true);
        out.append("<a class=\"embed-title\" href=\"").append(esc(v.site.baseUrl() + "/w/" + s.shortUuid()))
                .append("\" target=\"_blank\" rel=\"noopener\">")
                .append(esc(v.messages.format("embed.watchOn", "title", s.name(), "site", Site.NAME)))
                .append("</a>\n</body>\n</html>\n");
        return out.toString();
    }

    static String channel(Visit v, ChannelInfo channel, VideoPage page, int pageNumber) {
        Messages m = v.messages;
        String path = "/c/" + channel.actor().handle();
        StringBuilder main = new StringBuilder(16384);
        main.append("<header class=\"profile\">");
        avatar(channel.actor(), main);
        main.append("<div><h1>").append(esc(channel.actor().displayName())).append("</h1><p class=\"muted\">")
                .append(esc(channel.actor().name() + "@" + channel.actor().host())).append(" · ")
                .append("<a href=\"/a/").append(esc(channel.owner().handle())).append("\">")
                .append(esc(m.format("channel.owner", "name", channel.owner().displayName()))).append("</a></p>");
        if (channel.description() != null && !channel.description().isBlank()) {
            main.append("<p class=\"profile-text\">").append(esc(channel.description())).append("</p>");
        }
        main.append("</div></header>\n<h2>").append(esc(m.get("channel.videos"))).append("</h2>\n");
        grid(v, page, main);
        pager(v, path, page, pageNumber, main);
        String head = "<link rel=\"canonical\" href=\"" + esc(v.site.baseUrl() + path) + "\">\n"
                + "<meta property=\"og:title\" content=\"" + esc(channel.actor().displayName()) + "\">\n"
                + "<meta property=\"og:type\" content=\"website\">\n" + pageLinks(path, page, pageNumber);
        return Layout.page(v, channel.actor().displayName(), head, main.toString());
    }

    static String account(Visit v, AccountInfo account, VideoPage page, int pageNumber) {
        Messages m = v.messages;
        String path = "/a/" + account.actor().handle();
        StringBuilder main = new StringBuilder(16384);
        main.append("<header class=\"profile\">");
        avatar(account.actor(), main);
        main.append("<div><h1>").append(esc(account.actor().displayName())).append("</h1><p class=\"muted\">")
                .append(esc(account.actor().name() + "@" + account.actor().host())).append("</p>");
        if (account.description() != null && !account.description().isBlank()) {
            main.append("<p class=\"profile-text\">").append(esc(account.description())).append("</p>");
        }
        main.append("</div></header>\n<h2>").append(esc(m.get("channel.videos"))).append("</h2>\n");
        grid(v, page, main);
        pager(v, path, page, pageNumber, main);
        String head = "<link rel=\"canonical\" href=\"" + esc(v.site.baseUrl() + path) + "\">\n"
                + "<meta property=\"og:title\" content=\"" + esc(account.actor().displayName()) + "\">\n"
                + "<meta property=\"og:type\" content=\"profile\">\n" + pageLinks(path, page, pageNumber);
        return Layout.page(v, account.actor().displayName(), head, main.toString());
    }

    /**
     * @param errorKey the message key of the error to show, or {@code null}
     * @param askOtp whether to show the two-factor code field
     */
    static String login(Visit v, String back, String username, String errorKey, boolean askOtp) {
        Messages m = v.messages;
        StringBuilder main = new StringBuilder(2048);
        main.append("<div class=\"narrow\"><h1>").append(esc(m.get("login.title"))).append("</h1>\n");
        if (errorKey != null) {
            main.append("<p class=\"error\" role=\"alert\" id=\"login-error\">").append(esc(m.get(errorKey)))
                    .append("</p>\n");
        }
        main.append("<form id=\"login-form\" class=\"stack\" method=\"post\" action=\"/login\"")
                .append(errorKey != null ? " aria-describedby=\"login-error\"" : "").append(">")
                .append("<input type=\"hidden\" name=\"csrf\" value=\"").append(v.csrf()).append("\">")
                .append("<input type=\"hidden\" name=\"back\" value=\"").append(esc(back)).append("\">")
                .append("<label for=\"username\">").append(esc(m.get("login.username"))).append("</label>")
                .append("<input id=\"username\" name=\"username\" autocomplete=\"username\" required value=\"")
                .append(esc(username)).append("\"").append(askOtp ? "" : " autofocus").append('>')
                .append("<label for=\"password\">").append(esc(m.get("login.password"))).append("</label>")
                .append("<input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" ")
                .append("required>");
        if (askOtp) {
            main.append("<label for=\"otp\">").append(esc(m.get("login.otp"))).append("</label>")
                    .append("<input id=\"otp\" name=\"otp\" inputmode=\"numeric\" autocomplete=\"one-time-code\" ")
                    .append("required autofocus>");
        }
        main.append("<button class=\"btn primary\" type=\"submit\">").append(esc(m.get("login.submit")))
                .append("</button></form></div>\n");
        return Layout.page(v, m.get("login.title"), "<meta name=\"robots\" content=\"noindex\">\n", main.toString());
    }

    static String notFound(Visit v) {
        Messages m = v.messages;
        String main = "<div class=\"narrow\"><h1>" + esc(m.get("notFound.title")) + "</h1><p>"
                + esc(m.get("notFound.text")) + "</p><p><a href=\"/\">" + esc(m.get("nav.home")) + "</a></p></div>\n";
        return Layout.page(v, m.get("notFound.title"), "<meta name=\"robots\" content=\"noindex\">\n", main);
    }

    /**
     * @param titleKey the message key of the page's title
     * @param param the query parameter that was not valid, or {@code null}
     */
    static String error(Visit v, String titleKey, String param) {
        Messages m = v.messages;
        StringBuilder main = new StringBuilder(512);
        main.append("<div class=\"narrow\"><h1>").append(esc(m.get(titleKey))).append("</h1>");
        if (param != null) {
            main.append("<p>").append(esc(m.format("badRequest.param", "name", param))).append("</p>");
        }
        main.append("<p><a href=\"/\">").append(esc(m.get("nav.home"))).append("</a></p></div>\n");
        return Layout.page(v, m.get(titleKey), "<meta name=\"robots\" content=\"noindex\">\n", main.toString());
    }

    private static void avatar(ActorSummary actor, StringBuilder out) {
        if (actor.avatarPath() != null) {
            out.append("<img class=\"avatar\" src=\"").append(esc(actor.avatarPath()))
                    .append("\" alt=\"\" width=\"40\" height=\"40\" loading=\"lazy\">");
        } else {
            out.append("<span class=\"avatar\" aria-hidden=\"true\">")
                    .append(esc(actor.displayName().isEmpty() ? "?" : actor.displayName().substring(0,
                            Character.charCount(actor.displayName().codePointAt(0)))))
                    .append("</span>");
        }
    }

    private static void fact(String label, String value, StringBuilder out) {
        if (value != null && !value.isBlank()) {
            out.append("<div><dt>").append(esc(label)).append("</dt><dd>").append(esc(value)).append("</dd></div>");
        }
    }

    /** @return {@code h:mm:ss} or {@code m:ss} */
    static String duration(int seconds) {
        int h = seconds / 3600;
        int min = seconds % 3600 / 60;
        int sec = seconds % 60;
        return h > 0 ? String.format("%d:%02d:%02d", h, min, sec) : String.format("%d:%02d", min, sec);
    }

    static String iso(Instant instant) {
        return instant == null ? "" : DateTimeFormatter.ISO_INSTANT.format(instant);
    }

    /** The description's first words as plain text, for meta tags. */
    static String plain(String markdown) {
        if (markdown == null) {
            return "";
        }
        String text = markdown.replaceAll("[*_`#>\\[\\]]", "").replaceAll("\\s+", " ").strip();
        return text.length() <= SHORT_DESCRIPTION ? text : text.substring(0, SHORT_DESCRIPTION - 1) + "…";
    }
}
