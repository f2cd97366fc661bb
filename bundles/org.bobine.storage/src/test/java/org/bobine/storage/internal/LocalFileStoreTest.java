package org.bobine.storage.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.bobine.storage.api.StoredFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalFileStoreTest {

    @TempDir
    Path root;

    private static InputStream text(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void putFindReplaceDelete() throws IOException {
        LocalFileStore store = new LocalFileStore(root);
        assertThat(store.exists("avatars", "a.jpg")).isFalse();
        assertThat(store.find("avatars", "a.jpg")).isEmpty();

        store.put("avatars", "a.jpg", text("hello"));
        assertThat(Files.readString(root.resolve("avatars/a.jpg"))).isEqualTo("hello");
        StoredFile found = store.find("avatars", "a.jpg").orElseThrow();
        assertThat(found.size()).isEqualTo(5);
        assertThat(found.key()).isEqualTo("a.jpg");
        assertThat(found.lastModified()).isNotNull();
        try (InputStream in = found.open()) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("hello");
        }

        store.put("avatars", "a.jpg", text("bye"));
        assertThat(store.find("avatars", "a.jpg").orElseThrow().size()).isEqualTo(3);
        try (var files = Files.list(root.resolve("avatars"))) {
            assertThat(files).hasSize(1);
        }

        assertThat(store.delete("avatars", "a.jpg")).isTrue();
        assertThat(store.delete("avatars", "a.jpg")).isFalse();
        assertThat(store.exists("avatars", "a.jpg")).isFalse();
    }

    @Test
    void nestedKeys() throws IOException {
        LocalFileStore store = new LocalFileStore(root);
        store.put("videos", "abc/720.mp4", text("x"));
        assertThat(root.resolve("videos/abc/720.mp4")).exists();
        assertThat(store.find("videos", "abc")).isEmpty();
    }

    @Test
    void failedWriteLeavesNothing() {
        LocalFileStore store = new LocalFileStore(root);
        InputStream failing = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("client went away");
            }
        };
        assertThatThrownBy(() -> store.put("avatars", "b.jpg", failing)).isInstanceOf(IOException.class);
        assertThat(root.resolve("avatars")).isEmptyDirectory();
    }

    @Test
    void keysCannotLeaveTheirArea() {
        LocalFileStore store = new LocalFileStore(root);
        for (String key : new String[] {"../x", "a/../../x", "..", ".hidden", "/etc/passwd", "a//b", "a/", "a\\b",
                "", "a b"}) {
            assertThatThrownBy(() -> store.exists("avatars", key)).as(key)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        for (String area : new String[] {"..", "Avatars", "a/b", ""}) {
            assertThatThrownBy(() -> store.exists(area, "x")).as(area).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
