package org.bobine.ui.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * The pages' own files (style sheet, scripts, icon, and the vendored hls.js), read once from the bundle and kept
 * in memory with a gzip copy. Their URLs carry a version made from their content, {@code /ui/{version}/{file}},
 * so that browsers keep them for a year and fetch them again only after an upgrade changed one.
 */
final class Assets {

    /**
     * One file.
     *
     * @param type its media type
     * @param bytes its content
     * @param gzipped its content compressed, or {@code null} when compression does not pay
     */
    record Asset(String type, byte[] bytes, byte[] gzipped) {
    }

    static final Map<String, String> FILES = Map.of(
            "app.css", "text/css; charset=utf-8",
            "app.js", "text/javascript; charset=utf-8",
            "player.js", "text/javascript; charset=utf-8",
            "icon.svg", "image/svg+xml",
            "vendor/hls.min.mjs", "text/javascript; charset=utf-8",
            "vendor/hls.js-LICENSE", "text/plain; charset=utf-8");

    private final Map<String, Asset> assets;
    private final String version;

    Assets() {
        Map<String, Asset> loaded = new LinkedHashMap<>();
        MessageDigest digest = sha256();
        FILES.keySet().stream().sorted().forEach(name -> {
            byte[] bytes = read("/ui/" + name);
            digest.update(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            digest.update(bytes);
            byte[] gzipped = gzip(bytes);
            loaded.put(name, new Asset(FILES.get(name), bytes, gzipped.length < bytes.length * 0.9 ? gzipped : null));
        });
        this.assets = Map.copyOf(loaded);
        this.version = HexFormat.of().formatHex(digest.digest()).substring(0, 12);
    }

    /** @return the path prefix of the files of this build, {@code /ui/<version>/} */
    String base() {
        return "/ui/" + version + "/";
    }

    String version() {
        return version;
    }

    Asset find(String name) {
        return assets.get(name);
    }

    private static byte[] read(String path) {
        try (InputStream in = Assets.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("The bundle lacks " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 3 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
