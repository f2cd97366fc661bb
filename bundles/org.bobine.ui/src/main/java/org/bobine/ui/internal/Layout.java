package org.bobine.ui.internal;

import static org.bobine.ui.internal.Html.esc;

/**
 * The frame of every page: the head (style sheets of the pages and of the active theme, no inline script or
 * style, so that the Content-Security-Policy can forbid both), the header with the navigation, the night mode
 * and language switchers and the session, and the footer.
 *
 * <p>No flash of the wrong theme: the colour scheme is decided before anything is drawn, by the server (the
 * {@code data-scheme} attribute from the visitor's cookie) or by the style sheet itself (a
 * {@code prefers-color-scheme} media query when the visitor has not chosen).
 */
final class Layout {

    private Layout() {
    }

    /**
     * @param title the page's title, without the site's name
     * @param head extra elements of the head (canonical link, OpenGraph), already escaped
     * @param main the content of {@code <main>}, already escaped
     */
    static String page(Visit v, String title, String head, String main) {
        Messages m = v.messages;
        String base = v.site.assets().base();
        StringBuilder out = new StringBuilder(8192 + main.length());
        out.append("<!doctype html>\n<html lang=\"").append(esc(v.language.tag())).append('"');
        if (v.scheme != null) {
            out.append(" data-scheme=\"").append(v.scheme).append('"');
        }
        out.append(">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta name=\"color-scheme\" content=\"").append(v.scheme == null ? "light dark" : v.scheme)
                .append("\">\n<title>").append(esc(title)).append(" - ").append(Site.NAME).append("</title>\n")
                .append("<link rel=\"stylesheet\" href=\"").append(base).append("app.css\">\n");
        for (String sheet : v.site.themeStyleSheets()) {
            out.append("<link rel=\"stylesheet\" href=\"").append(esc(sheet)).append("\">\n");
        }
        out.append("<link rel=\"icon\" href=\"").append(base).append("icon.svg\" type=\"image/svg+xml\">\n")
                .append("<link rel=\"manifest\" href=\"/manifest.webmanifest\">\n")
                .append(head)
                .append("<script type=\"module\" src=\"").append(base).append("app.js\"></script>\n")
                .append("</head>\n<body").append(v.theater ? " class=\"theater\"" : "").append(">\n")
                .append("<a class=\"skip\" href=\"#main\">").append(esc(m.get("site.skip"))).append("</a>\n")
                .append("<header class=\"top\">\n<a class=\"brand\" href=\"/\">").append(Site.NAME).append("</a>\n")
                .append("<nav class=\"menu\" aria-label=\"").append(esc(m.get("nav.main"))).append("\"><ul>")
                .append(navItem(v, "/videos/recently-added", "nav.recent"))
                .append(navItem(v, "/videos/trending", "nav.trending"))
                .append(navItem(v, "/videos/local", "nav.local"))
                .append("</ul></nav>\n<div class=\"tools\">\n");
        schemeSwitch(v, out);
        languageSwitch(v, out);
        session(v, out);
        out.append("</div>\n</header>\n<main id=\"main\" tabindex=\"-1\">\n").append(main)
                .append("</main>\n<footer class=\"bottom\"><p>").append(esc(m.get("footer.powered")))
                .append("</p></footer>\n</body>\n</html>\n");
        return out.toString();
    }

    private static String navItem(Visit v, String path, String key) {
        boolean current = path.equals(v.request.getRequestURI())
                || (path.equals("/videos/recently-added") && "/".equals(v.request.getRequestURI()));
        return "<li><a href=\"" + path + "\"" + (current ? " aria-current=\"page\"" : "") + ">"
                + esc(v.messages.get(key)) + "</a></li>";
    }

    /** The hidden fields of a preferences form: where to come back to, and the CSRF token. */
    static String returnFields(Visit v) {
        return "<input type=\"hidden\" name=\"back\" value=\"" + esc(currentPath(v)) + "\">"
                + "<input type=\"hidden\" name=\"csrf\" value=\"" + v.csrf() + "\">";
    }

    static String currentPath(Visit v) {
        String query = v.request.getQueryString();
        return v.request.getRequestURI() + (query == null ? "" : "?" + query);
    }

    private static void schemeSwitch(Visit v, StringBuilder out) {
        // Without a choice the server cannot know the system's scheme: the button offers night mode, and the
        // script corrects it from prefers-color-scheme.
        boolean dark = "dark".equals(v.scheme);
        out.append("<form class=\"inline\" method=\"post\" action=\"/preferences\">").append(returnFields(v))
                .append("<button class=\"btn\" type=\"submit\" name=\"scheme\" value=\"").append(dark ? "light" : "dark")
                .append("\" data-toggle=\"scheme\" data-label-dark=\"").append(esc(v.messages.get("scheme.dark")))
                .append("\" data-label-light=\"").append(esc(v.messages.get("scheme.light"))).append("\">")
                .append(esc(v.messages.get(dark ? "scheme.light" : "scheme.dark"))).append("</button></form>\n");
    }

    private static void languageSwitch(Visit v, StringBuilder out) {
        out.append("<form class=\"inline lang\" method=\"post\" action=\"/preferences\">").append(returnFields(v))
                .append("<label for=\"lang\">").append(esc(v.messages.get("language.label"))).append("</label> ")
                .append("<select id=\"lang\" name=\"lang\" data-autosubmit>");
        for (Languages.Language language : Languages.ALL) {
            out.append("<option value=\"").append(language.tag()).append("\" lang=\"").append(language.tag())
                    .append('"').append(language == v.language ? " selected" : "").append('>')
                    .append(esc(language.name())).append("</option>");
        }
        out.append("</select> <button class=\"btn\" type=\"submit\">").append(esc(v.messages.get("language.change")))
                .append("</button></form>\n");
    }

    private static void session(Visit v, StringBuilder out) {
        if (v.user.isPresent()) {
            out.append("<form class=\"inline\" method=\"post\" action=\"/logout\">")
                    .append("<input type=\"hidden\" name=\"csrf\" value=\"").append(v.csrf()).append("\">")
                    .append("<span class=\"who\">")
                    .append(esc(v.messages.format("user.loggedIn", "name", v.user.get().username())))
                    .append("</span> <button class=\"btn\" type=\"submit\">").append(esc(v.messages.get("logout")))
                    .append("</button></form>\n");
        } else {
            out.append("<a class=\"btn primary\" href=\"/login?back=")
                    .append(esc(java.net.URLEncoder.encode(currentPath(v), java.nio.charset.StandardCharsets.UTF_8)))
                    .append("\">").append(esc(v.messages.get("login.link"))).append("</a>\n");
        }
    }
}
