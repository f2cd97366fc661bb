package org.bobine.catalog.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metadata of uploads between their two shapes: the flat text fields of a multipart form, with PeerTube's
 * bracket notation ({@code tags[0]=a}, {@code tags[]=b}, {@code scheduleUpdate[updateAt]=...}), and the structured
 * body that {@link VideoFields} checks (lists, nested maps). A JSON body of a resumable upload is flattened the same
 * way, so that both kinds of upload are checked by one path.
 */
final class UploadFields {

    private static final Pattern BRACKETS = Pattern.compile("([A-Za-z][A-Za-z0-9_]*)\\[([A-Za-z0-9_]*)]");

    private UploadFields() {
    }

    /**
     * @param fields the text fields and their values, as sent
     * @return the structured body: a field with an index ({@code a[0]}, {@code a[]}) or sent more than once becomes
     *         a list, one with a name in brackets ({@code a[b]}) a map
     */
    static Map<String, Object> structured(Map<String, List<String>> fields) {
        Map<String, Object> body = new LinkedHashMap<>();
        Map<String, TreeMap<Integer, List<String>>> indexed = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> field : fields.entrySet()) {
            Matcher m = BRACKETS.matcher(field.getKey());
            if (!m.matches()) {
                List<String> values = field.getValue();
                body.put(field.getKey(), values.size() == 1 ? values.get(0) : List.copyOf(values));
                continue;
            }
            String name = m.group(1);
            String inner = m.group(2);
            if (inner.isEmpty() || inner.chars().allMatch(Character::isDigit)) {
                int index = inner.isEmpty() ? Integer.MAX_VALUE : Integer.parseInt(inner.length() > 9 ? "0" : inner);
                indexed.computeIfAbsent(name, n -> new TreeMap<>())
                        .computeIfAbsent(index, i -> new ArrayList<>()).addAll(field.getValue());
                body.putIfAbsent(name, List.of());
            } else {
                Object map = body.computeIfAbsent(name, n -> new LinkedHashMap<String, Object>());
                if (map instanceof Map<?, ?> m2) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> nested = (Map<String, Object>) m2;
                    nested.put(inner, field.getValue().get(0));
                }
            }
        }
        indexed.forEach((name, values) -> {
            List<String> list = new ArrayList<>();
            values.values().forEach(list::addAll);
            body.put(name, list);
        });
        return body;
    }

    /**
     * @param body a JSON body
     * @return its fields as a multipart form would send them; null values are left out (absent, for a new video)
     */
    static Map<String, String> flat(Map<String, ?> body) {
        Map<String, String> fields = new TreeMap<>();
        body.forEach((name, value) -> {
            if (value instanceof Collection<?> c) {
                int i = 0;
                for (Object item : c) {
                    if (item != null) {
                        fields.put(name + "[" + i++ + "]", String.valueOf(item));
                    }
                }
            } else if (value instanceof Map<?, ?> m) {
                m.forEach((k, v) -> {
                    if (v != null) {
                        fields.put(name + "[" + k + "]", String.valueOf(v));
                    }
                });
            } else if (value != null) {
                fields.put(name, String.valueOf(value));
            }
        });
        return fields;
    }

    /** @return flat fields as {@link #structured} takes them */
    static Map<String, List<String>> asLists(Map<String, String> flat) {
        Map<String, List<String>> lists = new LinkedHashMap<>();
        flat.forEach((k, v) -> lists.put(k, List.of(v)));
        return lists;
    }
}
