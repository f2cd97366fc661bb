package org.bobine.launcher;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The instance's data directory: its layout, and the lock that keeps a second instance away from it.
 */
final class DataDirectory implements AutoCloseable {

    static final String LOCK_FILE = ".lock";

    /** Another process (or this one) already runs an instance on the directory. */
    static final class AlreadyInUseException extends Exception {
        private static final long serialVersionUID = 1L;

        AlreadyInUseException(String message) {
            super(message);
        }
    }

    private final Path root;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private DataDirectory(Path root, FileChannel lockChannel, FileLock lock) {
        this.root = root;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Creates the directory and its layout if needed, and locks it for this process.
     *
     * @throws AlreadyInUseException if another instance holds the lock
     */
    static DataDirectory open(Path root) throws IOException, AlreadyInUseException {
        Files.createDirectories(root);
        FileChannel channel = FileChannel.open(root.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.READ);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            String holder = new String(Files.readAllBytes(root.resolve(LOCK_FILE)), StandardCharsets.UTF_8).trim();
            channel.close();
            throw new AlreadyInUseException("Another Bobine instance" + (holder.isEmpty() ? "" : " (" + holder + ")")
                    + " is already running on the data directory " + root
                    + ". Stop it first, or give this one another directory with --data.");
        }
        channel.truncate(0);
        channel.write(StandardCharsets.UTF_8.encode("pid " + ProcessHandle.current().pid()), 0);
        DataDirectory directory = new DataDirectory(root, channel, lock);
        for (Path sub : new Path[] {directory.storage(), directory.plugins(), directory.logs(), directory.database(),
            directory.frameworkCache()}) {
            Files.createDirectories(sub);
        }
        return directory;
    }

    Path root() {
        return root;
    }

    Path configFile() {
        return root.resolve(ConfigFile.FILE_NAME);
    }

    Path storage() {
        return root.resolve("storage");
    }

    Path plugins() {
        return root.resolve("plugins");
    }

    Path logs() {
        return root.resolve("logs");
    }

    Path database() {
        return root.resolve("db");
    }

    /** Felix's bundle cache: kept between starts, so that bundles are not unpacked again at every start. */
    Path frameworkCache() {
        return root.resolve("cache").resolve("framework");
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            lockChannel.close();
        }
    }
}
