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
    /**
     * Appends bytes to a file, creating it when absent, and makes them durable before returning: what this method
     * acknowledged survives a crash of the instance. Appended files are the partial files of resumable uploads;
     * unlike {@link #put}, an append is not atomic (a failure may leave part of {@code content} appended), so
     * readers learn how far a file goes from its size.
     *
     * <p>The default reads the file back and writes it again whole: correct for any store, fit only for small
     * files; stores that can append override it.
     *
     * @param area the area
     * @param key the key within the area
     * @param content the bytes to add, read to the end; the caller closes it
     * @return the size of the file afterwards
     * @throws IOException if the bytes could not all be written
     * @throws IllegalArgumentException if the area or key is malformed
     */
    default long append(String area, String key, InputStream content) throws IOException {
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        Optional<StoredFile> existing = find(area, key);
        if (existing.isPresent()) {
            try (InputStream in = existing.get().open()) {
                in.transferTo(all);
            }
        }
        content.transferTo(all);
        put(area, key, new java.io.ByteArrayInputStream(all.toByteArray()));
        return all.size();
    }

    /**
     * Moves a file to another area or key, replacing any file there; atomic for readers of the target.
     *
     * <p>The default copies the file, then deletes the source; stores that can rename override it.
     *
     * @param fromArea the area of the file
     * @param fromKey its key
     * @param toArea the area it moves to
     * @param toKey its key there
     * @throws java.io.FileNotFoundException if there is no such file
     * @throws IOException if the file could not be moved; it then stays where it was
     * @throws IllegalArgumentException if an area or key is malformed
     */
    default void move(String fromArea, String fromKey, String toArea, String toKey) throws IOException {
        StoredFile file = find(fromArea, fromKey)
                .orElseThrow(() -> new java.io.FileNotFoundException(fromArea + "/" + fromKey));
        try (InputStream in = file.open()) {
            put(toArea, toKey, in);
        }
        delete(fromArea, fromKey);
    }
}
