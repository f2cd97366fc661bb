package org.bobine.persistence.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Objects;

/**
 * One SQL migration file of a contribution.
 *
 * @param fileName the file's name, for example {@code V1__create_oauth_client.sql}
 * @param location where the file is, for messages (a {@code bundle:} or {@code file:} URL)
 * @param content opens the file's content, UTF-8
 */
public record MigrationScript(String fileName, String location, Content content) {

    /** Opens a script's content. */
    @FunctionalInterface
    public interface Content {
        InputStream open() throws IOException;
    }

    public MigrationScript {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(content, "content");
    }

    /** @return the script at a URL; its name is the last segment of the URL's path */
    public static MigrationScript of(URL url) {
        String path = url.getPath();
        String name = path.substring(path.lastIndexOf('/') + 1);
        return new MigrationScript(name, url.toExternalForm(), url::openStream);
    }
}
