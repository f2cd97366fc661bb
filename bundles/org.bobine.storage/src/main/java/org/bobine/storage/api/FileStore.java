package org.bobine.storage.api;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The instance's file store: files by area and key (see the package documentation for their syntax).
 *
 * <p>A write is atomic: readers see either the previous file or the complete new one, never a partial file, and
 * a failed write leaves nothing behind. Implementations are thread-safe.
 */
@ProviderType
public interface FileStore {

    /** The area of account and channel images (avatars and banners). */
    String AVATARS = "avatars";

    /**
     * Stores a file, replacing any file under the same key.
     *
     * @param area the area
     * @param key the key within the area
     * @param content the bytes, read to the end; the caller closes it
     * @throws IOException if the file could not be written; nothing is then stored
     * @throws IllegalArgumentException if the area or key is malformed
     */
    void put(String area, String key, InputStream content) throws IOException;

    /**
     * Looks a file up.
     *
     * @param area the area
     * @param key the key within the area
     * @return the file, or empty when there is none
     * @throws IOException if the store could not be read
     * @throws IllegalArgumentException if the area or key is malformed
     */
    Optional<StoredFile> find(String area, String key) throws IOException;

    /**
     * @param area the area
     * @param key the key within the area
     * @return whether a file is stored under this key
     * @throws IllegalArgumentException if the area or key is malformed
     */
    boolean exists(String area, String key);

    /**
     * Deletes a file.
     *
     * @param area the area
     * @param key the key within the area
     * @return whether there was a file to delete
     * @throws IOException if the file exists but could not be deleted
     * @throws IllegalArgumentException if the area or key is malformed
     */
    boolean delete(String area, String key) throws IOException;
}
