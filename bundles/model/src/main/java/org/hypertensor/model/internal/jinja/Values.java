package org.hypertensor.model.internal.jinja;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Template values and Python's rules for them. A value is {@code null} (None), an {@link Undefined}, a
 * Boolean, a Long, a Double, a String, a List, a Map with String keys, a {@link Namespace} or a {@link
 * Function}: nothing else, so a template reaches no Java object (the sandbox).
 */
final class Values {

    /** A name or attribute that does not exist; renders as nothing, fails when used as a value. */
    record Undefined(String name) {}

    /** What {@code namespace(...)} makes: the one mutable value, so loops can carry state out. */
    static final class Namespace {
        final Map<String, Object> attributes = new LinkedHashMap<>();
    }

    /** A global function. */
    @FunctionalInterface
    interface Function {
        Object call(List<Object> args, Map<String, Object> kwargs);
    }

    private Values() {}

    static boolean truthy(Object v) {
        if (v == null || v instanceof Undefined) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof Long l) {
            return l != 0;
        }
        if (v instanceof Double d) {
            return d != 0;
        }
        if (v instanceof String s) {
            return !s.isEmpty();
        }
        if (v instanceof List<?> l) {
            return !l.isEmpty();
        }
        if (v instanceof Map<?, ?> m) {
            return !m.isEmpty();
        }
        return true;
    }

    static boolean isNumber(Object v) {
        return v instanceof Long || v instanceof Double || v instanceof Boolean;
    }

    static boolean isInteger(Object v) {
        return v instanceof Long || v instanceof Boolean;
    }

    static long asLong(Object v) {
        if (v instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (v instanceof Long l) {
            return l;
        }
        throw new TemplateException("expected an integer, got " + typeName(v));
    }

    static double asDouble(Object v) {
        if (v instanceof Double d) {
            return d;
        }
        return asLong(v);
    }

    static String typeName(Object v) {
        if (v == null) {
            return "None";
        }
        if (v instanceof Undefined u) {
            return "undefined '" + u.name() + "'";
        }
        if (v instanceof Boolean) {
            return "a boolean";
        }
        if (v instanceof Long) {
            return "an integer";
        }
        if (v instanceof Double) {
            return "a float";
        }
        if (v instanceof String) {
            return "a string";
        }
        if (v instanceof List) {
            return "a list";
        }
        if (v instanceof Map || v instanceof Namespace) {
            return "a mapping";
        }
        return "a function";
    }

    static boolean equal(Object a, Object b) {
        if (isNumber(a) && isNumber(b)) {
            return isInteger(a) && isInteger(b) ? asLong(a) == asLong(b) : asDouble(a) == asDouble(b);
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!equal(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Undefined && b instanceof Undefined) {
            return true;
        }
        return Objects.equals(a, b);
    }

    static int compare(Object a, Object b, String op) {
        if (isNumber(a) && isNumber(b)) {
            return Double.compare(asDouble(a), asDouble(b));
        }
        if (a instanceof String x && b instanceof String y) {
            return Integer.signum(x.compareTo(y)); // UTF-16 order equals code point order outside surrogates
        }
        throw new TemplateException("'" + op + "' is not supported between " + typeName(a) + " and " + typeName(b));
    }

    /** The items a for loop walks: a list's elements, a mapping's keys, a string's characters. */
    static List<Object> iterate(Object v) {
        if (v instanceof List<?> l) {
            return new ArrayList<>(l);
        }
        if (v instanceof Map<?, ?> m) {
            return new ArrayList<>(m.keySet());
        }
        if (v instanceof String s) {
            List<Object> chars = new ArrayList<>();
            s.codePoints().forEach(c -> chars.add(new String(Character.toChars(c))));
            return chars;
        }
        if (v instanceof Undefined) {
            return new ArrayList<>();
        }
        throw new TemplateException(typeName(v) + " is not iterable");
    }

    /** Python's str(). */
    static String str(Object v) {
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof Undefined) {
            return "";
        }
        return repr(v);
    }

    /** Python's repr(), as {@code {{ }}} prints lists and mappings. */
    static String repr(Object v) {
        if (v == null) {
            return "None";
        }
        if (v instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (v instanceof Long l) {
            return Long.toString(l);
        }
        if (v instanceof Double d) {
            return pythonFloat(d);
        }
        if (v instanceof String s) {
            char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
            StringBuilder out = new StringBuilder().append(quote);
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    default -> {
                        if (c == quote) {
                            out.append('\\').append(c);
                        } else if (c < 0x20 || c == 0x7f) {
                            out.append(String.format("\\x%02x", (int) c));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            return out.append(quote).toString();
        }
        if (v instanceof List<?> l) {
            StringBuilder out = new StringBuilder("[");
            for (Iterator<?> it = l.iterator(); it.hasNext(); ) {
                out.append(repr(it.next())).append(it.hasNext() ? ", " : "");
            }
            return out.append(']').toString();
        }
        if (v instanceof Map<?, ?> m) {
            StringBuilder out = new StringBuilder("{");
            for (Iterator<? extends Map.Entry<?, ?>> it = m.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<?, ?> e = it.next();
                out.append(repr(e.getKey())).append(": ").append(repr(e.getValue()));
                out.append(it.hasNext() ? ", " : "");
            }
            return out.append('}').toString();
        }
        if (v instanceof Namespace n) {
            return "<Namespace " + repr(n.attributes) + ">";
        }
        if (v instanceof Undefined) {
            return "";
        }
        return "<function>";
    }

    static String pythonFloat(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e16) {
            return String.format("%.1f", d);
        }
        return Double.toString(d).replace("E", "e");
    }

    /** Python's {@code json.dumps(v, ensure_ascii=False, indent=indent, sort_keys=sortKeys)}. */
    static String json(Object v, Integer indent, boolean sortKeys) {
        StringBuilder out = new StringBuilder();
        json(out, v, indent, sortKeys, 0);
        return out.toString();
    }

    private static void json(StringBuilder out, Object v, Integer indent, boolean sortKeys, int depth) {
        if (v == null) {
            out.append("null");
        } else if (v instanceof Boolean b) {
            out.append(b);
        } else if (v instanceof Long || v instanceof Double) {
            out.append(repr(v).replace("inf", "Infinity").replace("nan", "NaN"));
        } else if (v instanceof String s) {
            quote(out, s);
        } else if (v instanceof List<?> l) {
            container(out, '[', ']', l.size(), indent, depth, i -> json(out, l.get(i), indent, sortKeys, depth + 1));
        } else if (v instanceof Map<?, ?> m) {
            List<Map.Entry<?, ?>> entries = new ArrayList<>(m.entrySet());
            if (sortKeys) {
                entries.sort((a, b) -> String.valueOf(a.getKey()).compareTo(String.valueOf(b.getKey())));
            }
            container(out, '{', '}', entries.size(), indent, depth, i -> {
                quote(out, String.valueOf(entries.get(i).getKey()));
                out.append(": ");
                json(out, entries.get(i).getValue(), indent, sortKeys, depth + 1);
            });
        } else if (v instanceof Namespace n) {
            json(out, n.attributes, indent, sortKeys, depth);
        } else {
            throw new TemplateException(typeName(v) + " cannot be written as JSON");
        }
    }

    private interface Item {
        void write(int i);
    }

    private static void container(
            StringBuilder out, char open, char close, int size, Integer indent, int depth, Item item) {
        out.append(open);
        if (size == 0) {
            out.append(close);
            return;
        }
        for (int i = 0; i < size; i++) {
            if (i > 0) {
                out.append(indent == null ? ", " : ",");
            }
            if (indent != null) {
                out.append('\n').append(" ".repeat(indent * (depth + 1)));
            }
            item.write(i);
        }
        if (indent != null) {
            out.append('\n').append(" ".repeat(indent * depth));
        }
        out.append(close);
    }

    private static void quote(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** Python's str.isspace() for one character: what strip() and split() remove. */
    static boolean pythonSpace(int c) {
        return (c >= 0x09 && c <= 0x0d)
                || (c >= 0x1c && c <= 0x20)
                || c == 0x85
                || c == 0xa0
                || c == 0x1680
                || (c >= 0x2000 && c <= 0x200a)
                || c == 0x2028
                || c == 0x2029
                || c == 0x202f
                || c == 0x205f
                || c == 0x3000;
    }
}
