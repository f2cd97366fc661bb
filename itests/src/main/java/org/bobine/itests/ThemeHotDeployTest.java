package org.bobine.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;

/**
 * A theme plugin is installed, updated and removed in a running framework, and Bobine follows each change
 * without a restart: {@code /api/v1/config} lists it, its style sheet is served, then neither.
 */
class ThemeHotDeployTest extends RunningWeb {

    @Test
    void installUpdateAndRemoveATheme() throws Exception {
        Bundle bundle = context.installBundle("itest:sunset", BundleBuilder.theme("sunset", "1.0.0",
                ":root { --bg: #ffeedd; }"));
        try {
            bundle.start();
            JsonNode config = json(http.await("/api/v1/config", listsTheme("sunset", "1.0.0"), WAIT));
            JsonNode theme = config.path("theme").path("registered").get(0);
            assertEquals("peertube-theme-sunset", theme.path("npmName").asText());
            assertEquals("sunset.css", theme.path("css").get(0).asText());
            HttpResponse<String> css = http.get("/themes/sunset/1.0.0/css/sunset.css");
            assertEquals(200, css.statusCode());
            assertEquals(":root { --bg: #ffeedd; }", css.body());
            assertTrue(css.headers().firstValue("Content-Type").orElse("").startsWith("text/css"));

            bundle.update(BundleBuilder.theme("sunset", "1.1.0", ":root { --bg: #ffddcc; }"));
            http.await("/api/v1/config", listsTheme("sunset", "1.1.0"), WAIT);
            assertEquals(":root { --bg: #ffddcc; }", http.get("/themes/sunset/1.1.0/css/sunset.css").body());
            assertEquals(404, http.get("/themes/sunset/1.0.0/css/sunset.css").statusCode());
        } finally {
            bundle.uninstall();
        }
        http.await("/api/v1/config", body -> !body.body().contains("sunset"), WAIT);
        assertEquals(404, http.get("/themes/sunset/1.1.0/css/sunset.css").statusCode());
    }

    @Test
    void onlyDeclaredStyleSheetsAndStaticFilesAreServed() throws Exception {
        Bundle bundle = context.installBundle("itest:dusk", BundleBuilder.theme("dusk", "2.0.0", "a{}"));
        try {
            bundle.start();
            http.await("/api/v1/config", listsTheme("dusk", "2.0.0"), WAIT);
            assertEquals(200, http.get("/themes/dusk/2.0.0/css/dusk.css").statusCode());
            assertEquals(404, http.get("/themes/dusk/2.0.0/css/other.css").statusCode());
            // Jetty refuses an encoded slash outright (400); either way nothing outside the theme is served.
            int encodedSlash = http.get("/themes/dusk/2.0.0/css/..%2Ftheme.properties").statusCode();
            assertTrue(encodedSlash == 400 || encodedSlash == 404, "status " + encodedSlash);
            assertEquals(404, http.get("/themes/dusk/2.0.0/static/../theme.properties").statusCode());
            assertEquals(404, http.get("/themes/dusk/9.9.9/css/dusk.css").statusCode());
            assertEquals(404, http.get("/themes/nothing/1.0.0/css/nothing.css").statusCode());
        } finally {
            bundle.uninstall();
        }
    }

    @Test
    void aThemeWithAnInvalidNameIsIgnoredAndHarmsNothing() throws Exception {
        Bundle bundle = context.installBundle("itest:bad", BundleBuilder.theme("Not A Name", "1.0.0", "a{}"));
        try {
            bundle.start();
            Thread.sleep(300);
            HttpResponse<String> config = http.get("/api/v1/config");
            assertEquals(200, config.statusCode());
            assertTrue(!config.body().contains("Not A Name"), config.body());
        } finally {
            bundle.uninstall();
        }
    }

    private static Predicate<HttpResponse<String>> listsTheme(String name, String version) {
        return response -> {
            if (response.statusCode() != 200) {
                return false;
            }
            for (JsonNode theme : json(response).path("theme").path("registered")) {
                if (theme.path("name").asText().equals(name) && theme.path("version").asText().equals(version)) {
                    return true;
                }
            }
            return false;
        };
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return Http.JSON.readTree(response.body());
        } catch (Exception e) {
            throw new AssertionError("Not JSON: " + response.body(), e);
        }
    }
}
