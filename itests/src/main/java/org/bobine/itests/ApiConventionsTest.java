package org.bobine.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;

import org.bobine.web.api.ApiException;
import org.bobine.web.api.ApiRoutes;
import org.bobine.web.api.Page;
import org.bobine.web.api.Pagination;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.ServiceRegistration;

/**
 * An {@link ApiRoutes} service registered by another bundle is routed under {@code /api/v1} with the API's
 * conventions, and its routes go when the service goes.
 */
class ApiConventionsTest extends RunningWeb {

    ServiceRegistration<ApiRoutes> registration;

    record Item(int id, String name) {
    }

    @BeforeEach
    void registerRoutes() throws Exception {
        List<Item> items = IntStream.range(0, 40).mapToObj(i -> new Item(i, "item " + i)).toList();
        registration = context.registerService(ApiRoutes.class, router -> router
                .get("/itest/items", request -> {
                    Pagination page = request.pagination(Set.of("id"), "id");
                    List<Item> sorted = new java.util.ArrayList<>(items);
                    if (page.descending()) {
                        java.util.Collections.reverse(sorted);
                    }
                    return Page.of(sorted.size(), sorted.subList(Math.min(page.start(), sorted.size()),
                            Math.min(page.start() + page.count(), sorted.size())));
                })
                .get("/itest/items/{id}", request -> items.get(Integer.parseInt(request.pathParam("id"))))
                .get("/itest/items/special", request -> Map.of("special", true))
                .post("/itest/echo", request -> request.body(Item.class))
                .get("/itest/quota", request -> {
                    throw new ApiException(413, "quota_reached", "The user video quota is exceeded");
                })
                .get("/itest/crash", request -> {
                    throw new IllegalStateException("secret internal detail");
                }), null);
        http.await("/api/v1/itest/items", response -> response.statusCode() == 200, WAIT);
    }

    @AfterEach
    void tearDown() {
        if (registration != null) {
            registration.unregister();
        }
    }

    @Test
    void listsArePagedAndSorted() throws Exception {
        JsonNode page = http.getJson("/api/v1/itest/items");
        assertEquals(40, page.path("total").asInt());
        assertEquals(15, page.path("data").size());
        JsonNode last = http.getJson("/api/v1/itest/items?start=30&count=100&sort=-id");
        assertEquals(10, last.path("data").size());
        assertEquals(9, last.path("data").get(0).path("id").asInt());

        HttpResponse<String> invalid = http.get("/api/v1/itest/items?count=101&sort=name");
        assertEquals(400, invalid.statusCode());
        JsonNode problem = Http.JSON.readTree(invalid.body());
        assertTrue(problem.path("invalid-params").has("count"), invalid.body());
        assertTrue(problem.path("invalid-params").has("sort"), invalid.body());
        assertEquals("Incorrect request parameters: count, sort", problem.path("detail").asText());
    }

    @Test
    void literalSegmentsWinOverParameters() throws Exception {
        assertTrue(http.getJson("/api/v1/itest/items/special").path("special").asBoolean());
        assertEquals("item 7", http.getJson("/api/v1/itest/items/7").path("name").asText());
    }

    @Test
    void jsonBodiesAreReadAndMalformedOnesRefused() throws Exception {
        HttpResponse<String> echo = http.send(http.request("/api/v1/itest/echo")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"id\":3,\"name\":\"three\",\"extra\":1}")));
        assertEquals(200, echo.statusCode());
        assertEquals("three", Http.JSON.readTree(echo.body()).path("name").asText());

        HttpResponse<String> malformed = http.send(http.request("/api/v1/itest/echo")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"id\":")));
        assertEquals(400, malformed.statusCode());
        assertTrue(malformed.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        assertFalse(malformed.body().contains("at com.fasterxml"), malformed.body());

        String huge = "{\"name\":\"" + "x".repeat(600 * 1024) + "\"}";
        HttpResponse<String> tooLarge = http.send(http.request("/api/v1/itest/echo")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(huge)));
        assertEquals(413, tooLarge.statusCode());
    }

    @Test
    void errorsAreProblemDocumentsWithPeerTubeFields() throws Exception {
        HttpResponse<String> quota = http.get("/api/v1/itest/quota");
        assertEquals(413, quota.statusCode());
        JsonNode problem = Http.JSON.readTree(quota.body());
        assertEquals("quota_reached", problem.path("code").asText());
        assertEquals(413, problem.path("status").asInt());
        assertEquals("The user video quota is exceeded", problem.path("detail").asText());
        assertEquals("The user video quota is exceeded", problem.path("error").asText());
        assertTrue(problem.path("type").asText().endsWith("#section/Errors/quota_reached"));

        HttpResponse<String> crash = http.get("/api/v1/itest/crash");
        assertEquals(500, crash.statusCode());
        assertFalse(crash.body().contains("secret internal detail"), crash.body());

        HttpResponse<String> unknown = http.get("/api/v1/itest/nothing-here");
        assertEquals(400, unknown.statusCode());
        assertEquals(400, Http.JSON.readTree(unknown.body()).path("status").asInt());
    }

    @Test
    void routesGoWithTheirService() throws Exception {
        registration.unregister();
        registration = null;
        http.await("/api/v1/itest/items", response -> response.statusCode() == 400, WAIT);
        assertEquals("pong", http.get("/api/v1/ping").body());
    }

    @Test
    void corsIsOpenOnTheApi() throws Exception {
        HttpResponse<String> preflight = http.send(http.request("/api/v1/itest/echo")
                .header("Origin", "https://elsewhere.example")
                .header("Access-Control-Request-Method", "POST")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        assertEquals(204, preflight.statusCode());
        assertEquals("*", preflight.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
        assertTrue(preflight.headers().firstValue("Access-Control-Allow-Methods").orElse("").contains("POST"));
    }

    @Test
    void serverConfigMergesContributorsAndFollowsTheConfiguration() throws Exception {
        JsonNode config = http.getJson("/api/v1/config");
        assertEquals("Integration test instance", config.path("instance").path("name").asText());
        assertEquals(List.of(480, 720), List.of(config.path("transcoding").path("enabledResolutions").get(0).asInt(),
                config.path("transcoding").path("enabledResolutions").get(1).asInt()));
        assertEquals("default", config.path("theme").path("default").asText());
    }
}
