package org.bobine.web.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.Part;

import org.bobine.web.api.ApiException;
import org.bobine.web.api.Router;
import org.junit.jupiter.api.Test;

/** The text fields of multipart bodies, and the limits each route sets on multipart bodies. */
class MultipartFieldsTest {

    private static Part text(String name, String value) throws Exception {
        Part part = mock(Part.class);
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        when(part.getName()).thenReturn(name);
        when(part.getSize()).thenReturn((long) bytes.length);
        when(part.getInputStream()).thenAnswer(i -> new ByteArrayInputStream(bytes));
        return part;
    }

    private static HttpServletRequest multipart(List<Part> parts) throws Exception {
        HttpServletRequest servlet = mock(HttpServletRequest.class);
        when(servlet.getMethod()).thenReturn("POST");
        when(servlet.getContentType()).thenReturn("multipart/form-data; boundary=xyz");
        when(servlet.getParts()).thenReturn(parts);
        return servlet;
    }

    @Test
    void textFieldsKeepTheirBracketsAndOrderAndSkipFiles() throws Exception {
        Part file = mock(Part.class);
        when(file.getName()).thenReturn("videofile");
        when(file.getSubmittedFileName()).thenReturn("v.mp4");
        HttpServletRequest servlet = multipart(List.of(text("name", "Été"), text("tags[0]", "a1"), file,
                text("tags[1]", "b2"), text("name", "again")));

        Map<String, List<String>> fields = new ServletApiRequest(servlet, "/videos/upload", Map.of(), 1000, null)
                .multipartFields();
        assertThat(fields).containsOnlyKeys("name", "tags[0]", "tags[1]");
        assertThat(fields.get("name")).containsExactly("Été", "again");
        assertThat(fields.keySet()).containsExactly("name", "tags[0]", "tags[1]");
    }

    @Test
    void textFieldsObeyTheBodyLimit() throws Exception {
        HttpServletRequest servlet = multipart(List.of(text("description", "x".repeat(40)), text("support",
                "y".repeat(40))));
        assertThatThrownBy(() -> new ServletApiRequest(servlet, "/", Map.of(), 64, null).multipartFields())
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(413));
    }

    @Test
    void otherBodiesHaveNoFields() {
        HttpServletRequest json = mock(HttpServletRequest.class);
        when(json.getContentType()).thenReturn("application/json");
        assertThat(new ServletApiRequest(json, "/", Map.of(), 64, null).multipartFields()).isEmpty();
    }

    @Test
    void eachRouteLimitsItsMultipartBodiesBeforeTheyAreRead() {
        RouteTable.Route plain = new RouteTable.Route("POST", "/users/me/avatar/pick",
                RouteTable.parseTemplate("/users/me/avatar/pick"), r -> null, 0, "test");
        RouteTable.Route upload = new RouteTable.Route("POST", "/videos/upload",
                RouteTable.parseTemplate("/videos/upload"), r -> null, 0, "test", 12L << 30);
        assertThat(plain.maxMultipartBytes()).isEqualTo(Router.DEFAULT_MULTIPART_BYTES);

        HttpServletRequest big = mock(HttpServletRequest.class);
        when(big.getContentType()).thenReturn("multipart/form-data; boundary=xyz");
        when(big.getContentLengthLong()).thenReturn(1L << 30);
        assertThatThrownBy(() -> ApiDispatcher.checkMultipartLength(big, plain))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(413);
                    assertThat(e.code()).isEqualTo("max_file_size_reached");
                });
        ApiDispatcher.checkMultipartLength(big, upload);

        HttpServletRequest chunked = mock(HttpServletRequest.class);
        when(chunked.getContentType()).thenReturn("multipart/form-data; boundary=xyz");
        when(chunked.getContentLengthLong()).thenReturn(-1L);
        assertThatThrownBy(() -> ApiDispatcher.checkMultipartLength(chunked, plain))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(411));
        ApiDispatcher.checkMultipartLength(chunked, upload);

        HttpServletRequest json = mock(HttpServletRequest.class);
        when(json.getContentType()).thenReturn("application/json");
        when(json.getContentLengthLong()).thenReturn(1L << 30);
        ApiDispatcher.checkMultipartLength(json, plain);
    }
}
