package org.bobine.storage.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.bobine.storage.api.FileStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Appending to partial files and moving them where they belong, in the local store and by the defaults. */
class AppendAndMoveTest {

    @TempDir
    Path root;

    private static InputStream bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return new ByteArrayInputStream(b);
    }

    private static void appendsAndMoves(FileStore store) throws IOException {
        assertThat(store.append("partial", "u-1.mp4", bytes(1, 2))).isEqualTo(2);
        assertThat(store.append("partial", "u-1.mp4", bytes(3))).isEqualTo(3);
        assertThat(store.append("partial", "u-1.mp4", bytes())).isEqualTo(3);
        store.move("partial", "u-1.mp4", "web-videos", "v.mp4");
        assertThat(store.exists("partial", "u-1.mp4")).isFalse();
        try (InputStream in = store.find("web-videos", "v.mp4").orElseThrow().open()) {
            assertThat(in.readAllBytes()).containsExactly(1, 2, 3);
        }
        assertThatThrownBy(() -> store.move("partial", "none", "web-videos", "x"))
                .isInstanceOf(FileNotFoundException.class);
        assertThatThrownBy(() -> store.append("partial", "../x", bytes(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void localStore() throws IOException {
        LocalFileStore store = new LocalFileStore(root);
        appendsAndMoves(store);
        assertThat(Files.readAllBytes(root.resolve("web-videos/v.mp4"))).containsExactly(1, 2, 3);
    }

    @Test
    void defaultsOfTheInterface() throws IOException {
        LocalFileStore local = new LocalFileStore(root);
        // Only the four methods every store has: the defaults do the rest.
        appendsAndMoves(new FileStore() {
            @Override
            public void put(String area, String key, InputStream content) throws IOException {
                local.put(area, key, content);
            }

            @Override
            public java.util.Optional<org.bobine.storage.api.StoredFile> find(String area, String key)
                    throws IOException {
                return local.find(area, key);
            }

            @Override
            public boolean exists(String area, String key) {
                return local.exists(area, key);
            }

            @Override
            public boolean delete(String area, String key) throws IOException {
                return local.delete(area, key);
            }
        });
    }
}
