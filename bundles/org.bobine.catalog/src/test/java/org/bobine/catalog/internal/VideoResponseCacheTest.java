package org.bobine.catalog.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class VideoResponseCacheTest {

    @Test
    void sharedAnswersAreBuiltOnceUntilTheVideoChanges() {
        VideoResponseCache cache = new VideoResponseCache();
        AtomicInteger builds = new AtomicInteger();
        for (int i = 0; i < 5; i++) {
            assertThat(cache.detail("42", () -> new VideoResponseCache.Built<>("v" + builds.incrementAndGet(), 42,
                    true))).isEqualTo("v1");
        }
        cache.forget(7);
        assertThat(cache.detail("42", () -> new VideoResponseCache.Built<>("other", 42, true))).isEqualTo("v1");
        cache.forget(42);
        assertThat(cache.detail("42", () -> new VideoResponseCache.Built<>("v2", 42, true))).isEqualTo("v2");
        cache.forgetAll();
        assertThat(cache.detail("42", () -> new VideoResponseCache.Built<>("v3", 42, true))).isEqualTo("v3");
    }

    @Test
    void answersThatDependOnTheCallerAreNeverShared() {
        VideoResponseCache cache = new VideoResponseCache();
        assertThat(cache.detail("9", () -> new VideoResponseCache.Built<>("for alice", 9, false)))
                .isEqualTo("for alice");
        assertThat(cache.detail("9", () -> new VideoResponseCache.Built<>("for bob", 9, false)))
                .isEqualTo("for bob");
    }

    @Test
    void aChangedVideoEmptiesTheLists() {
        VideoResponseCache cache = new VideoResponseCache();
        cache.list("count=15", () -> new VideoResponseCache.Built<>("page 1", -1, true));
        assertThat(cache.list("count=15", () -> new VideoResponseCache.Built<>("page 2", -1, true)))
                .isEqualTo("page 1");
        cache.forget(3);
        assertThat(cache.list("count=15", () -> new VideoResponseCache.Built<>("page 3", -1, true)))
                .isEqualTo("page 3");
    }

    @Test
    void aFailedRebuildForgetsTheEntry() throws Exception {
        VideoResponseCache cache = new VideoResponseCache();
        cache.detail("5", () -> new VideoResponseCache.Built<>("public", 5, true));
        Thread.sleep(VideoResponseCache.TTL_MILLIS + 50);
        try {
            cache.detail("5", () -> {
                throw new IllegalStateException("the video became private");
            });
        } catch (IllegalStateException expected) {
            // The caller gets the failure, and nobody gets the old answer any more.
        }
        assertThat(cache.detail("5", () -> new VideoResponseCache.Built<>("rebuilt", 5, false)))
                .isEqualTo("rebuilt");
    }
}
