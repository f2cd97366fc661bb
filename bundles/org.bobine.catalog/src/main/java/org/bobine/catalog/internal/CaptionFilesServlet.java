package org.bobine.catalog.internal;

import java.io.IOException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.bobine.storage.api.FileStore;
import org.bobine.storage.api.StoredFile;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * Serves caption files at PeerTube's {@code /lazy-static/video-captions/{file}}, as WebVTT in UTF-8. Names are
 * random and never reused (a replaced caption gets a new one), so the files are cached for a year as immutable.
 * As in PeerTube, the captions of private videos are served to whoever has their name, which only the video's
 * viewers learn. The web bundle's CORS filter opens {@code /lazy-static/*} to other origins.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/lazy-static/video-captions/*")
public class CaptionFilesServlet extends HttpServlet {

    /** The public path of the caption files. */
    static final String PREFIX = "/lazy-static/video-captions/";
    static final String CONTENT_TYPE = "text/vtt; charset=utf-8";

    private static final long serialVersionUID = 1L;
    private static final Pattern NAME = Pattern.compile("([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})"
            + "-[a-zA-Z]{2,3}\\.vtt");

    private final transient FileStore store;

    @Activate
    public CaptionFilesServlet(@Reference FileStore store) {
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
        Optional<StoredFile> found = name.matches() ? store.find(VideoCaption.AREA, name.group())
                : Optional.empty();
        if (found.isEmpty()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND, "No such caption");
            return;
        }
        ImmutableFiles.send(request, response, found.get(), name.group(1), CONTENT_TYPE, withBody);
    }
}
