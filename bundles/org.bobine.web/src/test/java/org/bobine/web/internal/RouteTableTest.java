package org.bobine.web.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.bobine.web.api.ApiHandler;
import org.junit.jupiter.api.Test;

class RouteTableTest {

    private static final ApiHandler NONE = request -> null;

    private static RouteTable.Route route(String method, String template, long rank) {
        return new RouteTable.Route(method, template, RouteTable.parseTemplate(template), NONE, rank, "test");
    }

    @Test
    void matchesLiteralsBeforeParameters() {
        RouteTable table = new RouteTable(List.of(route("GET", "/users/{id}", 0), route("GET", "/users/me", 0),
                route("GET", "/users/{id}/videos", 0)));
        assertThat(table.find("GET", "/users/me").route().template()).isEqualTo("/users/me");
        RouteTable.Match byId = table.find("GET", "/users/42");
        assertThat(byId.route().template()).isEqualTo("/users/{id}");
        assertThat(byId.params()).containsEntry("id", "42");
        assertThat(table.find("GET", "/users/42/videos").params()).containsEntry("id", "42");
    }

    @Test
    void distinguishesMethodsAndReportsKnownPaths() {
        RouteTable table = new RouteTable(List.of(route("GET", "/videos/{id}", 0)));
        assertThat(table.find("DELETE", "/videos/1")).isNull();
        assertThat(table.hasPath("/videos/1")).isTrue();
        assertThat(table.hasPath("/channels/1")).isFalse();
    }

    @Test
    void refusesEmptySegments() {
        RouteTable table = new RouteTable(List.of(route("GET", "/videos/{id}", 0)));
        assertThat(table.find("GET", "/videos//")).isNull();
        assertThat(table.find("GET", "/videos/")).isNull();
    }

    @Test
    void higherRankWinsBetweenEqualRoutes() {
        RouteTable table = new RouteTable(List.of(route("GET", "/ping", 1), route("GET", "/ping", 5)));
        assertThat(table.find("GET", "/ping").route().rank()).isEqualTo(5);
    }

    @Test
    void refusesMalformedTemplates() {
        assertThatThrownBy(() -> RouteTable.parseTemplate("videos")).hasMessageContaining("must start with '/'");
        assertThatThrownBy(() -> RouteTable.parseTemplate("/videos/{id")).hasMessageContaining("Malformed segment");
        assertThatThrownBy(() -> RouteTable.parseTemplate("/videos//x")).hasMessageContaining("Malformed segment");
    }
}
