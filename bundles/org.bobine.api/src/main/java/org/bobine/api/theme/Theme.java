package org.bobine.api.theme;

import java.net.URL;
import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A theme contributed by a plugin: its identity, its style sheets and a way to read its files.
 *
 * <p>Register an implementation as an OSGi service (typically a Declarative Services component). Bobine calls
 * its methods from request threads, concurrently, so implementations must be thread-safe; they should also be
 * cheap, because {@link #resource(String)} is called on every request for one of the theme's files.
 *
 * <p>Example, in a plugin bundle whose theme files live under {@code theme/} in the bundle:
 *
 * <pre>{@code
 * @Component(service = Theme.class)
 * public class SunsetTheme implements Theme {
 *     public String name() { return "sunset"; }
 *     public String version() { return "1.0.0"; }
 *     public String description() { return "Warm colours for the evening"; }
 *     public List<String> cssFiles() { return List.of("sunset.css"); }
 *     public URL resource(String path) { return getClass().getResource("/theme/" + path); }
 * }
 * }</pre>
 *
 * <p>When two services register a theme of the same {@link #name()}, the one with the highest service ranking
 * (then the lowest service id) is used; the other is ignored until the first goes away.
 */
@ConsumerType
public interface Theme {

    /**
     * The theme's name, as PeerTube names themes without their {@code peertube-theme-} prefix: lower-case
     * letters, digits, {@code -} and {@code _}, 1 to 50 characters (for example {@code night}). It is the
     * value an administrator sets as the instance's default theme and a user as their own. A theme whose name
     * does not follow these rules is not registered, and the reason is logged.
     *
     * @return the theme's name, never {@code null}
     */
    String name();

    /**
     * The theme's version, in {@code major.minor.micro} form (for example {@code 1.2.0}); it appears in the URLs
     * of the theme's files so that browsers can cache them for a long time.
     *
     * @return the version, never {@code null}
     */
    String version();

    /**
     * A one-line description shown to administrators in the theme list.
     *
     * @return the description, possibly empty, never {@code null}
     */
    String description();

    /**
     * The theme's style sheets, as paths relative to the theme's root (for example {@code night.css}), in the
     * order in which pages load them. Each one must be readable through {@link #resource(String)}; Bobine
     * serves it at {@code /themes/{name}/{version}/css/{path}}. Other files the style sheets refer to (fonts,
     * images) live under {@code static/} in the theme and are served at
     * {@code /themes/{name}/{version}/static/{path below static/}}; only declared style sheets and files under
     * {@code static/} are served.
     *
     * @return the paths of the style sheets; an empty list for a theme that has none
     */
    List<String> cssFiles();

    /**
     * Opens one of the theme's files.
     *
     * <p>Bobine has already checked {@code path} before calling this method: it is relative, uses {@code /}
     * as separator, and has no empty, {@code .} or {@code ..} segment. Implementations must not attempt to
     * sanitise or rewrite it, and must answer {@code null} rather than throw when the file does not exist.
     *
     * @param path the path of the file relative to the theme's root, for example {@code night.css} or
     *        {@code static/fonts/inter.woff2}
     * @return a URL from which the file's bytes can be read, or {@code null} if the theme has no such file
     */
    URL resource(String path);
}
