package org.bobine.catalog.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The byte ranges of static video files. */
class VideoFilesServletTest {

    @Test
    void singleRanges() {
        assertThat(VideoFilesServlet.range(null, 100)).containsExactly(0, 99);
        assertThat(VideoFilesServlet.range("bytes=0-9", 100)).containsExactly(0, 9, 206);
        assertThat(VideoFilesServlet.range("bytes=90-", 100)).containsExactly(90, 99, 206);
        assertThat(VideoFilesServlet.range("bytes=-10", 100)).containsExactly(90, 99, 206);
        assertThat(VideoFilesServlet.range("bytes=-500", 100)).containsExactly(0, 99, 206);
        assertThat(VideoFilesServlet.range("bytes=50-5000", 100)).containsExactly(50, 99, 206);
    }

    @Test
    void unsatisfiableAndUnhandledRanges() {
        assertThat(VideoFilesServlet.range("bytes=100-", 100)).isNull();
        assertThat(VideoFilesServlet.range("bytes=20-10", 100)).isNull();
        assertThat(VideoFilesServlet.range("bytes=-0", 100)).isNull();
        // Several ranges, other units and nonsense: the whole file, as HTTP allows.
        assertThat(VideoFilesServlet.range("bytes=0-1,5-6", 100)).containsExactly(0, 99);
        assertThat(VideoFilesServlet.range("items=0-1", 100)).containsExactly(0, 99);
        assertThat(VideoFilesServlet.range("bytes=-", 100)).containsExactly(0, 99);
    }

    @Test
    void privaciesServedUnderPrivate() {
        assertThat(VideoFilesServlet.isHidden(VideoConstants.PUBLIC)).isFalse();
        assertThat(VideoFilesServlet.isHidden(VideoConstants.UNLISTED)).isFalse();
        assertThat(VideoFilesServlet.isHidden(VideoConstants.PRIVATE)).isTrue();
        assertThat(VideoFilesServlet.isHidden(VideoConstants.INTERNAL)).isTrue();
        assertThat(VideoFilesServlet.isHidden(VideoConstants.PASSWORD_PROTECTED)).isTrue();
    }
}
