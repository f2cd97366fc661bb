package org.bobine.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bobine.web.api.ApiException;
import org.junit.jupiter.api.Test;

class ProblemsTest {

    @Test
    void aCodedErrorHasItsTypeAndCode() {
        Map<String, Object> problem = Problems.document(new ApiException(403, "missing_two_factor", "Missing OTP"),
                "/api/v1/users/token");
        assertThat(problem).containsEntry("status", 403).containsEntry("title", "Forbidden")
                .containsEntry("code", "missing_two_factor").containsEntry("detail", "Missing OTP")
                .containsEntry("error", "Missing OTP").containsEntry("instance", "/api/v1/users/token")
                .containsEntry("type", "https://docs.joinpeertube.org/api-rest-reference.html#section/Errors/"
                        + "missing_two_factor");
    }

    @Test
    void validationErrorsListTheirParameters() {
        Map<String, String> invalid = new LinkedHashMap<>();
        invalid.put("name", "Should have a video name between 3 and 120 characters long");
        invalid.put("tags", "Should have correct tags");
        Map<String, Object> problem = Problems.document(ApiException.invalidParams(invalid), "/api/v1/videos");
        assertThat(problem.get("detail")).isEqualTo("Incorrect request parameters: name, tags");
        assertThat(problem.get("type")).isEqualTo("about:blank");
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> params = (Map<String, Map<String, Object>>) problem.get("invalid-params");
        assertThat(params.keySet()).containsExactly("name", "tags");
        assertThat(params.get("name")).containsEntry("msg", invalid.get("name"));
    }

    @Test
    void configSectionsMergeRecursively() {
        Map<String, Object> target = new LinkedHashMap<>(Map.of("instance", Map.of("name", "A", "isNSFW", false)));
        ServerConfigRoutes.merge(target, Map.of("instance", Map.of("name", "B"), "theme", List.of()));
        assertThat(target.get("instance")).isEqualTo(Map.of("name", "B", "isNSFW", false));
        assertThat(target).containsKey("theme");
    }
}
