/**
 * Themes: the extension point through which a plugin restyles Bobine's web interface.
 *
 * <p>A theme is a named set of CSS files, and the assets they refer to, contributed by a plugin bundle as a
 * {@link org.bobine.api.theme.Theme} service. Bobine lists every registered theme in {@code /api/v1/config}
 * ({@code theme.registered}) and serves its files at PeerTube's theme paths,
 * {@code /themes/{name}/{version}/css/{file}} and {@code /themes/{name}/{version}/static/{file}}, so that the
 * same theme works in Bobine's pages and in PeerTube-compatible clients.
 *
 * <p>Bobine's pages are styled entirely through CSS custom properties: a theme's style sheets normally only
 * redefine those properties (for example {@code --bg}, {@code --fg}, {@code --primary}) under {@code :root}.
 *
 * <p>Themes are hot-deployable: Bobine picks up a theme when its service appears and forgets it when the
 * service goes, while serving requests.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.bobine.api.theme;
