package org.bobine.catalog.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.bobine.web.api.ApiException;
import org.bobine.web.api.ApiRequest;
import org.bobine.web.api.ApiUser;
import org.bobine.web.api.Pagination;
import org.bobine.web.api.UploadedFile;

/** A request as the web bundle hands it to a route, built by a test. */
final class FakeRequest implements ApiRequest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String method;
    private final Map<String, String> pathParams = new HashMap<>();
    private final Map<String, String> query = new HashMap<>();
    private Object body;
    private ApiUser user;
    private final Map<String, UploadedFile> files = new HashMap<>();
    private final Map<String, String> headers = new HashMap<>();

    private FakeRequest(String method) {
        this.method = method;
    }

    static FakeRequest get() {
        return new FakeRequest("GET");
    }

    static FakeRequest post(Object body) {
        return new FakeRequest("POST").body(body);
    }

    static FakeRequest put(Object body) {
        return new FakeRequest("PUT").body(body);
    }

    static FakeRequest delete() {
        return new FakeRequest("DELETE");
    }

    FakeRequest path(String name, String value) {
        pathParams.put(name, value);
        return this;
    }

    FakeRequest query(String name, String value) {
        query.put(name, value);
        return this;
    }

    FakeRequest body(Object body) {
        this.body = body;
        return this;
    }

    FakeRequest as(ApiUser user) {
        this.user = user;
        return this;
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public String path() {
        return "/";
    }

    @Override
    public String pathParam(String name) {
        String value = pathParams.get(name);
        if (value == null) {
            throw new IllegalArgumentException(name);
        }
        return value;
    }

    @Override
    public Optional<String> query(String name) {
        return Optional.ofNullable(query.get(name));
    }

    @Override
    public List<String> queryAll(String name) {
        return query(name).map(List::of).orElse(List.of());
    }

    @Override
    public Optional<Integer> queryInt(String name, int min, int max) {
        return query(name).map(Integer::parseInt);
    }

    @Override
    public Optional<Boolean> queryBoolean(String name) {
        return query(name).map(Boolean::parseBoolean);
    }

    @Override
    public Pagination pagination(Set<String> sortable, String defaultSort) {
        String sort = query.getOrDefault("sort", defaultSort);
        boolean descending = sort.startsWith("-");
        String column = descending ? sort.substring(1) : sort;
        if (!sortable.contains(column)) {
            throw ApiException.invalidParam("sort", "Should have a correct sortable column");
        }
        return new Pagination(Integer.parseInt(query.getOrDefault("start", "0")),
                Integer.parseInt(query.getOrDefault("count", "15")), column, descending);
    }

    /** Adds a request header (names compare case-insensitively). */
    FakeRequest header(String name, String value) {
        headers.put(name.toLowerCase(Locale.ROOT), value);
        return this;
    }

    @Override
    public Optional<String> header(String name) {
        if (name.equalsIgnoreCase("Content-Type") && body != null) {
            return Optional.of("application/json");
        }
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    @Override
    public <T> T body(Class<T> type) {
        if (body == null) {
            throw ApiException.badRequest("The request has no body");
        }
        return JSON.convertValue(body, type);
    }

    @Override
    public Map<String, String> form() {
        throw ApiException.badRequest("The request body must be application/x-www-form-urlencoded");
    }

    FakeRequest file(String field, byte[] content) {
        files.put(field, new UploadedFile() {
            @Override
            public String field() {
                return field;
            }

            @Override
            public String fileName() {
                return field + ".bin";
            }

            @Override
            public String contentType() {
                return "application/octet-stream";
            }

            @Override
            public long size() {
                return content.length;
            }

            @Override
            public java.io.InputStream open() {
                return new java.io.ByteArrayInputStream(content);
            }
        });
        return this;
    }

    @Override
    public Optional<UploadedFile> file(String field, long maxBytes) {
        UploadedFile file = files.get(field);
        if (file != null && file.size() > maxBytes) {
            throw ApiException.invalidParam(field, "This file is too large");
        }
        return Optional.ofNullable(file);
    }

    @Override
    public String remoteAddress() {
        return "127.0.0.1";
    }

    @Override
    public Optional<ApiUser> user() {
        return Optional.ofNullable(user);
    }
}
