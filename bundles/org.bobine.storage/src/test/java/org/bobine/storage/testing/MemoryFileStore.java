package org.bobine.storage.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.bobine.storage.api.FileStore;
import org.bobine.storage.api.StoredFile;

/**
 * A file store in memory, for the tests of the bundles that keep files (shipped in this module's test jar).
 * {@link #files} holds each file's bytes under {@code <area>/<key>}, for tests to read and seed directly.
 */
public final class MemoryFileStore implements FileStore {

    /** The files, by {@code <area>/<key>}. */
    public final Map<String, byte[]> files = new ConcurrentHashMap<>();

    @Override
    public void put(String area, String key, InputStream content) throws IOException {
        files.put(area + "/" + key, content.readAllBytes());
    }

    @Override
    public Optional<StoredFile> find(String area, String key) {
        byte[] bytes = files.get(area + "/" + key);
        if (bytes == null) {
            return Optional.empty();
        }
        return Optional.of(new StoredFile() {
            @Override
            public String key() {
                return key;
            }

            @Override
            public long size() {
                return bytes.length;
            }

            @Override
            public Instant lastModified() {
                return Instant.EPOCH;
            }

            @Override
            public InputStream open() {
                return new ByteArrayInputStream(bytes);
            }
        });
    }

    @Override
    public boolean exists(String area, String key) {
        return files.containsKey(area + "/" + key);
    }

    @Override
    public boolean delete(String area, String key) {
        return files.remove(area + "/" + key) != null;
    }
}
