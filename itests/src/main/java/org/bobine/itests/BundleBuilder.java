package org.bobine.itests;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Builds bundles in memory, the way a plugin author's build would, to install them into the framework. */
final class BundleBuilder {

    private final Map<String, String> headers = new LinkedHashMap<>();
    private final Map<String, byte[]> entries = new LinkedHashMap<>();

    BundleBuilder(String symbolicName, String version) {
        headers.put("Bundle-ManifestVersion", "2");
        headers.put("Bundle-SymbolicName", symbolicName);
        headers.put("Bundle-Version", version);
    }

    BundleBuilder header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    BundleBuilder entry(String path, String content) {
        entries.put(path, content.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** Copies a class of the test bundle, by its class file, into the bundle. */
    BundleBuilder copyClass(Class<?> type) {
        String path = type.getName().replace('.', '/') + ".class";
        try (InputStream in = type.getClassLoader().getResourceAsStream(path)) {
            entries.put(path, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    InputStream build() {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        headers.forEach((name, value) -> manifest.getMainAttributes().putValue(name, value));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, manifest)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                jar.putNextEntry(new JarEntry(entry.getKey()));
                jar.write(entry.getValue());
                jar.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ByteArrayInputStream(bytes.toByteArray());
    }

    /** A theme bundle with one style sheet, served by {@link org.bobine.itests.fly.FlyTheme}. */
    static InputStream theme(String name, String version, String css) {
        String component = """
                <?xml version="1.0" encoding="UTF-8"?>
                <scr:component xmlns:scr="http://www.osgi.org/xmlns/scr/v1.3.0" name="fly.theme" immediate="true">
                  <implementation class="org.bobine.itests.fly.FlyTheme"/>
                  <service><provide interface="org.bobine.api.theme.Theme"/></service>
                </scr:component>
                """;
        return new BundleBuilder("itest.theme." + name, version)
                .header("Import-Package", "org.bobine.api.theme;version=\"[1.0,2)\"")
                .header("Service-Component", "OSGI-INF/theme.xml")
                .header("Require-Capability", "osgi.extender;filter:=\"(&(osgi.extender=osgi.component)"
                        + "(version>=1.3.0)(!(version>=2.0.0)))\"")
                .entry("OSGI-INF/theme.xml", component)
                .entry("theme.properties", "name=" + name + "\nversion=" + version + "\ncss=" + name + ".css\n"
                        + "description=Built by a test\n")
                .entry("theme/" + name + ".css", css)
                .copyClass(org.bobine.itests.fly.FlyTheme.class)
                .build();
    }
}
