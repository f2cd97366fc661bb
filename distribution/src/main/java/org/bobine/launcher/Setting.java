package org.bobine.launcher;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One key of the configuration file: its type and constraints, its default, the Config Admin property it feeds,
 * and the sentence that documents it in the generated file.
 *
 * @param key the dotted key in the file, for example {@code signup.limit}
 * @param pid the Config Admin PID it feeds, or {@code null} for keys only the launcher reads
 * @param property the property name under {@code pid}
 * @param type how values are read and checked
 * @param defaultValue the value used when the file does not set the key, already of the type's Java form
 * @param description the comment written above the key in the generated file
 */
record Setting(String key, String pid, String property, Type type, Object defaultValue, String description) {

    /** How a value is read from YAML and checked. */
    sealed interface Type permits Text, Flag, Whole, Size, Choice, WholeList, RangeList {

        /**
         * Converts a value parsed from YAML to the Java form stored in Config Admin.
         *
         * @throws IllegalArgumentException with a message for the operator when the value does not fit
         */
        Object convert(Object yaml);

        /** Writes a value of the Java form as YAML. */
        default String toYaml(Object value) {
            return String.valueOf(value);
        }
    }

    /** A string, optionally matching a pattern. */
    record Text(Pattern pattern, String expectation, int maxLength) implements Type {
        static Text any() {
            return new Text(null, null, 10_000);
        }

        @Override
        public Object convert(Object yaml) {
            if (yaml instanceof List || yaml instanceof java.util.Map) {
                throw new IllegalArgumentException("expected text, found a " + describe(yaml));
            }
            String value = String.valueOf(yaml);
            if (value.length() > maxLength) {
                throw new IllegalArgumentException("is longer than " + maxLength + " characters");
            }
            if (pattern != null && !pattern.matcher(value).matches()) {
                throw new IllegalArgumentException("expected " + expectation + ", found \"" + value + "\"");
            }
            return value;
        }

        @Override
        public String toYaml(Object value) {
            return quote((String) value);
        }
    }

    /** {@code true} or {@code false}. */
    record Flag() implements Type {
        @Override
        public Object convert(Object yaml) {
            if (yaml instanceof Boolean b) {
                return b;
            }
            throw new IllegalArgumentException("expected true or false, found " + show(yaml));
        }
    }

    /** An integer in a range. */
    record Whole(long min, long max) implements Type {
        @Override
        public Object convert(Object yaml) {
            long value;
            if (yaml instanceof Integer || yaml instanceof Long) {
                value = ((Number) yaml).longValue();
            } else if (yaml instanceof java.math.BigInteger) {
                throw new IllegalArgumentException("is too large");
            } else {
                throw new IllegalArgumentException("expected a whole number, found " + show(yaml));
            }
            if (value < min || value > max) {
                throw new IllegalArgumentException("expected a whole number from " + min
                        + (max == Integer.MAX_VALUE || max == Long.MAX_VALUE ? " up" : " to " + max) + ", found "
                        + value);
            }
            return max <= Integer.MAX_VALUE && min >= Integer.MIN_VALUE ? (Object) (int) value : (Object) value;
        }
    }

    /** A size in bytes: a whole number, or a number with a unit ({@code 500MB}, {@code 10GB}); -1 for none. */
    record Size() implements Type {
        private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(B|KB|MB|GB|TB)?",
                Pattern.CASE_INSENSITIVE);

