package org.bobine.ui.internal;

import java.io.IOException;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * Serves the pages' own files at {@code /ui/{version}/{file}}: for a year, immutable, when the version is the
 * current one; for a minute otherwise (a page of the previous build still asking), so that nothing stale is kept.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/ui/*")
public class AssetsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient Site site;

    @Activate
    public AssetsServlet(@Reference Site site) {
        this.site = site;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        serve(request, response, true);
    }

    @Override
    protected void doHead(HttpServletRequest request, HttpServletResponse response) throws IOException {
        serve(request, response, false);
    }

    private void serve(HttpServletRequest request, HttpServletResponse response, boolean body) throws IOException {
        String path = request.getPathInfo();
        int slash = path == null ? -1 : path.indexOf('/', 1);
        Assets.Asset asset = slash < 0 ? null : site.assets().find(path.substring(slash + 1));
        response.setHeader("X-Content-Type-Options", "nosniff");
        if (asset == null) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            response.setContentType("text/plain; charset=utf-8");
            response.getWriter().write("No such file");
            return;
        }
        boolean current = path.substring(1, slash).equals(site.assets().version());
        response.setHeader("Cache-Control", current ? "public, max-age=31536000, immutable" : "public, max-age=60");
        response.setContentType(asset.type());
        response.setHeader("Vary", "Accept-Encoding");
        String accept = request.getHeader("Accept-Encoding");
        boolean gzip = asset.gzipped() != null && accept != null && accept.contains("gzip");
        // Each encoding is its own representation, with its own tag.
        String etag = "\"" + site.assets().version() + (gzip ? "-gz" : "") + "\"";
        response.setHeader("ETag", etag);
        String match = request.getHeader("If-None-Match");
        if (match != null && match.contains(etag)) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        byte[] bytes = asset.bytes();
        if (gzip) {
            bytes = asset.gzipped();
            response.setHeader("Content-Encoding", "gzip");
        }
        response.setContentLength(bytes.length);
        if (body) {
            response.getOutputStream().write(bytes);
        }
    }
}
