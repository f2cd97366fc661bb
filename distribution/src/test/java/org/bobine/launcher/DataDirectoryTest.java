package org.bobine.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryTest {

    @TempDir
    Path temporary;

    @Test
    void createsTheLayout() throws Exception {
        Path root = temporary.resolve("instance");
        try (DataDirectory directory = DataDirectory.open(root)) {
            assertThat(directory.storage()).isDirectory();
            assertThat(directory.plugins()).isDirectory();
            assertThat(directory.logs()).isDirectory();
            assertThat(directory.database()).isDirectory();
            assertThat(directory.frameworkCache()).isDirectory().startsWith(root);
            assertThat(directory.configFile()).isEqualTo(root.resolve("bobine.yaml"));
        }
    }

    @Test
    void oneInstanceAtATime() throws Exception {
        Path root = temporary.resolve("instance");
        try (DataDirectory first = DataDirectory.open(root)) {
            assertThatThrownBy(() -> DataDirectory.open(root))
                    .isInstanceOf(DataDirectory.AlreadyInUseException.class)
                    .hasMessageContaining("pid " + ProcessHandle.current().pid())
                    .hasMessageContaining("already running on the data directory " + root);
        }
        DataDirectory.open(root).close();
    }
}
