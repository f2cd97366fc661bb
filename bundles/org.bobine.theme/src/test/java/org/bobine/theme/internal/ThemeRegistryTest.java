package org.bobine.theme.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.annotation.Annotation;
import java.net.URL;
import java.util.List;
import java.util.Map;

import org.bobine.api.theme.Theme;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Constants;

class ThemeRegistryTest {

    record TestTheme(String name, String version, List<String> cssFiles) implements Theme {
        @Override
        public String description() {
            return "test";
        }

        @Override
        public URL resource(String path) {
            return null;
        }
    }

    private static ThemeRegistry.Config config(String defaultTheme) {
        return new ThemeRegistry.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return ThemeRegistry.Config.class;
            }

            @Override
            public String defaultTheme() {
                return defaultTheme;
            }
        };
    }

    private static Map<String, Object> properties(long id, int ranking) {
        return Map.of(Constants.SERVICE_ID, id, Constants.SERVICE_RANKING, ranking);
    }

    @Test
    void theHigherRankedThemeOfANameWinsAndTheOtherTakesOverWhenItGoes() {
        ThemeRegistry registry = new ThemeRegistry(config("night"));
        TestTheme older = new TestTheme("night", "1.0.0", List.of("night.css"));
        TestTheme preferred = new TestTheme("night", "2.0.0", List.of("night.css"));
        registry.addTheme(older, properties(1, 0));
        registry.addTheme(preferred, properties(2, 10));
        assertThat(registry.find("night").orElseThrow().version()).isEqualTo("2.0.0");
        registry.removeTheme(preferred, properties(2, 10));
        assertThat(registry.find("night").orElseThrow().version()).isEqualTo("1.0.0");
    }

    @Test
    void theDefaultThemeFallsBackToTheBuiltInOneWhenNotInstalled() {
        ThemeRegistry registry = new ThemeRegistry(config("night"));
        assertThat(section(registry)).containsEntry("default", "default");
        registry.addTheme(new TestTheme("night", "1.0.0", List.of("night.css")), properties(1, 0));
        assertThat(section(registry)).containsEntry("default", "night");
    }

    @Test
    void pagesLoadTheChosenThemeElseTheInstanceDefaultElseNothing() {
        ThemeRegistry registry = new ThemeRegistry(config("night"));
        assertThat(registry.styleSheets(null)).isEmpty();
        registry.addTheme(new TestTheme("night", "1.2.0", List.of("night.css", "extra.css")), properties(1, 0));
        registry.addTheme(new TestTheme("sunny", "2.0.0", List.of("sun.css")), properties(2, 0));
        assertThat(registry.styleSheets(null))
                .containsExactly("/themes/night/1.2.0/css/night.css", "/themes/night/1.2.0/css/extra.css");
        assertThat(registry.styleSheets("instance-default")).hasSize(2);
        assertThat(registry.styleSheets("sunny")).containsExactly("/themes/sunny/2.0.0/css/sun.css");
        assertThat(registry.styleSheets("absent")).hasSize(2);
        assertThat(registry.styleSheets("default")).isEmpty();
    }

    @Test
    void invalidThemesAreRefusedWithAReason() {
        assertThatThrownBy(() -> ThemeRegistry.describe(new TestTheme("Night", "1.0.0", List.of()), 0, 1))
                .hasMessageContaining("name");
        assertThatThrownBy(() -> ThemeRegistry.describe(new TestTheme("default", "1.0.0", List.of()), 0, 1))
                .hasMessageContaining("reserved");
        assertThatThrownBy(() -> ThemeRegistry.describe(new TestTheme("x", "one", List.of()), 0, 1))
                .hasMessageContaining("version");
        assertThatThrownBy(() -> ThemeRegistry.describe(new TestTheme("x", "1.0.0", List.of("../x.css")), 0, 1))
                .hasMessageContaining("safe");
    }

    @Test
    void pathsThatCouldLeaveTheThemeAreUnsafe() {
        assertThat(ThemePaths.isSafe("night.css")).isTrue();
        assertThat(ThemePaths.isSafe("fonts/inter.woff2")).isTrue();
        for (String unsafe : new String[] {"", "/etc/passwd", "../x", "a/../../x", "a//b", "a/./b", "a\\b", "c:x",
            "a/"}) {
            assertThat(ThemePaths.isSafe(unsafe)).as(unsafe).isFalse();
        }
        assertThat(ThemePaths.mediaType("a.woff2")).isEqualTo("font/woff2");
        assertThat(ThemePaths.mediaType("A.CSS")).startsWith("text/css");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> section(ThemeRegistry registry) {
        return (Map<String, Object>) registry.serverConfig(null).get("theme");
    }
}
