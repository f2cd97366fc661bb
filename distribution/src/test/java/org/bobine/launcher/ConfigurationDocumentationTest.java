package org.bobine.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** docs/configuration.md documents every key of the file, with its default. */
class ConfigurationDocumentationTest {

    @Test
    void everyKeyIsDocumentedWithItsDefault() throws Exception {
        String documentation = Files.readString(Path.of("..", "docs", "configuration.md"));
        for (Setting setting : ConfigSchema.SETTINGS) {
            assertThat(documentation).as(setting.key())
                    .contains("| `" + setting.key() + "` | `" + setting.type().toYaml(setting.defaultValue()) + "` |");
        }
    }
}