        @Override
        public Object convert(Object yaml) {
            if (yaml instanceof Integer || yaml instanceof Long) {
                long value = ((Number) yaml).longValue();
                if (value < -1) {
                    throw new IllegalArgumentException("expected a size in bytes, or -1 for no limit, found "
                            + value);
                }
                return value;
            }
            if (yaml instanceof String s) {
                var m = SIZE.matcher(s.trim());
                if (m.matches()) {
                    double number = Double.parseDouble(m.group(1));
                    String unit = m.group(2) == null ? "B" : m.group(2).toUpperCase(Locale.ROOT);
                    long factor = switch (unit) {
                        case "KB" -> 1L << 10;
                        case "MB" -> 1L << 20;
                        case "GB" -> 1L << 30;
                        case "TB" -> 1L << 40;
                        default -> 1L;
                    };
                    return (long) (number * factor);
                }
            }
            throw new IllegalArgumentException("expected a size such as 500MB or 10GB (or -1 for no limit), found "
                    + show(yaml));
        }
    }

    /** One of a fixed set of strings. */
    record Choice(List<String> options) implements Type {
        @Override
        public Object convert(Object yaml) {
            String value = String.valueOf(yaml);
            if (!(yaml instanceof String) || !options.contains(value)) {
                throw new IllegalArgumentException("expected one of " + String.join(", ", options) + ", found "
                        + show(yaml));
            }
            return value;
        }

        @Override
        public String toYaml(Object value) {
            return quote((String) value);
        }
    }

    /** A list of integers, each one of a fixed set. */
    record WholeList(List<Integer> allowed) implements Type {
        @Override
        public Object convert(Object yaml) {
            if (!(yaml instanceof List<?> list)) {
                throw new IllegalArgumentException("expected a list such as [480, 720], found " + show(yaml));
            }
            List<Integer> values = new ArrayList<>();
            for (Object item : list) {
                if (!(item instanceof Integer i) || !allowed.contains(i)) {
                    throw new IllegalArgumentException("expected values among " + allowed + ", found " + show(item));
                }
                if (!values.contains(i)) {
                    values.add(i);
                }
            }
            return values.stream().mapToInt(Integer::intValue).toArray();
        }

        @Override
        public String toYaml(Object value) {
            StringBuilder yaml = new StringBuilder("[");
            for (int i : (int[]) value) {
                yaml.append(yaml.length() > 1 ? ", " : "").append(i);
            }
            return yaml.append(']').toString();
        }
    }

    /** A list of IP address ranges in CIDR notation ({@code ["10.0.0.0/8", "2001:db8::/32"]}). */
    record RangeList() implements Type {
        private static final Pattern RANGE = Pattern.compile(
                "(\\d{1,3}(\\.\\d{1,3}){3}(/\\d{1,2})?)|([0-9a-fA-F:]*:[0-9a-fA-F:.]*(/\\d{1,3})?)");

        @Override
        public Object convert(Object yaml) {
            if (!(yaml instanceof List<?> list)) {
                throw new IllegalArgumentException("expected a list such as [\"10.0.0.0/8\"], found " + show(yaml));
            }
            List<String> ranges = new ArrayList<>();
            for (Object item : list) {
                if (!(item instanceof String s) || !isRange(s.trim())) {
                    throw new IllegalArgumentException("expected address ranges such as 10.0.0.0/8, found "
                            + show(item));
                }
                ranges.add(s.trim());
            }
            return ranges.toArray(String[]::new);
        }

        private static boolean isRange(String text) {
            if (!RANGE.matcher(text).matches()) {
                return false;
            }
            int slash = text.indexOf('/');
            try {
                // A literal address (checked above): no name lookup happens.
                int bits = java.net.InetAddress.getByName(slash < 0 ? text : text.substring(0, slash))
                        .getAddress().length * 8;
                return slash < 0 || Integer.parseInt(text.substring(slash + 1)) <= bits;
            } catch (java.net.UnknownHostException | NumberFormatException e) {
                return false;
            }
        }

        @Override
        public String toYaml(Object value) {
            StringBuilder yaml = new StringBuilder("[");
            for (String range : (String[]) value) {
                yaml.append(yaml.length() > 1 ? ", " : "").append(quote(range));
            }
            return yaml.append(']').toString();
        }
    }

    static String quote(String value) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\t' -> quoted.append("\\t");
                default -> quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }

    private static String show(Object yaml) {
        return yaml instanceof String s ? "\"" + s + "\"" : yaml == null ? "nothing" : describe(yaml) + " " + yaml;
    }

    private static String describe(Object yaml) {
        if (yaml instanceof List) {
            return "list";
        }
        if (yaml instanceof java.util.Map) {
            return "section";
        }
        if (yaml instanceof Boolean) {
            return "boolean";
        }
        if (yaml instanceof Number) {
            return "number";
        }
        return "value";
    }
}
