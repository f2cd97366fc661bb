package org.bobine.web.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
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
        when(part.getName()).thenReturn("avatarfile");
        when(part.getSubmittedFileName()).thenReturn("me.png");
        when(part.getContentType()).thenReturn("image/png");
        when(part.getSize()).thenReturn(3L);
        when(part.getInputStream()).thenAnswer(i -> new ByteArrayInputStream(new byte[] {1, 2, 3}));
        when(servlet.getParts()).thenReturn(List.of(part));

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
        when(field.getName()).thenReturn("displayName");
        when(servlet.getParts()).thenReturn(List.of(field));
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
        when(servlet.getParts()).thenThrow(new IOException("Error parsing multipart request",
                new FileSizeLimitExceededException()));
        assertThatThrownBy(() -> api(servlet).file("avatarfile", 10)).isInstanceOfSatisfying(ApiException.class,
                e -> {
                    assertThat(e.status()).isEqualTo(413);
                    assertThat(e.invalidParams()).containsKey("avatarfile");
                });

        HttpServletRequest broken = multipart();
        when(broken.getParts()).thenThrow(new ServletException("Not a multipart request"));
        assertThatThrownBy(() -> api(broken).file("avatarfile", 10)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.status()).isEqualTo(400));
    }

    @Test
    void multipartBodiesOfPutRequestsAreParsedHere() throws Exception {
        String body = "--xyz\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nBirds of prey\r\n"
                + "--xyz\r\nContent-Disposition: form-data; name=\"captionfile\"; filename=\"fr.vtt\"\r\n"
                + "Content-Type: text/vtt\r\n\r\nWEBVTT\r\n--xyz--\r\n";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpServletRequest servlet = mock(HttpServletRequest.class);
        when(servlet.getMethod()).thenReturn("PUT");
        when(servlet.getContentType()).thenReturn("multipart/form-data; boundary=xyz");
        when(servlet.getContentLengthLong()).thenReturn((long) bytes.length);
        when(servlet.getContentLength()).thenReturn(bytes.length);
        ByteArrayInputStream in = new ByteArrayInputStream(bytes);
        when(servlet.getInputStream()).thenReturn(new ServletInputStream() {
            @Override
            public int read() {
                return in.read();
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
                throw new UnsupportedOperationException();
            }
        });

        ServletApiRequest request = new ServletApiRequest(servlet, "/test", Map.of(), 1024, null);
        assertThat(request.multipartFields()).containsEntry("name", List.of("Birds of prey"));
        UploadedFile file = request.file("captionfile", 100).orElseThrow();
        assertThat(file.fileName()).isEqualTo("fr.vtt");
        assertThat(file.contentType()).isEqualTo("text/vtt");
        assertThat(new String(file.open().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("WEBVTT");
        request.release();
    }
}
