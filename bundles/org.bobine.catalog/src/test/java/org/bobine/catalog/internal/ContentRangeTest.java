package org.bobine.catalog.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ContentRangeTest {

    @Test
    void chunksAndQuestions() {
        assertThat(ContentRange.parse("bytes 0-1048575/5000000")).contains(new ContentRange(0, 1048575, 5000000));
        assertThat(ContentRange.parse("bytes 0-1048575/5000000").orElseThrow().length()).isEqualTo(1048576);
        ContentRange question = ContentRange.parse("bytes */5000000").orElseThrow();
        assertThat(question.isQuery()).isTrue();
        assertThat(question.total()).isEqualTo(5000000);
        assertThat(question.length()).isZero();
    }

    @Test
    void malformedOrInconsistentRanges() {
        assertThat(ContentRange.parse(null)).isEmpty();
        assertThat(ContentRange.parse("bytes 10-5/100")).isEmpty();
        assertThat(ContentRange.parse("bytes 0-100/100")).isEmpty();
        assertThat(ContentRange.parse("bytes=0-5/100")).isEmpty();
        assertThat(ContentRange.parse("bytes 0-5/*")).isEmpty();
        assertThat(ContentRange.parse("items 0-5/10")).isEmpty();
    }

    @Test
    void acknowledgements() {
        assertThat(ContentRange.acknowledging(0)).isEmpty();
        assertThat(ContentRange.acknowledging(1)).contains("bytes=0-0");
        assertThat(ContentRange.acknowledging(1048576)).contains("bytes=0-1048575");
    }
}
