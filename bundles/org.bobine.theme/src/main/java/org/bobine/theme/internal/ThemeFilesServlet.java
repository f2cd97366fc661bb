package org.bobine.theme.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the files of registered themes at PeerTube's paths: {@code /themes/{name}/{version}/css/{declared
 * style sheet}} and {@code /themes/{name}/{version}/static/{file under static/}}.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/themes/*")
public class ThemeFilesServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ThemeFilesServlet.class);
    /** Theme files are small; anything larger is refused rather than buffered. */
    static final int MAX_FILE_SIZE = 16 << 20;

    private final transient ThemeRegistry registry;

    @Activate
    public ThemeFilesServlet(@Reference ThemeRegistry registry) {
        this.registry = registry;
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
        String[] parts = pathInfo == null ? new String[0] : pathInfo.substring(1).split("/", 4);
        if (parts.length < 4) {
            notFound(response, "No such theme file");
            return;
        }
        String name = parts[0];
        String version = parts[1];
        String kind = parts[2];
        String path = parts[3];
        Optional<ThemeRegistry.Registration> theme = registry.find(name).filter(t -> t.version().equals(version));
        if (theme.isEmpty()) {
            notFound(response, "No theme " + name + " " + version + " is installed");
            return;
        }
        if (!ThemePaths.isSafe(path)) {
            notFound(response, "No such theme file");
            return;
        }
        String resourcePath;
        if (kind.equals("css") && theme.get().cssFiles().contains(path)) {
            resourcePath = path;
        } else if (kind.equals("static")) {
            resourcePath = "static/" + path;
        } else {
            notFound(response, "No such theme file");
            return;
        }
        byte[] content;
        try {
            content = read(theme.get().theme().resource(resourcePath));
        } catch (RuntimeException | IOException e) {
            // The plugin may be going away while we read; treat it as absent.
            LOG.warn("Theme {} could not read {}: {}", name, resourcePath, e.toString());
            content = null;
        }
        if (content == null) {
            notFound(response, "No such theme file");
            return;
        }
        String etag = "\"" + sha256(content).substring(0, 32) + "\"";
        response.setHeader("ETag", etag);
        response.setHeader("Cache-Control", "public, max-age=7200");
        response.setHeader("X-Content-Type-Options", "nosniff");
        if (etag.equals(request.getHeader("If-None-Match"))) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        response.setContentType(ThemePaths.mediaType(path));
        response.setContentLength(content.length);
        if (withBody) {
            response.getOutputStream().write(content);
        }
    }

    private static byte[] read(URL url) throws IOException {
        if (url == null) {
            return null;
        }
        try (InputStream in = url.openStream()) {
            byte[] content = in.readNBytes(MAX_FILE_SIZE + 1);
            if (content.length > MAX_FILE_SIZE) {
                throw new IOException("larger than " + MAX_FILE_SIZE + " bytes");
            }
            return content;
        }
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void notFound(HttpServletResponse response, String message) throws IOException {
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        response.setContentType("text/plain; charset=utf-8");
        response.getWriter().write(message);
    }
}
