package org.bobine.catalog.internal;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.bobine.web.api.ApiException;
import org.bobine.web.api.ApiRequest;
import org.bobine.web.api.ApiUser;
import org.bobine.web.api.Pagination;
import org.bobine.web.api.UploadedFile;

/** An upload as the web bundle hands it to a route: multipart fields and files, a JSON body, or raw bytes. */
final class UploadRequest implements ApiRequest {

    private final String method;
    private final ApiUser user;
    private final Map<String, List<String>> fields = new LinkedHashMap<>();
    private final Map<String, UploadedFile> files = new HashMap<>();
    private final Map<String, String> headers = new HashMap<>();
    private final Map<String, String> query = new HashMap<>();
    private Map<String, Object> json;
    private byte[] bytes = new byte[0];

    UploadRequest(String method, ApiUser user) {
        this.method = method;
        this.user = user;
    }

    UploadRequest field(String name, String value) {
        fields.computeIfAbsent(name, n -> new java.util.ArrayList<>()).add(value);
        return this;
    }

    UploadRequest file(String field, String fileName, byte[] content) {
        files.put(field, new UploadedFile() {
            @Override
            public String field() {
                return field;
            }

            @Override
            public String fileName() {
                return fileName;
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
            public InputStream open() {
                return new ByteArrayInputStream(content);
            }
        });
        return this;
    }

    UploadRequest json(Map<String, Object> body) {
        this.json = body;
        return this;
    }

    UploadRequest header(String name, String value) {
        headers.put(name.toLowerCase(), value);
        return this;
    }

    UploadRequest query(String name, String value) {
        query.put(name, value);
        return this;
    }

    UploadRequest bytes(byte[] body) {
        this.bytes = body;
        return this;
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public String path() {
        return "/videos/upload";
    }

    @Override
    public String pathParam(String name) {
        throw new IllegalArgumentException(name);
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
        return new Pagination(0, 15, defaultSort, false);
    }

    @Override
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase()));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T body(Class<T> type) {
        if (json == null) {
            throw ApiException.badRequest("The request has no body");
        }
        return (T) json;
    }

    @Override
    public Map<String, String> form() {
        throw ApiException.badRequest("not a form");
    }

    @Override
    public Optional<UploadedFile> file(String field, long maxBytes) {
        return Optional.ofNullable(files.get(field));
    }

    @Override
    public Map<String, List<String>> multipartFields() {
        return fields;
    }

    @Override
    public InputStream bodyStream() {
        return new ByteArrayInputStream(bytes);
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
