package org.bobine.catalog.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.bobine.persistence.api.TransactionService;
import org.bobine.storage.api.FileStore;
import org.bobine.storage.api.StoredFile;
import org.bobine.web.api.ApiUser;
import org.bobine.web.api.Authenticator;
import org.bobine.web.api.UserRight;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * Serves the web-video files of local videos, as PeerTube: {@code /static/web-videos/{file}} for public and unlisted
 * videos, {@code /static/web-videos/private/{file}} for private, internal and password-protected ones, and
 * {@code /download/web-videos/{file}} for both.
 *
 * <p>Single byte ranges are answered with 206 ({@code Accept-Ranges: bytes}; an unsatisfiable range with 416;
 * several ranges with the whole file, which HTTP allows), so that players seek and BitTorrent clients use the files
 * as web seeds. Names are random and never reused: public files are cached for a year as immutable; private ones are
 * checked on every request. A private file needs what {@link #mayRead(Authenticator, TransactionService,
 * HttpServletRequest, long, int, Long)} accepts (a bearer token, a video file token, a password): 403 otherwise, as
 * PeerTube. A file under the wrong path
 * for its video's privacy is not found. The web bundle's CORS filter opens {@code /static/*} and
 * {@code /download/*} to other origins.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern({"/static/web-videos/*", "/download/web-videos/*"})
public class VideoFilesServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final String PUBLIC_CACHE = "public, max-age=31536000, immutable";
    static final String PRIVATE_CACHE = "private, no-cache";
    private static final Pattern NAME = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
            + "-[0-9]{1,5}\\.[a-z0-9]{1,10}");
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d{0,18})-(\\d{0,18})");
    private static final Map<String, String> TYPES = Map.of(".mp4", "video/mp4", ".webm", "video/webm", ".ogv",
            "video/ogg", ".ogg", "video/ogg");

    /** What the database says of a file. */
    record FileInfo(String storageKey, String extension, long videoId, int privacy, Long ownerUserId) {
    }

    private final transient TransactionService transactions;
    private final transient FileStore store;
    private final transient Authenticator authenticator;

    @Activate
    public VideoFilesServlet(@Reference Videos videos, @Reference FileStore store,
            @Reference Authenticator authenticator) {
        this.transactions = videos.transactions();
        this.store = store;
        this.authenticator = authenticator;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        serve(request, response, true);
    }

    @Override
    protected void doHead(HttpServletRequest request, HttpServletResponse response) throws IOException {
        serve(request, response, false);
    }

    private void serve(HttpServletRequest request, HttpServletResponse response, boolean withBody)
            throws IOException {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo().substring(1);
        boolean download = "/download/web-videos".equals(request.getServletPath());
        boolean privatePath = !download && path.startsWith("private/");
        String name = privatePath ? path.substring("private/".length()) : path;
        Optional<FileInfo> info = NAME.matcher(name).matches() ? find(name) : Optional.empty();
        if (info.isEmpty()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        boolean hidden = isHidden(info.get().privacy());
        if (!download && hidden != privatePath) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        if (hidden && !mayRead(authenticator, transactions, request, info.get().videoId(), info.get().privacy(),
                info.get().ownerUserId())) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN, "Cannot access this video file");
            return;
        }
        Optional<StoredFile> found = store.find(Videos.WEB_VIDEOS, info.get().storageKey());
        if (found.isEmpty()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        send(request, response, found.get(), name, TYPES.getOrDefault(info.get().extension(),
                "application/octet-stream"), hidden, download, withBody);
    }

    /**
     * Answers with a stored file whose name is never reused: caching, {@code ETag} (the name), one byte range.
     *
     * @param hidden whether the file is a private video's (revalidated on every request rather than cached)
     * @param download whether to send it as an attachment
     */
    static void send(HttpServletRequest request, HttpServletResponse response, StoredFile file, String name,
            String contentType, boolean hidden, boolean download, boolean withBody) throws IOException {
        String etag = "\"" + name + "\"";
        response.setHeader("Accept-Ranges", "bytes");
        response.setHeader("Cache-Control", hidden ? PRIVATE_CACHE : PUBLIC_CACHE);
        response.setHeader("ETag", etag);
        response.setDateHeader("Last-Modified", file.lastModified().toEpochMilli());
        if (download) {
            response.setHeader("Content-Disposition", "attachment; filename=\"" + name + "\"");
        }
        String ifNoneMatch = request.getHeader("If-None-Match");
        if (ifNoneMatch != null && (ifNoneMatch.contains(etag) || ifNoneMatch.trim().equals("*"))) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        response.setContentType(contentType);
        long size = file.size();
        long[] range = range(request.getHeader("Range"), size);
        if (range == null) {
            // Not sendError, which drops the Content-Range that says how large the file is.
            response.setStatus(HttpServletResponse.SC_REQUESTED_RANGE_NOT_SATISFIABLE);
            response.setHeader("Content-Range", "bytes */" + size);
            response.setContentLength(0);
            return;
        }
        long first = range[0];
        long length = range[1] - range[0] + 1;
        if (range.length == 3) {
            response.setStatus(HttpServletResponse.SC_PARTIAL_CONTENT);
            response.setHeader("Content-Range", "bytes " + range[0] + "-" + range[1] + "/" + size);
        }
        response.setContentLengthLong(length);
        if (!withBody || length == 0) {
            return;
        }
        try (InputStream in = file.open(); OutputStream out = response.getOutputStream()) {
            in.skipNBytes(first);
            byte[] buffer = new byte[64 * 1024];
            long left = length;
            while (left > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    break;
                }
                out.write(buffer, 0, n);
                left -= n;
            }
        }
    }

    /**
     * Reads a {@code Range} header.
     *
     * @return {@code {0, size - 1}} for the whole file (no header, or one this server does not handle, such as
     *         several ranges), {@code {first, last, 206}} for one satisfiable range, {@code null} for an
     *         unsatisfiable one (416)
     */
    static long[] range(String header, long size) {
        long[] whole = {0, size - 1};
        if (header == null) {
            return whole;
        }
        Matcher m = RANGE.matcher(header.trim());
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            return whole;
        }
        long first;
        long last;
        if (m.group(1).isEmpty()) {
            long suffix = Long.parseLong(m.group(2));
            if (suffix == 0) {
                return null;
            }
            first = Math.max(0, size - suffix);
            last = size - 1;
        } else {
            first = Long.parseLong(m.group(1));
            last = m.group(2).isEmpty() ? size - 1 : Math.min(Long.parseLong(m.group(2)), size - 1);
        }
        if (first >= size || last < first) {
            return null;
        }
        return new long[] {first, last, 206};
    }

    static boolean isHidden(int privacy) {
        return privacy != VideoConstants.PUBLIC && privacy != VideoConstants.UNLISTED;
    }


    /**
     * Whether the bearer token of a request may read a file of a video that is not public: its owner, holders of
     * {@code SEE_ALL_VIDEOS} (not for password-protected videos), any user for an internal video.
     */
    static boolean mayRead(Authenticator authenticator, int privacy, Long ownerUserId, String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        Optional<ApiUser> user = authenticator.authenticate(authorization.substring(7).trim());
        if (user.isEmpty()) {
            return false;
        }
        return user.get().id() == (ownerUserId == null ? -1 : ownerUserId)
                || privacy == VideoConstants.INTERNAL
                || (privacy != VideoConstants.PASSWORD_PROTECTED
                        && UserRight.SEE_ALL_VIDEOS.grantedTo(user.get().role()));
    }

    /**
     * Whether a request may read a file of a video that is not public: a bearer token of its owner, of a holder of
     * {@code SEE_ALL_VIDEOS} (not for password-protected videos) or of any user for an internal video; a valid
     * {@code videoFileToken} of the video ({@link VideoFileTokens}); or, for a password-protected video, one of its
     * passwords in {@code x-peertube-video-password}.
     */
    static boolean mayRead(Authenticator authenticator, TransactionService transactions, HttpServletRequest request,
            long videoId, int privacy, Long ownerUserId) {
        if (mayRead(authenticator, privacy, ownerUserId, request.getHeader("Authorization"))) {
            return true;
        }
        String token = request.getParameter(VideoFileTokens.PARAMETER);
        String password = privacy == VideoConstants.PASSWORD_PROTECTED ? request.getHeader(VideoPassword.HEADER)
                : null;
        if (token == null && password == null) {
            return false;
        }
        return transactions.read(em -> (token != null && VideoFileTokens.opens(em, videoId, token))
                || (password != null && VideoPassword.matches(em, videoId, password)));
    }

    private Optional<FileInfo> find(String name) {
        return transactions.read(em -> em.createQuery("select f.storageKey, f.extension, v.id, v.privacy, a.userId "
                + "from VideoFile f join f.video v join v.channel c join c.account a where f.filename = :name "
                + "and f.storageKey is not null", Object[].class).setParameter("name", name).getResultStream()
                .findFirst().map(row -> new FileInfo((String) row[0], (String) row[1], ((Number) row[2]).longValue(),
                        ((Number) row[3]).intValue(), row[4] == null ? null : ((Number) row[4]).longValue())));
    }
}
