package org.bobine.theme.api;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The style sheets that restyle the instance's pages: those of the theme a user chose, else those of the
 * instance's default theme, else none (the built-in look). Pages load them after their own style sheet, so that a
 * theme's custom properties win. Thread-safe and cheap: it answers from memory, on every page.
 */
@ProviderType
public interface ThemeStyles {

    /**
     * @param preferred the theme a user chose ({@code instance-default}, {@code default}, or a theme's name), or
     *        {@code null} for a visitor
     * @return the paths of the style sheets to load, each of the form {@code /themes/{name}/{version}/css/{file}},
     *         in order; empty for the built-in look, and for a preferred theme that is not installed when the
     *         instance's default is the built-in look
     */
    List<String> styleSheets(String preferred);
}
