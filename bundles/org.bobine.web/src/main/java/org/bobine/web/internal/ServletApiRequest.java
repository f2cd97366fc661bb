package org.bobine.web.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.core.JacksonException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.Part;

import org.bobine.web.api.ApiException;
import org.bobine.web.api.ApiRequest;
import org.bobine.web.api.ApiUser;
import org.bobine.web.api.Authenticator;
import org.bobine.web.api.Pagination;
import org.bobine.web.api.UploadedFile;

/** An {@link ApiRequest} over a servlet request. */
final class ServletApiRequest implements ApiRequest {

    private final HttpServletRequest request;
    private final String path;
    private final Map<String, String> pathParams;
    private final int maxBodyBytes;
    private final Authenticator authenticator;
    private Map<String, List<String>> query;
    private Optional<ApiUser> user;
    private List<BodyPart> parts;
    private List<org.apache.commons.fileupload.FileItem> uploadedItems;

    ServletApiRequest(HttpServletRequest request, String path, Map<String, String> pathParams, int maxBodyBytes,
            Authenticator authenticator) {
        this.request = request;
        this.path = path;
        this.pathParams = pathParams;
        this.maxBodyBytes = maxBodyBytes;
        this.authenticator = authenticator;
    }

    @Override
    public String method() {
        return request.getMethod().toUpperCase(Locale.ROOT);
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public String pathParam(String name) {
        String value = pathParams.get(name);
        if (value == null) {
            throw new IllegalArgumentException("The route of " + path + " has no parameter " + name);
        }
        return value;
    }

    @Override
    public Optional<String> query(String name) {
        List<String> values = queryAll(name);
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    @Override
    public List<String> queryAll(String name) {
        if (query == null) {
            query = parseUrlEncoded(request.getQueryString());
        }
        // PeerTube's clients send arrays both as "a=1&a=2" and as "a[]=1&a[]=2".
        List<String> plain = query.getOrDefault(name, List.of());
        List<String> brackets = query.getOrDefault(name + "[]", List.of());
        if (brackets.isEmpty()) {
            return plain;
        }
        if (plain.isEmpty()) {
            return brackets;
        }
        List<String> all = new java.util.ArrayList<>(plain);
        all.addAll(brackets);
        return all;
    }

    @Override
    public Optional<Integer> queryInt(String name, int min, int max) {
        Optional<String> raw = query(name);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        try {
            int value = Integer.parseInt(raw.get().trim());
            if (value < min || value > max) {
                throw ApiException.invalidParam(name, "Should be between " + min + " and " + max);
            }
            return Optional.of(value);
        } catch (NumberFormatException e) {
            throw ApiException.invalidParam(name, "Should be an integer");
        }
    }

    @Override
    public Optional<Boolean> queryBoolean(String name) {
        Optional<String> raw = query(name);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        return switch (raw.get()) {
            case "true", "1" -> Optional.of(true);
            case "false", "0" -> Optional.of(false);
            default -> throw ApiException.invalidParam(name, "Should be a boolean");
        };
    }

    @Override
    public Pagination pagination(Set<String> sortable, String defaultSort) {
        Map<String, String> errors = new LinkedHashMap<>();
        int start = 0;
        int count = Pagination.DEFAULT_COUNT;
        try {
            start = queryInt("start", 0, Integer.MAX_VALUE).orElse(0);
        } catch (ApiException e) {
            errors.put("start", "Should have a number start");
        }
        try {
            count = queryInt("count", 1, Pagination.MAX_COUNT).orElse(Pagination.DEFAULT_COUNT);
        } catch (ApiException e) {
            errors.put("count", "Should have a number count between 1 and " + Pagination.MAX_COUNT);
        }
        String sort = query("sort").orElse(defaultSort);
        boolean descending = sort.startsWith("-");
        String column = descending ? sort.substring(1) : sort;
        if (!sortable.contains(column)) {
            errors.put("sort", "Should have a sort value in " + new TreeSet<>(sortable));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalidParams(errors);
        }
        return new Pagination(start, count, column, descending);
    }

    @Override
    public Optional<String> header(String name) {
        return Optional.ofNullable(request.getHeader(name));
    }

    @Override
    public <T> T body(Class<T> type) {
        String contentType = mediaType();
        if (!contentType.equals("application/json") && !(contentType.startsWith("application/")
                && contentType.endsWith("+json"))) {
            throw ApiException.badRequest("The request body must be JSON (Content-Type: application/json)");
        }
        byte[] bytes = readBody();
        if (bytes.length == 0) {
            throw ApiException.badRequest("The request has no body");
        }
        try {
            return Json.MAPPER.readValue(bytes, type);
        } catch (JacksonException e) {
            throw ApiException.badRequest("Malformed JSON body: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ApiException.badRequest("The request body could not be read");
        }
    }

    @Override
    public Map<String, String> form() {
        if (!mediaType().equals("application/x-www-form-urlencoded")) {
            throw new ApiException(400, "invalid_request",
                    "The request body must be application/x-www-form-urlencoded");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        parseUrlEncoded(new String(readBody(), StandardCharsets.UTF_8))
                .forEach((key, values) -> fields.put(key, values.get(0)));
        return Collections.unmodifiableMap(fields);
    }

    @Override
    public Optional<UploadedFile> file(String field, long maxBytes) {
        if (!mediaType().equals("multipart/form-data")) {
            return Optional.empty();
        }
        BodyPart part = parts(field).stream().filter(p -> p.name().equals(field) && p.fileName() != null)
                .findFirst().orElse(null);
        if (part == null) {
            return Optional.empty();
        }
        if (part.size() > maxBytes) {
            throw ApiException.invalidParam(field, "This file is too large: the largest accepted is " + maxBytes
                    + " bytes");
        }
        return Optional.of(part);
    }

    @Override
    public Map<String, List<String>> multipartFields() {
        if (!mediaType().equals("multipart/form-data")) {
            return Map.of();
        }
        Map<String, List<String>> fields = new LinkedHashMap<>();
        long total = 0;
        for (BodyPart part : parts("body")) {
            if (part.fileName() != null) {
                continue;
            }
            total += part.size();
            // Text fields are metadata: together they obey the limit of JSON bodies.
            if (total > maxBodyBytes) {
                throw tooLarge();
            }
            try (InputStream in = part.open()) {
                fields.computeIfAbsent(part.name(), k -> new java.util.ArrayList<>())
                        .add(new String(in.readAllBytes(), charsetOf(part.contentType())));
            } catch (IOException e) {
                throw ApiException.badRequest("Malformed multipart body: " + e.getMessage());
            }
        }
        return Collections.unmodifiableMap(fields);
    }

    /**
     * The parts of the multipart body, parsed once. The web server parses the bodies of POST requests; PeerTube's
     * clients also send multipart bodies with PUT (a video's metadata, a caption), which are parsed here with the
     * same library and the same limits.
     *
     * @param field the field being read, named in the error when the body is too large
     */
    private List<BodyPart> parts(String field) {
        if (parts != null) {
            return parts;
        }
        try {
            if ("POST".equalsIgnoreCase(request.getMethod())) {
                parts = request.getParts().stream().map(BodyPart::of).toList();
            } else {
                uploadedItems = MultipartParser.parse(request);
                parts = uploadedItems.stream().map(BodyPart::of).toList();
            }
        } catch (IOException | ServletException | IllegalStateException
                | org.apache.commons.fileupload.FileUploadException e) {
            throw multipartFailure(field, e);
        }
        return parts;
    }

    /** Deletes the temporary files of a multipart body parsed here; called once the request is answered. */
    void release() {
        if (uploadedItems != null) {
            uploadedItems.forEach(org.apache.commons.fileupload.FileItem::delete);
        }
    }

    private static java.nio.charset.Charset charsetOf(String type) {
        int at = type == null ? -1 : type.toLowerCase(Locale.ROOT).indexOf("charset=");
        if (at >= 0) {
            try {
                return java.nio.charset.Charset.forName(type.substring(at + 8).replace("\"", "").trim());
            } catch (IllegalArgumentException e) {
                // An unknown charset: UTF-8, as browsers send.
            }
        }
        return StandardCharsets.UTF_8;
    }

    @Override
    public InputStream bodyStream() throws IOException {
        return request.getInputStream();
    }

    /** The web server refuses bodies beyond the upload limits of the dispatcher's registration. */
    private static ApiException multipartFailure(String field, Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getClass().getSimpleName().contains("SizeLimitExceeded")
                    || t.getClass().getSimpleName().contains("SizeException")) {
                return new ApiException(413, "max_file_size_reached", "The request is larger than the largest "
                        + "accepted upload (" + field + ")", Map.of(field, "This file is too large"));
            }
        }
        return ApiException.badRequest("Malformed multipart body: " + e.getMessage());
    }

    /** A part of a multipart body: a text field ({@code fileName} null) or a file. */
    private record BodyPart(String field, String fileName, String contentType, long size, PartContent content)
            implements UploadedFile {

        String name() {
            return field;
        }

        static BodyPart of(Part part) {
            return new BodyPart(part.getName(), part.getSubmittedFileName(),
                    part.getContentType() == null ? "" : part.getContentType(), part.getSize(), part::getInputStream);
        }

        static BodyPart of(org.apache.commons.fileupload.FileItem item) {
            return new BodyPart(item.getFieldName(), item.isFormField() ? null : item.getName(),
                    item.getContentType() == null ? "" : item.getContentType(), item.getSize(), item::getInputStream);
        }

        @Override
        public InputStream open() throws IOException {
            return content.open();
        }
    }

    /** Opens the content of a part. */
    @FunctionalInterface
    private interface PartContent {
        InputStream open() throws IOException;
    }

    @Override
    public Optional<String> queryString() {
        String query = request.getQueryString();
        return Optional.of(query == null ? "" : query);
    }

    @Override
    public String remoteAddress() {
        return request.getRemoteAddr();
    }

    @Override
    public Optional<ApiUser> user() {
        if (user == null) {
            user = authenticate();
        }
        return user;
    }

    private Optional<ApiUser> authenticate() {
        String authorization = request.getHeader("Authorization");
        if (authorization == null || authorization.isBlank()) {
            return Optional.empty();
        }
        String token = authorization.regionMatches(true, 0, "Bearer ", 0, 7) ? authorization.substring(7).trim()
                : "";
        Optional<ApiUser> found = token.isEmpty() || authenticator == null ? Optional.empty()
                : authenticator.authenticate(token);
        if (found.isEmpty()) {
            throw new ApiException(401, "invalid_token", "Invalid token: access token is invalid");
        }
        return found;
    }

    private String mediaType() {
        String contentType = request.getContentType();
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    private byte[] readBody() {
        long declared = request.getContentLengthLong();
        if (declared > maxBodyBytes) {
            throw tooLarge();
        }
        try (InputStream in = request.getInputStream()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(declared > 0 ? (int) declared : 1024);
            byte[] buffer = new byte[8192];
            int total = 0;
            for (int n; (n = in.read(buffer)) > 0;) {
                total += n;
                if (total > maxBodyBytes) {
                    throw tooLarge();
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw ApiException.badRequest("The request body could not be read");
        }
    }

    private ApiException tooLarge() {
        return new ApiException(413, null, "The request body is larger than " + maxBodyBytes + " bytes");
    }

    static Map<String, List<String>> parseUrlEncoded(String encoded) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return fields;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                fields.computeIfAbsent(key, k -> new java.util.ArrayList<>()).add(value);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("Malformed URL-encoded parameter: " + pair);
            }
        }
        return fields;
    }
}
