package org.bobine.catalog.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** PeerTube's rule of views: watch time, short videos, seeks, one view per viewer and hour, bounded memory. */
class ViewCounterTest {

    static final long HOUR = 3_600_000;

    final ViewCounter counter = new ViewCounter(10, HOUR, 1000);

    @Test
    void aViewCountsAfterTenSecondsOfWatchTime() {
        assertThat(counter.watched(1, 600, "a", 0, false, 0)).isFalse();
        assertThat(counter.watched(1, 600, "a", 5, false, 5_000)).isFalse();
        assertThat(counter.watched(1, 600, "a", 9, false, 9_000)).isFalse();
        assertThat(counter.watched(1, 600, "a", 10, false, 10_000)).isTrue();
        assertThat(counter.watched(1, 600, "a", 15, false, 15_000)).as("once").isFalse();
        assertThat(counter.drain()).isEqualTo(Map.of(1L, 1L));
        assertThat(counter.drain()).isEmpty();
    }

    @Test
    void watchTimeAddsUpSectionsAcrossSeeks() {
        counter.watched(1, 600, "a", 100, false, 0);
        counter.watched(1, 600, "a", 106, false, 6_000);
        // A seek starts a new section: the jump itself is not watch time.
        assertThat(counter.watched(1, 600, "a", 300, true, 7_000)).isFalse();
        assertThat(counter.watched(1, 600, "a", 303, false, 10_000)).isFalse();
        assertThat(counter.watched(1, 600, "a", 304, false, 11_000)).as("6 + 4 seconds").isTrue();

        // Going back without a seek event also starts a new section.
        counter.watched(2, 600, "a", 50, false, 0);
        counter.watched(2, 600, "a", 58, false, 8_000);
        assertThat(counter.watched(2, 600, "a", 10, false, 9_000)).isFalse();
        assertThat(counter.watched(2, 600, "a", 11, false, 10_000)).isFalse();
        assertThat(counter.watched(2, 600, "a", 12, false, 11_000)).as("8 + 2 seconds").isTrue();
    }

    @Test
    void aShortVideoCountsAfterMoreThanHalfOfIt() {
        counter.watched(1, 6, "a", 0, false, 0);
        assertThat(counter.watched(1, 6, "a", 3, false, 3_000)).as("half is not enough").isFalse();
        assertThat(counter.watched(1, 6, "a", 4, false, 4_000)).isTrue();
        // A video of ten seconds or more needs the ten seconds; one of unknown duration (a live) too.
        counter.watched(2, 10, "a", 0, false, 0);
        assertThat(counter.watched(2, 10, "a", 9, false, 9_000)).isFalse();
        counter.watched(3, 0, "a", 0, false, 0);
        assertThat(counter.watched(3, 0, "a", 9, false, 9_000)).isFalse();
        assertThat(counter.watched(3, 0, "a", 10, false, 10_000)).isTrue();
    }

    @Test
    void oneViewPerViewerAndVideoPerHour() {
        counter.watched(1, 600, "a", 0, false, 0);
        assertThat(counter.watched(1, 600, "a", 10, false, 10_000)).isTrue();
        assertThat(counter.watched(1, 600, "a", 0, true, 20_000)).isFalse();
        assertThat(counter.watched(1, 600, "a", 30, false, 50_000)).as("within the hour").isFalse();
        // Other viewers (another address, another session) and other videos count on their own.
        counter.watched(1, 600, "b", 0, false, 0);
        assertThat(counter.watched(1, 600, "b", 10, false, 10_000)).isTrue();
        counter.watched(2, 600, "a", 0, false, 0);
        assertThat(counter.watched(2, 600, "a", 10, false, 10_000)).isTrue();

        // After the hour, the viewer counts again once it has watched enough again.
        assertThat(counter.watched(1, 600, "a", 100, false, 10_000 + HOUR)).isFalse();
        assertThat(counter.watched(1, 600, "a", 110, false, 20_000 + HOUR)).isTrue();
        assertThat(counter.drain()).isEqualTo(Map.of(1L, 3L, 2L, 1L));
    }

    @Test
    void memoryIsBoundedAndIdleViewersAreForgotten() {
        for (int i = 0; i < 100_000; i++) {
            counter.watched(1, 600, "viewer " + i, 0, false, i);
        }
        assertThat(counter.viewers()).isLessThanOrEqualTo(1000);
        counter.expire(HOUR + 100_000);
        assertThat(counter.viewers()).isZero();
    }

    @Test
    void viewsThatCouldNotBeWrittenWaitForTheNextDrain() {
        counter.watched(1, 600, "a", 0, false, 0);
        counter.watched(1, 600, "a", 10, false, 10_000);
        Map<Long, Long> drained = counter.drain();
        counter.watched(1, 600, "b", 0, false, 0);
        counter.watched(1, 600, "b", 10, false, 10_000);
        counter.restore(drained);
        assertThat(counter.drain()).isEqualTo(Map.of(1L, 2L));
    }
}
