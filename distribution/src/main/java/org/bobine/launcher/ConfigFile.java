package org.bobine.launcher;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * The instance's one human-edited configuration file, {@code bobine.yaml} in the data directory: written with
 * commented defaults on first start, read and checked at every start.
 */
final class ConfigFile {

    static final String FILE_NAME = "bobine.yaml";

    /** A configuration that could not be accepted; the message lists every problem, each naming its key. */
    static final class InvalidConfigurationException extends Exception {
        private static final long serialVersionUID = 1L;
        private final List<String> problems;

        InvalidConfigurationException(Path file, List<String> problems) {
            super("The configuration file " + file + " is not valid:\n  - " + String.join("\n  - ", problems));
            this.problems = List.copyOf(problems);
        }

        List<String> problems() {
            return problems;
        }
    }

    /** The values of every setting, defaults included, keyed by setting key. */
    record Values(Map<String, Object> byKey) {

        Object get(String key) {
            if (!byKey.containsKey(key)) {
                throw new IllegalArgumentException("Unknown setting " + key);
            }
            return byKey.get(key);
        }

        Values with(String key, Object value) {
            Map<String, Object> copy = new LinkedHashMap<>(byKey);
            copy.put(key, value);
            return new Values(copy);
        }

        /** The Config Admin configurations, by PID. */
        Map<String, Dictionary<String, Object>> configurations() {
            Map<String, Dictionary<String, Object>> byPid = new TreeMap<>();
            for (Setting setting : ConfigSchema.SETTINGS) {
                if (setting.pid() != null) {
                    byPid.computeIfAbsent(setting.pid(), pid -> new Hashtable<>())
                            .put(setting.property(), byKey.get(setting.key()));
                }
            }
            int publicPort = (Integer) get(ConfigSchema.WEBSERVER_PUBLIC_PORT);
            if (publicPort != 0) {
                byPid.get("bobine.webserver").put("port", publicPort);
            }
            return byPid;
        }
    }

    private ConfigFile() {
    }

    /** The defaults of every setting. */
    static Values defaults() {
        Map<String, Object> values = new LinkedHashMap<>();
        ConfigSchema.SETTINGS.forEach(setting -> values.put(setting.key(), setting.defaultValue()));
        return new Values(values);
    }

    /** Writes the file with every setting at its default, documented, unless the file exists. */
    static boolean createIfAbsent(Path file) throws IOException {
        if (Files.exists(file)) {
            return false;
        }
        Path temporary = file.resolveSibling(file.getFileName() + ".new");
        Files.writeString(temporary, defaultText(), StandardCharsets.UTF_8);
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        return true;
    }

    /** The text of the default file. */
    static String defaultText() {
        StringBuilder text = new StringBuilder();
        text.append("# Bobine's configuration. Every key is shown with its default value; edit, then restart.\n");
        text.append("# The command line (--port, --hostname) and the environment (BOBINE_PORT, BOBINE_HOSTNAME)\n");
        text.append("# take precedence over this file. Reference: docs/configuration.md\n");
        String section = null;
        List<String> open = List.of();
        for (Setting setting : ConfigSchema.SETTINGS) {
            String[] parts = setting.key().split("\\.", 2);
            if (!parts[0].equals(section)) {
                section = parts[0];
                open = List.of();
                text.append("\n# ").append(ConfigSchema.sectionTitles().getOrDefault(section, section)).append('\n');
                text.append(section).append(":\n");
            }
            // Nested keys (signup.filters.cidr.whitelist) share the parents that the previous key opened.
            List<String> path = List.of(parts[1].split("\\."));
            List<String> parents = path.subList(0, path.size() - 1);
            int common = 0;
            while (common < open.size() && common < parents.size() && open.get(common).equals(parents.get(common))) {
                common++;
            }
            for (int i = common; i < parents.size(); i++) {
                text.append("  ".repeat(i + 1)).append(parents.get(i)).append(":\n");
            }
            open = parents;
            String indent = "  ".repeat(parents.size() + 1);
            for (String line : wrap(setting.description(), 100)) {
                text.append(indent).append("# ").append(line).append('\n');
            }
            text.append(indent).append(path.get(path.size() - 1)).append(": ")
                    .append(setting.type().toYaml(setting.defaultValue())).append('\n');
        }
        return text.toString();
    }

    /** Reads and checks the file. */
    static Values read(Path file) throws IOException, InvalidConfigurationException {
        Object root;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            root = new Load(LoadSettings.builder().setAllowDuplicateKeys(false).setLabel(file.toString()).build())
                    .loadFromReader(reader);
        } catch (MarkedYamlEngineException e) {
            throw new InvalidConfigurationException(file, List.of("not valid YAML: " + e.getMessage()
                    .replace('\n', ' ')));
        } catch (YamlEngineException e) {
            throw new InvalidConfigurationException(file, List.of("not valid YAML: " + e.getMessage()));
        }
        return validate(file, root);
    }

    static Values validate(Path file, Object root) throws InvalidConfigurationException {
        Map<String, Object> values = new LinkedHashMap<>(defaults().byKey());
        List<String> problems = new ArrayList<>();
        if (root != null && !(root instanceof Map)) {
            throw new InvalidConfigurationException(file, List.of("the file must hold sections such as "
                    + "\"webserver:\", not a " + root.getClass().getSimpleName()));
        }
        Map<String, Object> flat = new LinkedHashMap<>();
        if (root != null) {
            flatten("", (Map<?, ?>) root, flat, problems);
        }
        flat.forEach((key, value) -> {
            Setting setting = ConfigSchema.find(key);
            if (setting == null && value == null && isSection(key)) {
                return; // An empty section, such as "database:" with every key left out.
            }
            if (setting == null) {
                problems.add(key + ": unknown key" + suggestion(key));
            } else if (value != null) {
                try {
                    values.put(key, setting.type().convert(value));
                } catch (IllegalArgumentException e) {
                    problems.add(key + ": " + e.getMessage());
                }
            }
        });
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(file, problems);
        }
        return new Values(values);
    }

    private static boolean isSection(String key) {
        return ConfigSchema.SETTINGS.stream().anyMatch(setting -> setting.key().startsWith(key + "."));
    }

    private static void flatten(String prefix, Map<?, ?> map, Map<String, Object> flat, List<String> problems) {
        map.forEach((rawKey, value) -> {
            String key = prefix + rawKey;
            if (value instanceof Map<?, ?> nested && ConfigSchema.find(key) == null) {
                flatten(key + ".", nested, flat, problems);
            } else {
                flat.put(key, value);
            }
        });
    }

    private static String suggestion(String key) {
        String best = null;
        int bestDistance = 4;
        for (Setting setting : ConfigSchema.SETTINGS) {
            int distance = distance(key, setting.key());
            if (distance < bestDistance) {
                bestDistance = distance;
                best = setting.key();
            }
        }
        return best == null ? "" : " (did you mean " + best + "?)";
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.length() > 0 ? " " : "").append(word);
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }
}
