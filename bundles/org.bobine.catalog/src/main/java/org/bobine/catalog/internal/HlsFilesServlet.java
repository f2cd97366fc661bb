package org.bobine.catalog.internal;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.bobine.persistence.api.TransactionService;
import org.bobine.storage.api.FileStore;
import org.bobine.storage.api.StoredFile;
import org.bobine.transcoding.api.TranscodingSources;
import org.bobine.web.api.Authenticator;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * Serves the HLS playlists of local videos, as PeerTube: {@code /static/streaming-playlists/hls/{uuid}/{file}} for
 * public and unlisted videos, {@code /static/streaming-playlists/hls/private/{uuid}/{file}} for the others (with
 * the access rules of {@link VideoFilesServlet}), and the fragmented MP4s as attachments at
 * {@code /download/streaming-playlists/hls/videos/{file}}. The files are the master playlist, the segments' hashes,
 * and each resolution's byte-range playlist and fragmented MP4 (served with single byte ranges, which is how players
 * read segments). Every name is random per transcoding, so public files are cached as immutable.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern({"/static/streaming-playlists/hls/*", "/download/streaming-playlists/hls/videos/*"})
public class HlsFilesServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Pattern UUID_TEXT = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern NAME = Pattern.compile(UUID_TEXT.pattern()
            + "-([0-9]{1,5}(-fragmented\\.mp4|\\.m3u8)|master\\.m3u8|segments-sha256\\.json)");

    /** What the database says of a file of a playlist. */
    record PlaylistFile(UUID video, long videoId, int privacy, Long ownerUserId) {
    }

    private final transient TransactionService transactions;
    private final transient FileStore store;
    private final transient Authenticator authenticator;

    @Activate
    public HlsFilesServlet(@Reference Videos videos, @Reference FileStore store,
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
        boolean download = "/download/streaming-playlists/hls/videos".equals(request.getServletPath());
        boolean privatePath = !download && path.startsWith("private/");
        String rest = privatePath ? path.substring("private/".length()) : path;
        String folder = null;
        String name = rest;
        if (!download) {
            int slash = rest.indexOf('/');
            if (slash < 0) {
                response.sendError(HttpServletResponse.SC_NOT_FOUND);
                return;
            }
            folder = rest.substring(0, slash);
            name = rest.substring(slash + 1);
        }
        Optional<PlaylistFile> info = NAME.matcher(name).matches() && (download ? name.endsWith("-fragmented.mp4")
                : UUID_TEXT.matcher(folder).matches()) ? find(folder, name) : Optional.empty();
        if (info.isEmpty()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        boolean hidden = VideoFilesServlet.isHidden(info.get().privacy());
        if (!download && hidden != privatePath) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        if (hidden && !VideoFilesServlet.mayRead(authenticator, transactions, request, info.get().videoId(),
                info.get().privacy(), info.get().ownerUserId())) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN, "Cannot access this video file");
            return;
        }
        Optional<StoredFile> found = store.find(TranscodingSources.STREAMING_PLAYLISTS, info.get().video() + "/"
                + name);
        if (found.isEmpty()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        VideoFilesServlet.send(request, response, found.get(), name, contentType(name), hidden, download, withBody);
    }

    static String contentType(String name) {
        if (name.endsWith(".m3u8")) {
            return "application/vnd.apple.mpegurl";
        }
        return name.endsWith(".json") ? "application/json" : "video/mp4";
    }

    /** The video of a file of its playlist, when the file is one of its playlist's; one query. */
    private Optional<PlaylistFile> find(String folder, String name) {
        return transactions.read(em -> {
            List<Object[]> rows;
            if (folder == null) {
                rows = em.createQuery("select v.uuid, v.id, v.privacy, a.userId from VideoFile f join f.video v "
                        + "join v.channel c join c.account a where f.filename = :name and f.playlist is not null",
                        Object[].class).setParameter("name", name).getResultList();
            } else {
                rows = em.createQuery("select v.uuid, v.id, v.privacy, a.userId from VideoStreamingPlaylist p, Video v "
                        + "join v.channel c join c.account a where p.videoId = v.id and v.uuid = :uuid and ("
                        + "p.masterFilename = :name or p.segmentsSha256Filename = :name or exists (select f.id "
                        + "from VideoFile f where f.playlist = p and (f.filename = :name "
                        + "or f.playlistFilename = :name)))", Object[].class)
                        .setParameter("uuid", UUID.fromString(folder)).setParameter("name", name).getResultList();
            }
            return rows.stream().findFirst().map(row -> new PlaylistFile((UUID) row[0], ((Number) row[1]).longValue(),
                    ((Number) row[2]).intValue(), row[3] == null ? null : ((Number) row[3]).longValue()));
        });
    }
}
