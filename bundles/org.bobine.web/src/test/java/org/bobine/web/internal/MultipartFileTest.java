package org.bobine.web.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Map;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.Part;

import org.bobine.web.api.ApiException;
import org.bobine.web.api.UploadedFile;
import org.junit.jupiter.api.Test;

class MultipartFileTest {

    private static HttpServletRequest multipart() {
        HttpServletRequest servlet = mock(HttpServletRequest.class);
        when(servlet.getMethod()).thenReturn("POST");
        when(servlet.getContentType()).thenReturn("multipart/form-data; boundary=xyz");
        return servlet;
    }

    private static ServletApiRequest api(HttpServletRequest servlet) {
        return new ServletApiRequest(servlet, "/test", Map.of(), 64, null);
    }

    @Test
    void readsAFilePart() throws Exception {
        HttpServletRequest servlet = multipart();
        Part part = mock(Part.class);
        when(part.getSubmittedFileName()).thenReturn("me.png");
        when(part.getContentType()).thenReturn("image/png");
        when(part.getSize()).thenReturn(3L);
        when(part.getInputStream()).thenAnswer(i -> new ByteArrayInputStream(new byte[] {1, 2, 3}));
        when(servlet.getPart("avatarfile")).thenReturn(part);

        UploadedFile file = api(servlet).file("avatarfile", 10).orElseThrow();
        assertThat(file.field()).isEqualTo("avatarfile");
        assertThat(file.fileName()).isEqualTo("me.png");
        assertThat(file.contentType()).isEqualTo("image/png");
        assertThat(file.size()).isEqualTo(3);
        assertThat(file.open().readAllBytes()).containsExactly(1, 2, 3);

        assertThatThrownBy(() -> api(servlet).file("avatarfile", 2)).isInstanceOfSatisfying(ApiException.class,
                e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.invalidParams()).containsKey("avatarfile");
                });
    }

    @Test
    void absentPartsAndOtherBodies() throws Exception {
        HttpServletRequest servlet = multipart();
        Part field = mock(Part.class);
        when(servlet.getPart("displayName")).thenReturn(field);
        assertThat(api(servlet).file("avatarfile", 10)).isEmpty();
        assertThat(api(servlet).file("displayName", 10)).isEmpty();

        HttpServletRequest json = mock(HttpServletRequest.class);
        when(json.getContentType()).thenReturn("application/json");
        assertThat(api(json).file("avatarfile", 10)).isEmpty();
    }

    @Test
    void bodiesBeyondTheServersLimitAre413() throws Exception {
        HttpServletRequest servlet = multipart();
        class FileSizeLimitExceededException extends Exception {
            private static final long serialVersionUID = 1L;
        }
        when(servlet.getPart("avatarfile")).thenThrow(new IOException("Error parsing multipart request",
                new FileSizeLimitExceededException()));
        assertThatThrownBy(() -> api(servlet).file("avatarfile", 10)).isInstanceOfSatisfying(ApiException.class,
                e -> {
                    assertThat(e.status()).isEqualTo(413);
                    assertThat(e.invalidParams()).containsKey("avatarfile");
                });

        HttpServletRequest broken = multipart();
        when(broken.getPart("avatarfile")).thenThrow(new ServletException("Not a multipart request"));
        assertThatThrownBy(() -> api(broken).file("avatarfile", 10)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.status()).isEqualTo(400));
    }
}
