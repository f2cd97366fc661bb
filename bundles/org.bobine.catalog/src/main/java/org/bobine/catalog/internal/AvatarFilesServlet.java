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
 * Serves the images of the catalog at PeerTube's {@code /lazy-static/avatars/{file}}, {@code /lazy-static/banners/{file}},
 * {@code /lazy-static/thumbnails/{file}} and {@code /lazy-static/previews/{file}}, each from the file store's area of
 * that name. Names are random and never reused, so the files are cached for a year as immutable. Only names this
 * bundle writes are looked up; the web bundle's CORS filter opens {@code /lazy-static/*} to other origins.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern({"/lazy-static/avatars/*", "/lazy-static/banners/*", "/lazy-static/thumbnails/*",
    "/lazy-static/previews/*"})
public class AvatarFilesServlet extends HttpServlet {

    /** The public path of the avatar files. */
    static final String PREFIX = "/lazy-static/avatars/";
    /** The public path of the banner files. */
    static final String BANNERS_PREFIX = "/lazy-static/banners/";

    private static final long serialVersionUID = 1L;
    private static final Pattern NAME = Pattern.compile("([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})"
            + "\\.(jpg|png)");

    private final transient FileStore store;

    @Activate
    public AvatarFilesServlet(@Reference FileStore store) {
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

    /** @return the store's area of a servlet path such as {@code /lazy-static/thumbnails}, or null */
    static String areaOf(String servletPath) {
        return switch (servletPath == null ? "" : servletPath) {
            case "/lazy-static/avatars" -> FileStore.AVATARS;
            case "/lazy-static/banners" -> ActorImage.BANNERS_AREA;
            case "/lazy-static/thumbnails" -> VideoUploads.THUMBNAILS;
            case "/lazy-static/previews" -> VideoUploads.PREVIEWS;
            default -> null;
        };
    }

    private void serve(HttpServletRequest request, HttpServletResponse response, boolean withBody)
            throws IOException {
        String pathInfo = request.getPathInfo();
        Matcher name = NAME.matcher(pathInfo == null ? "" : pathInfo.substring(1));
        String area = areaOf(request.getServletPath());
        Optional<StoredFile> found = name.matches() && area != null ? store.find(area, name.group())
                : Optional.empty();
        if (found.isEmpty()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND, "No such image");
            return;
        }
        ImmutableFiles.send(request, response, found.get(), name.group(1),
                name.group(2).equals("png") ? "image/png" : "image/jpeg", withBody);
    }
}
