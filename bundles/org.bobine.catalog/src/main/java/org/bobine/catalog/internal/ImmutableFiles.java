package org.bobine.catalog.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.bobine.storage.api.StoredFile;

/**
 * Sends a file of the store whose name is random and never reused (avatars, thumbnails, captions): cached for a
 * year as immutable, with an ETag from its name, Last-Modified, and 304 for a client that has it already.
 */
final class ImmutableFiles {

    static final String CACHE_CONTROL = "public, max-age=31536000, immutable";

    private ImmutableFiles() {
    }

    /**
     * @param id the unique part of the file's name, used as its ETag
     * @param withBody false for a HEAD request
     */
    static void send(HttpServletRequest request, HttpServletResponse response, StoredFile file, String id,
            String contentType, boolean withBody) throws IOException {
        String etag = "\"" + id + "\"";
        response.setHeader("Cache-Control", CACHE_CONTROL);
        response.setHeader("ETag", etag);
        response.setDateHeader("Last-Modified", file.lastModified().toEpochMilli());
        String ifNoneMatch = request.getHeader("If-None-Match");
        if (ifNoneMatch != null && (ifNoneMatch.contains(etag) || ifNoneMatch.trim().equals("*"))) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        response.setContentType(contentType);
        // Uploaded content: never let a browser guess another type.
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setContentLengthLong(file.size());
        if (!withBody) {
            return;
        }
        try (InputStream in = file.open(); OutputStream out = response.getOutputStream()) {
            in.transferTo(out);
        }
    }
}
