package org.bobine.itests.fly;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

import org.bobine.api.theme.Theme;

/**
 * A theme whose identity comes from {@code theme.properties} in its own bundle, so that tests can build bundles
 * of different themes and versions from this one class. It is not used by the test bundle itself: the tests
 * copy its class file into the bundles they build.
 */
public class FlyTheme implements Theme {

    private final Properties properties = new Properties();

    public FlyTheme() {
        try (InputStream in = FlyTheme.class.getResourceAsStream("/theme.properties")) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String name() {
        return properties.getProperty("name");
    }

    @Override
    public String version() {
        return properties.getProperty("version");
    }

    @Override
    public String description() {
        return properties.getProperty("description", "");
    }

    @Override
    public List<String> cssFiles() {
        return Arrays.asList(properties.getProperty("css").split(","));
    }

    @Override
    public URL resource(String path) {
        return FlyTheme.class.getResource("/theme/" + path);
    }
}
