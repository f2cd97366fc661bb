package org.bobine.plugins.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Copies of the JSON-like values that cross hooks, so that no handler changes what the caller or another sees. */
final class JsonValues {

    private JsonValues() {
    }

    /** A deep, mutable copy of maps and lists; other values (strings, numbers, records) are immutable as they are. */
    static Object copy(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, item) -> copy.put(String.valueOf(key), copy(item)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(item -> copy.add(copy(item)));
            return copy;
        }
        return value;
    }

    /** A deep, read-only copy of parameters; {@code null} reads as an empty map. */
    static Map<String, Object> readOnly(Map<String, ?> params) {
        if (params == null || params.isEmpty()) {
            return Map.of();
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        params.forEach((key, item) -> copy.put(key, readOnlyValue(item)));
        return Collections.unmodifiableMap(copy);
    }

    private static Object readOnlyValue(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, item) -> copy.put(String.valueOf(key), readOnlyValue(item)));
            return Collections.unmodifiableMap(copy);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(item -> copy.add(readOnlyValue(item)));
            return Collections.unmodifiableList(copy);
        }
        return value;
    }

    /**
     * Whether a filter's answer can stand for the value: a map for a map, a list for a list, a number for a number,
     * an instance of the value's class otherwise; never {@code null}.
     */
    static boolean sameShape(Object value, Object answer) {
        if (answer == null) {
            return false;
        }
        if (value instanceof Map) {
            return answer instanceof Map;
        }
        if (value instanceof List) {
            return answer instanceof List;
        }
        if (value instanceof Number) {
            return answer instanceof Number && value.getClass().isInstance(answer);
        }
        return value.getClass().isInstance(answer);
    }
}
