package org.bobine.ui.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.bobine.auth.api.PasswordLogin;
import org.bobine.catalog.api.VideoCatalog;
import org.bobine.web.api.InstanceAddress;
import org.junit.jupiter.api.Test;

/** The pages' files: versioned URLs cached for a year, gzip when accepted, one tag per encoding, 404 otherwise. */
class AssetsServletTest {

    final Site site = new Site(mock(VideoCatalog.class), mock(PasswordLogin.class), token -> Optional.empty(),
            preferred -> List.of(), mock(InstanceAddress.class));
    final AssetsServlet servlet = new AssetsServlet(site);

    record Answer(int status, Map<String, String> headers, byte[] body) {
    }

    Answer get(String path, Map<String, String> requestHeaders) throws Exception {
        HttpServletRequest request = mock(HttpServletRequest.class);
        HttpServletResponse response = mock(HttpServletResponse.class);
        when(request.getPathInfo()).thenReturn(path);
        when(request.getHeader(anyString())).thenAnswer(i -> requestHeaders.get(i.getArgument(0, String.class)));
        Map<String, String> headers = new HashMap<>();
        int[] status = {200};
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        when(response.getOutputStream()).thenReturn(new ServletOutputStream() {
            @Override
            public void write(int b) {
                body.write(b);
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
            }
        });
        StringWriter text = new StringWriter();
        when(response.getWriter()).thenReturn(new PrintWriter(text, true));
        org.mockito.Mockito.doAnswer(i -> headers.put(i.getArgument(0), i.getArgument(1))).when(response)
                .setHeader(anyString(), anyString());
        org.mockito.Mockito.doAnswer(i -> status[0] = i.getArgument(0, Integer.class)).when(response)
                .setStatus(org.mockito.ArgumentMatchers.anyInt());
        servlet.doGet(request, response);
        body.write(text.toString().getBytes(StandardCharsets.UTF_8));
        return new Answer(status[0], headers, body.toByteArray());
    }

    @Test
    void theCurrentVersionIsImmutableAndCompressedWhenAccepted() throws Exception {
        String version = site.assets().version();
        Answer plain = get("/" + version + "/app.css", Map.of());
        assertThat(plain.status()).isEqualTo(200);
        assertThat(plain.headers()).containsEntry("Cache-Control", "public, max-age=31536000, immutable")
                .doesNotContainKey("Content-Encoding");
        assertThat(new String(plain.body(), StandardCharsets.UTF_8)).contains("--primary:");

        Answer gzipped = get("/" + version + "/app.css", Map.of("Accept-Encoding", "gzip, br"));
        assertThat(gzipped.headers()).containsEntry("Content-Encoding", "gzip");
        assertThat(new GZIPInputStream(new ByteArrayInputStream(gzipped.body())).readAllBytes())
                .isEqualTo(plain.body());
        assertThat(gzipped.headers().get("ETag")).isNotEqualTo(plain.headers().get("ETag"));

        Answer again = get("/" + version + "/app.css", Map.of("If-None-Match", plain.headers().get("ETag")));
        assertThat(again.status()).isEqualTo(304);
        assertThat(get("/" + version + "/vendor/hls.min.mjs", Map.of()).status()).isEqualTo(200);
    }

    @Test
    void anOldVersionIsServedBrieflyAndUnknownFilesAreNotFound() throws Exception {
        Answer old = get("/0123456789ab/app.js", Map.of());
        assertThat(old.status()).isEqualTo(200);
        assertThat(old.headers()).containsEntry("Cache-Control", "public, max-age=60");
        assertThat(get("/" + site.assets().version() + "/../bnd.bnd", Map.of()).status()).isEqualTo(404);
        assertThat(get("/" + site.assets().version() + "/nothing.js", Map.of()).status()).isEqualTo(404);
        assertThat(get("/app.css", Map.of()).status()).isEqualTo(404);
        assertThat(get(null, Map.of()).status()).isEqualTo(404);
    }
}
