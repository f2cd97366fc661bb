package org.bobine.catalog.internal;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.html.HtmlNodeRendererContext;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.html.HtmlWriter;

/**
 * The one safe rendering of a comment's markdown to HTML, for pages that show comments. PeerTube sends the raw
 * text in its API and renders it in the browser; Bobine's pages are rendered on the server, so the rendering must
 * be safe on its own: raw HTML is escaped, links keep only {@code http}, {@code https} and {@code mailto} targets
 * (any other link shows as its text) and carry {@code rel="noopener noreferrer nofollow"}, and images show as their
 * alternative text, so that a comment loads nothing from elsewhere. Thread-safe.
 */
final class CommentMarkdown {

    static final String LINK_REL = "noopener noreferrer nofollow";

    private static final Pattern SAFE_URL = Pattern.compile("(https?://|mailto:)[^\\s\\p{Cntrl}]+");

    private static final Parser PARSER = Parser.builder().build();

    private static final HtmlRenderer RENDERER = HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(false)
            .softbreak("<br>\n").nodeRendererFactory(SafeLinksAndImages::new).build();

    private CommentMarkdown() {
    }

    /** @return the comment's markdown as HTML that is safe to insert in a page */
    static String toHtml(String markdown) {
        return RENDERER.render(PARSER.parse(markdown == null ? "" : markdown));
    }

    /** @return whether a link may point there: an absolute http(s) or mailto URL */
    static boolean isSafeUrl(String url) {
        return url != null && SAFE_URL.matcher(url.toLowerCase(Locale.ROOT)).matches();
    }

    /** Links to safe targets only, with the {@code rel} that keeps the opened page from this one; no images. */
    private static final class SafeLinksAndImages implements NodeRenderer {

        private final HtmlNodeRendererContext context;
        private final HtmlWriter html;

        SafeLinksAndImages(HtmlNodeRendererContext context) {
            this.context = context;
            this.html = context.getWriter();
        }

        @Override
        public Set<Class<? extends Node>> getNodeTypes() {
            return Set.of(Link.class, Image.class);
        }

        @Override
        public void render(Node node) {
            if (node instanceof Link link && isSafeUrl(link.getDestination())) {
                Map<String, String> attributes = new LinkedHashMap<>();
                attributes.put("href", context.encodeUrl(link.getDestination()));
                if (link.getTitle() != null) {
                    attributes.put("title", link.getTitle());
                }
                attributes.put("rel", LINK_REL);
                html.tag("a", attributes);
                renderChildren(node);
                html.tag("/a");
            } else {
                renderChildren(node);
            }
        }

        private void renderChildren(Node parent) {
            Node child = parent.getFirstChild();
            while (child != null) {
                Node next = child.getNext();
                context.render(child);
                child = next;
            }
        }
    }
}
