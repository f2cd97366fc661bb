package org.bobine.web.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;

import org.bobine.web.api.ApiException;
import org.bobine.web.api.Pagination;
import org.junit.jupiter.api.Test;

class ServletApiRequestTest {

    private static ServletApiRequest request(String query, String contentType, String body) throws IOException {
        HttpServletRequest servlet = mock(HttpServletRequest.class);
        when(servlet.getMethod()).thenReturn("POST");
        when(servlet.getQueryString()).thenReturn(query);
        when(servlet.getContentType()).thenReturn(contentType);
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        when(servlet.getContentLengthLong()).thenReturn((long) bytes.length);
        ByteArrayInputStream in = new ByteArrayInputStream(bytes);
        when(servlet.getInputStream()).thenReturn(new ServletInputStream() {
            @Override
            public int read() {
                return in.read();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                return in.read(b, off, len);
            }

            @Override
            public boolean isFinished() {
                return in.available() == 0;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener listener) {
            }
        });
        return new ServletApiRequest(servlet, "/test", Map.of("id", "7"), 64, null);
    }

    @Test
    void paginationHasPeerTubeDefaultsAndLimits() throws Exception {
        assertThat(request(null, null, null).pagination(Set.of("createdAt"), "-createdAt"))
                .isEqualTo(new Pagination(0, 15, "createdAt", true));
        assertThat(request("start=20&count=100&sort=name", null, null).pagination(Set.of("name"), "-createdAt"))
                .isEqualTo(new Pagination(20, 100, "name", false));
        assertThatThrownBy(() -> request("start=-1&count=0&sort=-secret", null, null)
                .pagination(Set.of("name"), "name"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.invalidParams()).containsOnlyKeys("start", "count", "sort");
                });
    }

    @Test
    void queryParametersAreDecodedAndRepeatable() throws Exception {
        ServletApiRequest request = request("tagsOneOf=a&tagsOneOf=b%20c&tagsOneOf[]=d&nsfw=true&n=12", null, null);
        assertThat(request.queryAll("tagsOneOf")).containsExactly("a", "b c", "d");
        assertThat(request.queryBoolean("nsfw")).contains(true);
        assertThat(request.queryInt("n", 0, 20)).contains(12);
        assertThatThrownBy(() -> request.queryInt("n", 0, 10)).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> request("nsfw=perhaps", null, null).queryBoolean("nsfw"))
                .isInstanceOf(ApiException.class);
        assertThat(request.pathParam("id")).isEqualTo("7");
    }

    record Thing(String name) {
    }

    @Test
    void jsonBodiesAreLimitedAndValidated() throws Exception {
        assertThat(request(null, "application/json; charset=utf-8", "{\"name\":\"x\"}").body(Thing.class).name())
                .isEqualTo("x");
        assertThat(request(null, "application/activity+json", "{\"name\":\"y\"}").body(Thing.class).name())
                .isEqualTo("y");
        assertThatThrownBy(() -> request(null, "application/json", "{\"name\":").body(Thing.class))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
        assertThatThrownBy(() -> request(null, "text/plain", "{}").body(Thing.class))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
        assertThatThrownBy(() -> request(null, "application/json", "{\"name\":\"" + "x".repeat(100) + "\"}")
                .body(Thing.class))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(413));
    }

    @Test
    void formBodiesAreParsedFlat() throws Exception {
        assertThat(request(null, "application/x-www-form-urlencoded", "grant_type=password&username=a%40b.c")
                .form()).containsEntry("grant_type", "password").containsEntry("username", "a@b.c");
        assertThatThrownBy(() -> request(null, "application/json", "{}").form())
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("invalid_request"));
    }
}
