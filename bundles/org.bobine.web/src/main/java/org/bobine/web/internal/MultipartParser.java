package org.bobine.web.internal;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.apache.commons.fileupload.FileItem;
import org.apache.commons.fileupload.FileUpload;
import org.apache.commons.fileupload.FileUploadException;
import org.apache.commons.fileupload.UploadContext;
import org.apache.commons.fileupload.disk.DiskFileItemFactory;

/**
 * Parses the multipart bodies that the web server leaves alone (it parses those of POST requests only), with
 * Commons FileUpload, the library the web server itself uses: parts up to 1 MB stay in memory, larger ones go to
 * temporary files, which the caller deletes ({@link FileItem#delete()}) once the request is answered.
 */
final class MultipartParser {

    /** Parts up to this size are kept in memory. */
    static final int IN_MEMORY_BYTES = 1 << 20;

    private MultipartParser() {
    }

    /**
     * @throws FileUploadException when the body is malformed or larger than its declared length
     */
    static List<FileItem> parse(HttpServletRequest request) throws FileUploadException {
        DiskFileItemFactory factory = new DiskFileItemFactory(IN_MEMORY_BYTES,
                new File(System.getProperty("java.io.tmpdir")));
        FileUpload upload = new FileUpload(factory);
        upload.setHeaderEncoding("UTF-8");
        long declared = request.getContentLengthLong();
        if (declared >= 0) {
            // The dispatcher checked the declared length against the route's limit; the body may not exceed it.
            upload.setSizeMax(declared);
        }
        Map<String, List<FileItem>> byField = upload.parseParameterMap(new UploadContext() {
            @Override
            public String getCharacterEncoding() {
                return request.getCharacterEncoding();
            }

            @Override
            public String getContentType() {
                return request.getContentType();
            }

            @Override
            @Deprecated
            public int getContentLength() {
                return request.getContentLength();
            }

            @Override
            public long contentLength() {
                return request.getContentLengthLong();
            }

            @Override
            public InputStream getInputStream() throws IOException {
                return request.getInputStream();
            }
        });
        List<FileItem> items = new ArrayList<>();
        byField.values().forEach(items::addAll);
        return items;
    }
}
