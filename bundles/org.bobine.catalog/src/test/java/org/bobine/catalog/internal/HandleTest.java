package org.bobine.catalog.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Handles in paths: {@code name} for local actors, {@code name@host} for any. */
class HandleTest {

    static final String LOCAL = "videos.example.org";

    @Test
    void aNameAloneIsLocal() {
        assertThat(Handle.lookupKey("root_channel", LOCAL)).isEqualTo("root_channel");
    }

    @Test
    void theLocalHostNamesALocalActor() {
        assertThat(Handle.lookupKey("root_channel@videos.example.org", LOCAL)).isEqualTo("root_channel");
        assertThat(Handle.lookupKey("root_channel@Videos.Example.ORG", LOCAL)).isEqualTo("root_channel");
        assertThat(Handle.lookupKey("root@localhost:9000", "localhost:9000")).isEqualTo("root");
    }

    @Test
    void anotherHostNamesARemoteActor() {
        assertThat(Handle.lookupKey("alice@Peertube.Example", LOCAL)).isEqualTo("alice@peertube.example");
        assertThat(Handle.key("alice", "peertube.example")).isEqualTo("alice@peertube.example");
        assertThat(Handle.key("alice", null)).isEqualTo("alice");
    }

    @Test
    void malformedHandlesNameNobody() {
        assertThat(Handle.lookupKey("", LOCAL)).isNull();
        assertThat(Handle.lookupKey("@host", LOCAL)).isNull();
        assertThat(Handle.lookupKey("name@", LOCAL)).isNull();
        assertThat(Handle.lookupKey("a@b@c", LOCAL)).isNull();
    }
}
