package org.bobine.catalog.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bobine.api.hook.Hooks;
import org.bobine.web.api.ApiRequest;
import org.bobine.web.api.ApiUser;
import org.bobine.web.api.Page;

/**
 * How the catalog's routes run the plugins' hooks. Each route component holds an optional, dynamic reference to
 * {@link Hooks} (absent without the plugins bundle) and passes what it holds at the moment of the call; a hook that
 * no plugin handles costs one lookup.
 */
final class CatalogHooks {

    private CatalogHooks() {
    }

    /** A user as hooks are told of it: {@code {id, username, role}}. */
    static Map<String, Object> user(ApiUser user) {
        return Map.of("id", user.id(), "username", user.username(), "role", user.role());
    }

    /**
     * Runs a {@code filter:….list.result} hook on a page, as PeerTube's {@code {total, data}}; parameters
     * {@code {start, count, sort}} as the request gave them, and {@code user} when someone is logged in.
     */
    @SuppressWarnings("unchecked")
    static Page<Map<String, Object>> filterPage(Hooks hooks, String hook, Page<Map<String, Object>> page,
            ApiRequest request) {
        if (hooks == null || !hooks.has(hook)) {
            return page;
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("total", page.total());
        result.put("data", page.data());
        result = hooks.filter(hook, result, listParams(request));
        List<Map<String, Object>> data = result.get("data") instanceof List<?> list
                ? list.stream().filter(Map.class::isInstance).map(v -> (Map<String, Object>) v).toList()
                : page.data();
        Long total = result.get("total") instanceof Number n ? n.longValue() : page.total();
        return new Page<>(total, data);
    }

    /** Runs a {@code filter:…} hook on a whole document; parameters as {@link #filterPage}'s plus {@code extra}. */
    static Map<String, Object> filterDocument(Hooks hooks, String hook, Map<String, Object> document,
            ApiRequest request, Map<String, ?> extra) {
        if (hooks == null || !hooks.has(hook)) {
            return document;
        }
        Map<String, Object> params = listParams(request);
        params.putAll(extra);
        return hooks.filter(hook, document, params);
    }

    /** Queues an {@code action:…} hook, once the change it tells of has committed. */
    static void announce(Hooks hooks, String hook, Map<String, ?> params) {
        if (hooks != null && hooks.has(hook)) {
            hooks.action(hook, params);
        }
    }

    private static Map<String, Object> listParams(ApiRequest request) {
        Map<String, Object> params = new LinkedHashMap<>();
        for (String name : List.of("start", "count", "sort")) {
            request.query(name).ifPresent(value -> params.put(name, value));
        }
        request.user().ifPresent(user -> params.put("user", user(user)));
        return params;
    }
}
