package org.bobine.catalog.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** PeerTube's short UUIDs: Flickr base 58, most significant digit first, 22 characters. */
class ShortUuidTest {

    @Test
    void digitsAreWrittenMostSignificantFirstAndPaddedWithTheFirstCharacter() {
        assertThat(ShortUuid.encode(new UUID(0, 0))).isEqualTo("1111111111111111111111");
        assertThat(ShortUuid.encode(new UUID(0, 57))).isEqualTo("111111111111111111111Z");
        assertThat(ShortUuid.encode(new UUID(0, 58))).isEqualTo("1111111111111111111121");
        assertThat(ShortUuid.encode(new UUID(-1, -1))).isEqualTo("xBuEXKpA6iqZQK5Kf2TnkV");
        assertThat(ShortUuid.decode("xBuEXKpA6iqZQK5Kf2TnkV")).isEqualTo(new UUID(-1, -1));
        assertThat(ShortUuid.decode("21")).isEqualTo(new UUID(0, 58));
    }

    @Test
    void theExampleOfPeerTubesApiDocumentation() {
        UUID uuid = UUID.fromString("9c9de5e8-0a1e-484a-b099-e80766180a6d");
        assertThat(ShortUuid.encode(uuid)).isEqualTo("kkGMgK9ZtnKfYAgnEtQxbv");
        assertThat(ShortUuid.decode("kkGMgK9ZtnKfYAgnEtQxbv")).isEqualTo(uuid);
    }

    @RepeatedTest(20)
    void randomUuidsGoBothWays() {
        UUID uuid = UUID.randomUUID();
        String text = ShortUuid.encode(uuid);
        assertThat(text).hasSize(ShortUuid.LENGTH);
        assertThat(ShortUuid.decode(text)).isEqualTo(uuid);
    }

    @Test
    void textsThatAreNotShortUuidsAreRefused() {
        assertThat(ShortUuid.decode("")).isNull();
        assertThat(ShortUuid.decode("0OIl")).as("characters outside the alphabet").isNull();
        assertThat(ShortUuid.decode("11111111111111111111111")).as("too long").isNull();
        assertThat(ShortUuid.decode("ZZZZZZZZZZZZZZZZZZZZZZ")).as("more than 128 bits").isNull();
    }
}
