package org.bobine.web.api;

import java.io.IOException;
import java.io.InputStream;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A file part of a {@code multipart/form-data} request, as {@link ApiRequest#file(String, long)} gives it. The
 * web server keeps it (in memory or in a temporary file) until the request ends.
 */
@ProviderType
public interface UploadedFile {

    /** @return the form field that carried the file, for example {@code avatarfile} */
    String field();

    /** @return the file name the client gave, possibly empty; never trust it as a path */
    String fileName();

    /** @return the content type the client declared, possibly empty; never trust it either */
    String contentType();

    /** @return the size in bytes */
    long size();

    /**
     * @return the content, which the caller closes; may be opened more than once
     * @throws IOException if the web server lost the part
     */
    InputStream open() throws IOException;
}
