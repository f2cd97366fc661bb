package org.bobine.storage.api;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;

import org.osgi.annotation.versioning.ProviderType;

/** A file found in a {@link FileStore}: its size and date as they were when it was found, and its content. */
@ProviderType
public interface StoredFile {

    /** @return the key the file is stored under */
    String key();

    /** @return the size in bytes */
    long size();

    /** @return when the file was last written */
    Instant lastModified();

    /**
     * Opens the content for reading. The file may have been deleted since it was found; opening it then fails.
     *
     * @return a stream that the caller closes
     * @throws IOException if the file cannot be read, for example because it is gone
     */
    InputStream open() throws IOException;
}
