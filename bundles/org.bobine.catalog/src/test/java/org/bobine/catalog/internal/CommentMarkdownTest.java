package org.bobine.catalog.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The rendering of comments' markdown keeps scripts, foreign content and unsafe links out of pages. */
class CommentMarkdownTest {

    @Test
    void rendersMarkdown() {
        assertThat(CommentMarkdown.toHtml("Hello **world**, _you_")).isEqualTo(
                "<p>Hello <strong>world</strong>, <em>you</em></p>\n");
        assertThat(CommentMarkdown.toHtml("one\ntwo")).isEqualTo("<p>one<br>\ntwo</p>\n");
        assertThat(CommentMarkdown.toHtml(null)).isEmpty();
    }

    @Test
    void escapesRawHtml() {
        assertThat(CommentMarkdown.toHtml("<script>alert(1)</script>")).doesNotContain("<script")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(CommentMarkdown.toHtml("hi <b onmouseover=\"alert(1)\">x</b>")).doesNotContain("<b")
                .contains("&lt;b onmouseover=&quot;alert(1)&quot;&gt;");
        assertThat(CommentMarkdown.toHtml("<img src=x onerror=alert(1)>")).doesNotContain("<img")
                .contains("&lt;img src=x onerror=alert(1)&gt;");
        assertThat(CommentMarkdown.toHtml("<iframe src=\"https://evil.example\"></iframe>"))
                .doesNotContain("<iframe");
    }

    @Test
    void keepsSafeLinksWithRel() {
        assertThat(CommentMarkdown.toHtml("[site](https://example.org/a?b=1&c=2 \"T\")")).isEqualTo(
                "<p><a href=\"https://example.org/a?b=1&amp;c=2\" title=\"T\" rel=\"noopener noreferrer nofollow\">"
                        + "site</a></p>\n");
        assertThat(CommentMarkdown.toHtml("<mailto:a@example.org>")).contains(
                "<a href=\"mailto:a@example.org\" rel=\"noopener noreferrer nofollow\">");
        assertThat(CommentMarkdown.toHtml("[x](HTTP://EXAMPLE.ORG)")).contains("href=\"HTTP://EXAMPLE.ORG\"");
    }

    @Test
    void dropsUnsafeLinks() {
        for (String link : new String[] {"[x](javascript:alert(1))", "[x](JavaScript:alert(1))",
                "[x](jav&#x61;script:alert(1))", "<javascript:alert(1)>", "[x](data:text/html;base64,PHNjcmlwdD4=)",
                "[x](vbscript:msgbox(1))", "[x](/relative)", "[x](//evil.example)", "[x](java\tscript:alert(1))"}) {
            String html = CommentMarkdown.toHtml(link);
            assertThat(html).as(link).doesNotContain("<a").doesNotContain("href");
        }
        assertThat(CommentMarkdown.toHtml("[click](javascript:alert(1))")).isEqualTo("<p>click</p>\n");
    }

    @Test
    void showsImagesAsTheirText() {
        assertThat(CommentMarkdown.toHtml("![a cat](https://example.org/cat.png)")).isEqualTo("<p>a cat</p>\n");
        assertThat(CommentMarkdown.toHtml("![x\" onerror=\"alert(1)](x)")).doesNotContain("<img")
                .doesNotContain("onerror=\"");
        assertThat(CommentMarkdown.toHtml("[![pic](https://example.org/p.png)](https://example.org)"))
                .isEqualTo("<p><a href=\"https://example.org\" rel=\"noopener noreferrer nofollow\">pic</a></p>\n");
    }

    @Test
    void attributesCannotBeBrokenOutOf() {
        String html = CommentMarkdown.toHtml("[x](https://example.org/\"onmouseover=\"alert(1))");
        assertThat(html).doesNotContain("\"onmouseover");
    }

    @Test
    void safeUrls() {
        assertThat(CommentMarkdown.isSafeUrl("https://a.example")).isTrue();
        assertThat(CommentMarkdown.isSafeUrl("http://a.example/x")).isTrue();
        assertThat(CommentMarkdown.isSafeUrl("mailto:x@a.example")).isTrue();
        assertThat(CommentMarkdown.isSafeUrl("https://")).isFalse();
        assertThat(CommentMarkdown.isSafeUrl("https://a b")).isFalse();
        assertThat(CommentMarkdown.isSafeUrl("ftp://a.example")).isFalse();
        assertThat(CommentMarkdown.isSafeUrl(null)).isFalse();
    }
}
