package org.bobine.ui.internal;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.bobine.web.api.ApiUser;

/**
 * One request to a page, as the pages see it: who asks (the session cookie), in which language, with which
 * colour scheme and player layout, and the token that its forms carry against cross-site requests.
 *
 * <p>Cookies: {@value #SESSION} holds the OAuth access token of a logged-in user (HttpOnly, SameSite=Lax);
 * {@value #CSRF} a random token that every form repeats in a hidden field (HttpOnly, SameSite=Lax: another site
 * can neither read it nor make a browser send it with a cross-site POST); {@value #LANGUAGE}, {@value #SCHEME}
 * and {@value #THEATER} the visitor's choices, which the pages' script may set too.
 */
final class Visit {

    static final String SESSION = "bobine_session";
    static final String CSRF = "bobine_csrf";
    static final String LANGUAGE = "bobine_lang";
    static final String SCHEME = "bobine_scheme";
    static final String THEATER = "bobine_theater";
    /** A year, for the visitor's choices. */
    static final int CHOICE_AGE = 365 * 24 * 3600;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern TOKEN = Pattern.compile("[0-9a-f]{32}");

    final HttpServletRequest request;
    final HttpServletResponse response;
    final Site site;
    final Languages.Language language;
    final Messages messages;
    final Optional<ApiUser> user;
    final String accessToken;
    /** {@code light}, {@code dark}, or {@code null} to follow the system. */
    final String scheme;
    final boolean theater;
    private String csrf;

    Visit(Site site, HttpServletRequest request, HttpServletResponse response) {
        this.site = site;
        this.request = request;
        this.response = response;
        this.language = Languages.negotiate(cookie(request, LANGUAGE), request.getHeader("Accept-Language"));
        this.messages = site.messages(language);
        this.accessToken = cookie(request, SESSION);
        this.user = site.user(accessToken);
        String s = cookie(request, SCHEME);
        this.scheme = "dark".equals(s) || "light".equals(s) ? s : null;
        this.theater = "1".equals(cookie(request, THEATER));
        String c = cookie(request, CSRF);
        this.csrf = c != null && TOKEN.matcher(c).matches() ? c : null;
    }

    /** @return the CSRF token of the visitor's forms, made (and its cookie set) on first use */
    String csrf() {
        if (csrf == null) {
            byte[] bytes = new byte[16];
            RANDOM.nextBytes(bytes);
            csrf = HexFormat.of().formatHex(bytes);
            setCookie(CSRF, csrf, -1, true);
        }
        return csrf;
    }

    /** @return whether a form's token matches the visitor's cookie */
    boolean csrfMatches(String submitted) {
        String expected = cookie(request, CSRF);
        return expected != null && submitted != null && TOKEN.matcher(expected).matches()
                && MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                        submitted.getBytes(StandardCharsets.US_ASCII));
    }

    boolean secure() {
        return request.isSecure() || site.baseUrl().startsWith("https:");
    }

    /**
     * Sets a cookie on the whole site, SameSite=Lax, Secure over HTTPS.
     *
     * @param maxAge seconds, 0 to delete it, -1 for the browser's session
     */
    void setCookie(String name, String value, int maxAge, boolean httpOnly) {
        Cookie cookie = new Cookie(name, value);
        cookie.setPath("/");
        cookie.setMaxAge(maxAge);
        cookie.setHttpOnly(httpOnly);
        cookie.setSecure(secure());
        cookie.setAttribute("SameSite", "Lax");
        response.addCookie(cookie);
    }

    static String cookie(HttpServletRequest request, String name) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        for (Cookie cookie : cookies) {
            if (cookie.getName().equals(name)) {
                return cookie.getValue();
            }
        }
        return null;
    }

    /** @return a path of this site to go back to: a local absolute path, else {@code /} */
    static String safeReturnPath(String path) {
        if (path == null || !path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\")
                || path.length() > 2000 || path.chars().anyMatch(c -> c < 0x21 || c == 0x7f)) {
            return "/";
        }
        return path;
    }
}
