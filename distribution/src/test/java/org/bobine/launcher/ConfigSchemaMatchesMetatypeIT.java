package org.bobine.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.stream.Collectors;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The launcher's schema of {@code bobine.yaml} and the Metatype descriptions of the components that read the
 * configurations describe the same properties with the same defaults: checked on the bundles inside the built
 * {@code bobine.jar}.
 */
class ConfigSchemaMatchesMetatypeIT {

    /** Metatype attribute defaults of every {@code bobine.*} PID, as "pid/property" to the default's text. */
    private static Map<String, String> metatypeDefaults() throws Exception {
        Map<String, String> defaults = new HashMap<>();
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        try (JarFile jar = new JarFile(RunningInstance.jar().toFile())) {
            for (JarEntry entry : jar.stream().filter(e -> e.getName().startsWith(Instance.BUNDLES_FOLDER)
                    && e.getName().endsWith(".jar")).toList()) {
                try (JarInputStream bundle = new JarInputStream(jar.getInputStream(entry))) {
                    for (JarEntry file; (file = bundle.getNextJarEntry()) != null;) {
                        if (file.getName().startsWith("OSGI-INF/metatype/") && file.getName().endsWith(".xml")) {
                            read(factory.newDocumentBuilder().parse(new NonClosing(bundle)), defaults);
                        }
                    }
                }
            }
        }
        return defaults;
    }

    private static void read(Document document, Map<String, String> defaults) {
        NodeList ocds = document.getElementsByTagName("OCD");
        for (int i = 0; i < ocds.getLength(); i++) {
            Element ocd = (Element) ocds.item(i);
            String pid = ocd.getAttribute("id");
            if (!pid.startsWith("bobine.")) {
                continue;
            }
            NodeList attributes = ocd.getElementsByTagName("AD");
            for (int j = 0; j < attributes.getLength(); j++) {
                Element attribute = (Element) attributes.item(j);
                // Metatype escapes spaces and commas in defaults with a backslash.
                defaults.put(pid + "/" + attribute.getAttribute("id"),
                        attribute.getAttribute("default").replaceAll("\\\\(.)", "$1"));
            }
        }
    }

    private static String metatypeForm(Object value) {
        if (value instanceof String[] values) {
            return String.join(",", values);
        }
        if (value instanceof int[] values) {
            return Arrays.stream(values).mapToObj(Integer::toString).collect(Collectors.joining(","));
        }
        return String.valueOf(value);
    }

    @Test
    void everyPropertyOfTheFileIsDescribedWithTheSameDefault() throws Exception {
        Map<String, String> metatype = metatypeDefaults();
        assertThat(metatype).isNotEmpty();
        for (Setting setting : ConfigSchema.SETTINGS) {
            if (setting.pid() == null) {
                continue;
            }
            String key = setting.pid() + "/" + setting.property();
            assertThat(metatype).as("Metatype of " + key + " (bobine.yaml key " + setting.key() + ")")
                    .containsEntry(key, metatypeForm(setting.defaultValue()));
        }
    }

    @Test
    void everyDescribedPropertyCanBeSetInTheFile() throws Exception {
        for (String key : metatypeDefaults().keySet()) {
            String[] parts = key.split("/", 2);
            assertThat(ConfigSchema.SETTINGS).as("a bobine.yaml key for " + key)
                    .anyMatch(setting -> parts[0].equals(setting.pid()) && parts[1].equals(setting.property()));
        }
    }

    /** Lets the XML parser read one entry without closing the whole bundle stream. */
    private static final class NonClosing extends java.io.FilterInputStream {
        NonClosing(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
        }
    }
}
