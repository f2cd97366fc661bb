package org.bobine.web.internal;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.bobine.web.api.ApiException;

/** Writes RFC 7807 problem documents with PeerTube's fields. */
final class Problems {

    static final String MEDIA_TYPE = "application/problem+json; charset=utf-8";
    private static final String ERROR_DOCS = "https://docs.joinpeertube.org/api-rest-reference.html#section/Errors/";

    private Problems() {
    }

    static Map<String, Object> document(ApiException error, String instance) {
        Map<String, Object> problem = new LinkedHashMap<>();
        if (error.code() != null) {
            problem.put("type", ERROR_DOCS + error.code());
            problem.put("code", error.code());
        } else {
            problem.put("type", "about:blank");
        }
        problem.put("title", reasonPhrase(error.status()));
        problem.put("status", error.status());
        problem.put("detail", error.getMessage());
        // Kept for PeerTube clients up to 3.2, and PeerTube's CLI prints it.
        problem.put("error", error.getMessage());
        problem.put("instance", instance);
        if (!error.invalidParams().isEmpty()) {
            Map<String, Object> params = new LinkedHashMap<>();
            error.invalidParams().forEach((param, msg) -> params.put(param,
                    Map.of("msg", msg, "param", param, "path", param, "location", "query or body")));
            problem.put("invalid-params", params);
        }
        return problem;
    }

    static void write(HttpServletResponse response, ApiException error, String instance) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(error.status());
        error.headers().forEach(response::setHeader);
        response.setContentType(MEDIA_TYPE);
        Json.MAPPER.writeValue(response.getOutputStream(), document(error, instance));
    }

    static String reasonPhrase(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 406 -> "Not Acceptable";
            case 409 -> "Conflict";
            case 410 -> "Gone";
            case 413 -> "Payload Too Large";
            case 415 -> "Unsupported Media Type";
            case 422 -> "Unprocessable Entity";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 503 -> "Service Unavailable";
            default -> status < 500 ? "Client Error" : "Server Error";
        };
    }
}
