package org.bobine.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InstanceTest {

    @Test
    void theServiceLoaderMediatorStartsFirstAndPluginsLast() {
        assertThat(Instance.startLevel("org.apache.aries.spifly.dynamic.bundle")).isEqualTo(Instance.LEVEL_WEAVING);
        assertThat(Instance.startLevel("org.objectweb.asm.commons")).isEqualTo(Instance.LEVEL_WEAVING);
        assertThat(Instance.startLevel("ch.qos.logback.classic")).isEqualTo(Instance.LEVEL_LOGGING);
        assertThat(Instance.startLevel("slf4j.api")).isEqualTo(Instance.LEVEL_LOGGING);
        assertThat(Instance.startLevel("org.apache.felix.configadmin")).isEqualTo(Instance.LEVEL_CONFIGURATION);
        assertThat(Instance.startLevel("org.bobine.web")).isEqualTo(Instance.LEVEL_CORE);
        assertThat(Instance.startLevel("org.apache.felix.fileinstall")).isEqualTo(Instance.LEVEL_PLUGINS);
    }
}
