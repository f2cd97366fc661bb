package org.bobine.p2p.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.bobine.p2p.api.P2pLinks;
import org.bobine.storage.api.FileStore;
import org.bobine.storage.api.StoredFile;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * Serves torrents at PeerTube's {@code /lazy-static/torrents/{name}} ({@code application/x-bittorrent}) and
 * {@code /download/torrents/{name}} (the same, as an attachment). A torrent's name is random and a new torrent
 * gets a new name, so they are cached for a year as immutable. Only names this bundle writes are looked up.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern({"/lazy-static/torrents/*", "/download/torrents/*"})
public class TorrentFilesServlet extends HttpServlet {

    static final String CONTENT_TYPE = "application/x-bittorrent";
    private static final long serialVersionUID = 1L;
    private static final Pattern NAME = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}-\\d{1,5}(-hls)?\\.torrent");

    private final transient FileStore store;

    @Activate
    public TorrentFilesServlet(@Reference FileStore store) {
        this.store = store;
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
        String pathInfo = request.getPathInfo();
        Matcher name = NAME.matcher(pathInfo == null ? "" : pathInfo.substring(1));
        Optional<StoredFile> found = name.matches() ? store.find(P2pLinks.TORRENTS, name.group()) : Optional.empty();
        if (found.isEmpty()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND, "No such torrent");
            return;
        }
        StoredFile file = found.get();
        response.setContentType(CONTENT_TYPE);
        response.setHeader("Cache-Control", "public, max-age=31536000, immutable");
        if ("/download/torrents".equals(request.getServletPath())) {
            response.setHeader("Content-Disposition", "attachment; filename=\"" + name.group() + "\"");
        }
        response.setContentLengthLong(file.size());
        if (!withBody) {
            return;
        }
        try (InputStream in = file.open(); OutputStream out = response.getOutputStream()) {
            in.transferTo(out);
        }
    }
}
