package org.bobine.persistence.internal;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The migrations of the test resources: a folder of the class path, listed on disk. */
final class DirectoryMigrations implements MigrationSource {

    static final DirectoryMigrations INSTANCE = new DirectoryMigrations();

    @Override
    public List<MigrationScript> scripts(String path) throws IOException {
        URL folder = DirectoryMigrations.class.getClassLoader().getResource(path);
        if (folder == null) {
            return List.of();
        }
        Path dir;
        try {
            dir = Path.of(folder.toURI());
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".sql"))
                    .map(f -> {
                        try {
                            return MigrationScript.of(f.toUri().toURL());
                        } catch (IOException e) {
                            throw new IllegalStateException(e);
                        }
                    })
                    .toList();
        }
    }
}
