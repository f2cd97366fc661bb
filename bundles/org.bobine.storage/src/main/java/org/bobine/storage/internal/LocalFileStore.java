package org.bobine.storage.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

import org.bobine.storage.api.FileStore;
import org.bobine.storage.api.StoredFile;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * The file store on the local file system: {@code <storage>/<area>/<key>}, where {@code <storage>} is the data
 * directory's {@code storage/} (the launcher's framework property {@value #STORAGE_PROPERTY}). A file is written
 * to a temporary file beside its target, then moved over it.
 */
@Component(service = FileStore.class)
public class LocalFileStore implements FileStore {

    /** The framework property naming the storage directory; set by the launcher. */
    static final String STORAGE_PROPERTY = "bobine.storage";

    private static final Pattern AREA = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*");
    /** Temporary files start with a dot, which no key segment may, so they are never found as files. */
    private static final String TEMP_PREFIX = ".tmp-";

    private final Path root;

    @Activate
    public LocalFileStore(BundleContext context) {
        this(rootOf(context));
    }

    LocalFileStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    private static Path rootOf(BundleContext context) {
        String configured = context.getProperty(STORAGE_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        String data = context.getProperty("bobine.data");
        return data != null ? Path.of(data, "storage") : Path.of("storage");
    }

    @Override
    public void put(String area, String key, InputStream content) throws IOException {
        Path target = resolve(area, key);
        Files.createDirectories(target.getParent());
        Path temp = Files.createTempFile(target.getParent(), TEMP_PREFIX, ".part");
        try {
            Files.copy(content, temp, StandardCopyOption.REPLACE_EXISTING);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    @Override
    public Optional<StoredFile> find(String area, String key) throws IOException {
        Path file = resolve(area, key);
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        if (!attributes.isRegularFile()) {
            return Optional.empty();
        }
        return Optional.of(new LocalFile(key, file, attributes.size(), attributes.lastModifiedTime().toInstant()));
    }

    @Override
    public boolean exists(String area, String key) {
        return Files.isRegularFile(resolve(area, key));
    }

    @Override
    public boolean delete(String area, String key) throws IOException {
        return Files.deleteIfExists(resolve(area, key));
    }

    @Override
    public long append(String area, String key, InputStream content) throws IOException {
        Path target = resolve(area, key);
        Files.createDirectories(target.getParent());
        try (FileChannel channel = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
            byte[] bytes = buffer.array();
            for (int n; (n = content.read(bytes)) >= 0;) {
                buffer.clear().limit(n);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            }
            channel.force(false);
            return channel.size();
        }
    }

    @Override
    public void move(String fromArea, String fromKey, String toArea, String toKey) throws IOException {
        Path source = resolve(fromArea, fromKey);
        Path target = resolve(toArea, toKey);
        if (!Files.isRegularFile(source)) {
            throw new java.io.FileNotFoundException(fromArea + "/" + fromKey);
        }
        Files.createDirectories(target.getParent());
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            FileStore.super.move(fromArea, fromKey, toArea, toKey);
        }
    }

    /** The file of a key, after checking that neither area nor key can leave the store. */
    Path resolve(String area, String key) {
        if (area == null || !AREA.matcher(area).matches()) {
            throw new IllegalArgumentException("Malformed storage area: " + area);
        }
        if (key == null || key.isEmpty() || key.length() > 512) {
            throw new IllegalArgumentException("Malformed storage key: " + key);
        }
        for (String segment : key.split("/", -1)) {
            if (!SEGMENT.matcher(segment).matches()) {
                throw new IllegalArgumentException("Malformed storage key: " + key);
            }
        }
        Path areaRoot = root.resolve(area);
        Path file = areaRoot.resolve(key).normalize();
        if (!file.startsWith(areaRoot)) {
            throw new IllegalArgumentException("Malformed storage key: " + key);
        }
        return file;
    }

    private record LocalFile(String key, Path path, long size, Instant lastModified) implements StoredFile {
        @Override
        public InputStream open() throws IOException {
            return Files.newInputStream(path);
        }
    }
}
