package org.hypertensor.model.internal.jinja;

import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hypertensor.model.internal.jinja.Values.Namespace;
import org.hypertensor.model.internal.jinja.Values.Undefined;

/**
 * The filters, tests, string and mapping methods and global functions chat templates use, with Python's and
 * Jinja's semantics (and transformers' {@code tojson}, which does not escape HTML and keeps non-ASCII). A
 * name outside this set is refused, naming it.
 */
final class Builtins {

    private static final int MAX_RANGE = 100_000;

    private Builtins() {}

    /** The callable the template sees as {@code name} at the top level, or null. */
    static Values.Function global(String name) {
        return switch (name) {
            case "range" -> (args, kw) -> range(args);
            case "namespace", "dict" ->
                (args, kw) -> {
                    Map<String, Object> values = new LinkedHashMap<>();
                    for (Object a : args) {
                        if (!(a instanceof Map<?, ?> m)) {
                            throw new TemplateException(name + "() takes keyword arguments or a mapping");
                        }
                        m.forEach((k, v) -> values.put(String.valueOf(k), v));
                    }
                    values.putAll(kw);
                    if (name.equals("dict")) {
                        return values;
                    }
                    Namespace ns = new Namespace();
                    ns.attributes.putAll(values);
                    return ns;
                };
            case "raise_exception" ->
                (args, kw) -> {
                    throw new TemplateException(
                            args.isEmpty() ? "the chat template refused the conversation" : Values.str(args.get(0)),
                            true);
                };
            case "strftime_now" -> (args, kw) -> strftime(ZonedDateTime.now(), Values.str(arg(args, 0, "format")));
            default -> null;
        };
    }

    private static List<Object> range(List<Object> args) {
        long start = 0;
        long stop;
        long step = 1;
        if (args.size() == 1) {
            stop = Values.asLong(args.get(0));
        } else if (args.size() == 2 || args.size() == 3) {
            start = Values.asLong(args.get(0));
            stop = Values.asLong(args.get(1));
            step = args.size() == 3 ? Values.asLong(args.get(2)) : 1;
        } else {
            throw new TemplateException("range() takes 1 to 3 arguments");
        }
        if (step == 0) {
            throw new TemplateException("range() step must not be zero");
        }
        List<Object> out = new ArrayList<>();
        for (long i = start; step > 0 ? i < stop : i > stop; i += step) {
            if (out.size() >= MAX_RANGE) {
                throw new TemplateException("range() longer than " + MAX_RANGE);
            }
            out.add(i);
        }
        return out;
    }

    static String strftime(ZonedDateTime t, String format) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '%' || i + 1 == format.length()) {
                out.append(c);
                continue;
            }
            char f = format.charAt(++i);
            switch (f) {
                case 'd' -> out.append(String.format("%02d", t.getDayOfMonth()));
                case 'm' -> out.append(String.format("%02d", t.getMonthValue()));
                case 'Y' -> out.append(t.getYear());
                case 'y' -> out.append(String.format("%02d", t.getYear() % 100));
                case 'b' -> out.append(t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
                case 'B' -> out.append(t.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
                case 'a' -> out.append(t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
                case 'A' -> out.append(t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
                case 'H' -> out.append(String.format("%02d", t.getHour()));
                case 'I' -> out.append(String.format("%02d", (t.getHour() + 11) % 12 + 1));
                case 'p' -> out.append(t.getHour() < 12 ? "AM" : "PM");
                case 'M' -> out.append(String.format("%02d", t.getMinute()));
                case 'S' -> out.append(String.format("%02d", t.getSecond()));
                case 'j' -> out.append(String.format("%03d", t.getDayOfYear()));
                case '%' -> out.append('%');
                default -> throw new TemplateException("strftime_now: the format %" + f + " is not supported");
            }
        }
        return out.toString();
    }

    // ---- filters ----

    static Object filter(String name, Object v, List<Object> args, Map<String, Object> kw) {
        switch (name) {
            case "trim":
                return strip(Values.str(v), args.isEmpty() ? null : Values.str(args.get(0)), true, true);
            case "length":
            case "count":
                return length(v);
            case "tojson":
                Object indent = kw.getOrDefault("indent", args.isEmpty() ? null : args.get(0));
                return Values.json(
                        v, indent == null ? null : (int) Values.asLong(indent), Values.truthy(kw.get("sort_keys")));
            case "string":
                return Values.str(v);
            case "lower":
                return Values.str(v).toLowerCase(Locale.ROOT);
            case "upper":
                return Values.str(v).toUpperCase(Locale.ROOT);
            case "capitalize":
                return capitalize(Values.str(v));
            case "title":
                return title(Values.str(v));
            case "first":
                return Values.iterate(v).stream().findFirst().orElse(new Undefined("first"));
            case "last": {
                List<Object> items = Values.iterate(v);
                return items.isEmpty() ? new Undefined("last") : items.get(items.size() - 1);
            }
            case "list":
                return Values.iterate(v);
            case "reverse": {
                if (v instanceof String s) {
                    return new StringBuilder(s).reverse().toString();
                }
                List<Object> items = Values.iterate(v);
                Collections.reverse(items);
                return items;
            }
            case "join": {
                String sep = args.isEmpty() ? Values.str(kw.getOrDefault("d", "")) : Values.str(args.get(0));
                return join(Values.iterate(v), sep, kw.get("attribute"));
            }
            case "default":
            case "d": {
                Object fallback = args.isEmpty() ? "" : args.get(0);
                boolean onFalse = args.size() > 1 ? Values.truthy(args.get(1)) : Values.truthy(kw.get("boolean"));
                return v instanceof Undefined || (onFalse && !Values.truthy(v)) ? fallback : v;
            }
            case "replace":
                return Values.str(v).replace(Values.str(arg(args, 0, "old")), Values.str(arg(args, 1, "new")));
            case "int":
                return toInt(v);
            case "float":
                return Values.isNumber(v)
                        ? Values.asDouble(v)
                        : Double.parseDouble(Values.str(v).strip());
            case "abs":
                return v instanceof Double d ? Math.abs(d) : Math.abs(Values.asLong(v));
            case "items":
                return items(v);
            case "dictsort": {
                List<Object> items = items(v);
                items.sort((a, b) -> Values.compare(((List<?>) a).get(0), ((List<?>) b).get(0), "<"));
                return items;
            }
            case "unique":
                return new ArrayList<>(new LinkedHashSet<>(Values.iterate(v)));
            case "safe":
                return v;
            case "selectattr":
            case "rejectattr":
                return select(v, args, true, name.equals("selectattr"));
            case "select":
            case "reject":
                return select(v, args, false, name.equals("select"));
            case "map": {
                List<Object> out = new ArrayList<>();
                for (Object item : Values.iterate(v)) {
                    if (kw.containsKey("attribute")) {
                        Object value = attribute(item, kw.get("attribute"));
                        out.add(value instanceof Undefined && kw.containsKey("default") ? kw.get("default") : value);
                    } else {
                        String f = Values.str(arg(args, 0, "filter"));
                        out.add(filter(f, item, args.subList(1, args.size()), Map.of()));
                    }
                }
                return out;
            }
            default:
                throw new TemplateException("the chat template uses the filter '" + name
                        + "', which this node's template interpreter does not support");
        }
    }

    private static String join(List<Object> items, String sep, Object attribute) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                out.append(sep);
            }
            out.append(Values.str(attribute == null ? items.get(i) : attribute(items.get(i), attribute)));
        }
        return out.toString();
    }

    private static List<Object> select(Object v, List<Object> args, boolean byAttribute, boolean keep) {
        List<Object> out = new ArrayList<>();
        int first = byAttribute ? 1 : 0;
        String test = args.size() > first ? Values.str(args.get(first)) : null;
        List<Object> testArgs = args.size() > first + 1 ? args.subList(first + 1, args.size()) : List.of();
        for (Object item : Values.iterate(v)) {
            Object value = byAttribute ? attribute(item, arg(args, 0, "attribute")) : item;
            boolean passes = test == null ? Values.truthy(value) : test(test, value, testArgs);
            if (passes == keep) {
                out.add(item);
            }
        }
        return out;
    }

    /** {@code item.attribute}, with dotted paths as Jinja's attribute filters take them. */
    static Object attribute(Object item, Object path) {
        Object value = item;
        for (String part : Values.str(path).split("\\.", -1)) {
            value = Renderer.getAttribute(value, part);
        }
        return value;
    }

    private static Object toInt(Object v) {
        if (v instanceof Double d) {
            return (long) d.doubleValue();
        }
        if (Values.isInteger(v)) {
            return Values.asLong(v);
        }
        try {
            return Long.parseLong(Values.str(v).strip());
        } catch (NumberFormatException e) {
            return 0L;
        }
    }

    private static List<Object> items(Object v) {
        Map<?, ?> m = v instanceof Namespace n ? n.attributes : v instanceof Map<?, ?> map ? map : null;
        if (m == null) {
            throw new TemplateException("items() of " + Values.typeName(v));
        }
        List<Object> out = new ArrayList<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            List<Object> pair = new ArrayList<>();
            pair.add(e.getKey());
            pair.add(e.getValue());
            out.add(pair);
        }
        return out;
    }

    static long length(Object v) {
        if (v instanceof String s) {
            return s.codePointCount(0, s.length());
        }
        if (v instanceof List<?> l) {
            return l.size();
        }
        if (v instanceof Map<?, ?> m) {
            return m.size();
        }
        if (v instanceof Undefined) {
            return 0;
        }
        throw new TemplateException(Values.typeName(v) + " has no length");
    }

    // ---- tests ----

    static boolean test(String name, Object v, List<Object> args) {
        switch (name) {
            case "defined":
                return !(v instanceof Undefined);
            case "undefined":
                return v instanceof Undefined;
            case "none":
                return v == null;
            case "string":
                return v instanceof String;
            case "number":
                return v instanceof Long || v instanceof Double;
            case "integer":
                return v instanceof Long;
            case "float":
                return v instanceof Double;
            case "boolean":
                return v instanceof Boolean;
            case "true":
                return Boolean.TRUE.equals(v);
            case "false":
                return Boolean.FALSE.equals(v);
            case "mapping":
                return v instanceof Map || v instanceof Namespace;
            case "iterable":
                return v instanceof List || v instanceof Map || v instanceof String;
            case "sequence":
                return v instanceof List || v instanceof Map || v instanceof String;
            case "callable":
                return v instanceof Values.Function;
            case "even":
                return Values.asLong(v) % 2 == 0;
            case "odd":
                return Values.asLong(v) % 2 != 0;
            case "divisibleby":
                return Values.asLong(v) % Values.asLong(arg(args, 0, "num")) == 0;
            case "eq":
            case "equalto":
            case "==":
                return Values.equal(v, arg(args, 0, "other"));
            case "ne":
            case "!=":
                return !Values.equal(v, arg(args, 0, "other"));
            case "lt":
            case "lessthan":
            case "<":
                return Values.compare(v, arg(args, 0, "other"), "<") < 0;
            case "le":
            case "<=":
                return Values.compare(v, arg(args, 0, "other"), "<=") <= 0;
            case "gt":
            case "greaterthan":
            case ">":
                return Values.compare(v, arg(args, 0, "other"), ">") > 0;
            case "ge":
            case ">=":
                return Values.compare(v, arg(args, 0, "other"), ">=") >= 0;
            case "in":
                return Renderer.contains(arg(args, 0, "seq"), v);
            case "sameas":
                Object other = arg(args, 0, "other");
                return v == other || (v instanceof Boolean && v.equals(other));
            case "lower":
                return v instanceof String s && s.equals(s.toLowerCase(Locale.ROOT));
            case "upper":
                return v instanceof String s && s.equals(s.toUpperCase(Locale.ROOT));
            default:
                throw new TemplateException("the chat template uses the test '" + name
                        + "', which this node's template interpreter does not support");
        }
    }

    // ---- methods ----

    /** {@code target.name(args)} for a string or a mapping. */
    static Object method(Object target, String name, List<Object> args) {
        if (target instanceof String s) {
            return stringMethod(s, name, args);
        }
        Map<?, ?> m = target instanceof Namespace n ? n.attributes : target instanceof Map<?, ?> map ? map : null;
        if (m != null) {
            switch (name) {
                case "items":
                    return items(target);
                case "keys":
                    return new ArrayList<Object>(m.keySet());
                case "values":
                    return new ArrayList<Object>(m.values());
                case "get": {
                    Object key = arg(args, 0, "key");
                    return m.containsKey(key) ? m.get(key) : args.size() > 1 ? args.get(1) : null;
                }
                default:
                    break;
            }
        }
        throw new TemplateException("the chat template calls ." + name + "() on " + Values.typeName(target)
                + ", which this node's template interpreter does not support");
    }

    private static Object stringMethod(String s, String name, List<Object> args) {
        switch (name) {
            case "strip":
            case "lstrip":
            case "rstrip": {
                Object chars = args.isEmpty() ? null : args.get(0);
                return strip(
                        s, chars == null ? null : Values.str(chars), !name.equals("rstrip"), !name.equals("lstrip"));
            }
            case "startswith":
            case "endswith": {
                Object prefix = arg(args, 0, "prefix");
                List<Object> options = prefix instanceof List<?> l ? new ArrayList<>(l) : List.of(prefix);
                for (Object p : options) {
                    String text = Values.str(p);
                    if (name.equals("startswith") ? s.startsWith(text) : s.endsWith(text)) {
                        return true;
                    }
                }
                return false;
            }
            case "upper":
                return s.toUpperCase(Locale.ROOT);
            case "lower":
                return s.toLowerCase(Locale.ROOT);
            case "title":
                return title(s);
            case "capitalize":
                return capitalize(s);
            case "replace": {
                String old = Values.str(arg(args, 0, "old"));
                String replacement = Values.str(arg(args, 1, "new"));
                return args.size() > 2
                        ? replaceCount(s, old, replacement, Values.asLong(args.get(2)))
                        : s.replace(old, replacement);
            }
            case "split":
                return split(
                        s,
                        args.isEmpty() || args.get(0) == null ? null : Values.str(args.get(0)),
                        args.size() > 1 ? Values.asLong(args.get(1)) : -1);
            case "find":
                return (long) s.indexOf(Values.str(arg(args, 0, "sub")));
            case "count": {
                String sub = Values.str(arg(args, 0, "sub"));
                return sub.isEmpty()
                        ? (long) s.length() + 1
                        : (long) (s.length() - s.replace(sub, "").length()) / sub.length();
            }
            case "join": {
                return join(Values.iterate(arg(args, 0, "iterable")), s, null);
            }
            case "splitlines": {
                List<Object> lines = new ArrayList<>(List.of((Object[]) s.split("\r\n|\n|\r", -1)));
                if (!lines.isEmpty() && "".equals(lines.get(lines.size() - 1))) {
                    lines.remove(lines.size() - 1); // Python drops the empty piece after a final line break
                }
                return lines;
            }
            case "isdigit":
                return !s.isEmpty() && s.chars().allMatch(Character::isDigit);
            case "isspace":
                return !s.isEmpty() && s.codePoints().allMatch(Values::pythonSpace);
            default:
                throw new TemplateException("the chat template calls the string method ." + name
                        + "(), which this node's template interpreter does not support");
        }
    }

    private static String replaceCount(String s, String old, String replacement, long count) {
        StringBuilder out = new StringBuilder();
        int from = 0;
        for (long n = 0; n < count || count < 0; n++) {
            int i = s.indexOf(old, from);
            if (i < 0 || old.isEmpty()) {
                break;
            }
            out.append(s, from, i).append(replacement);
            from = i + old.length();
        }
        return out.append(s.substring(from)).toString();
    }

    /** Python's str.split: on whitespace runs without a separator. */
    static List<Object> split(String s, String sep, long max) {
        List<Object> out = new ArrayList<>();
        if (sep == null) {
            int i = 0;
            int n = s.length();
            while (true) {
                while (i < n && Values.pythonSpace(s.charAt(i))) {
                    i++;
                }
                if (i >= n) {
                    return out;
                }
                if (max >= 0 && out.size() >= max) {
                    out.add(strip(s.substring(i), null, false, true));
                    return out;
                }
                int start = i;
                while (i < n && !Values.pythonSpace(s.charAt(i))) {
                    i++;
                }
                out.add(s.substring(start, i));
            }
        }
        if (sep.isEmpty()) {
            throw new TemplateException("split() with an empty separator");
        }
        int from = 0;
        while (max < 0 || out.size() < max) {
            int i = s.indexOf(sep, from);
            if (i < 0) {
                break;
            }
            out.add(s.substring(from, i));
            from = i + sep.length();
        }
        out.add(s.substring(from));
        return out;
    }

    /** Python's strip family: whitespace by str.isspace, or any of {@code chars}. */
    static String strip(String s, String chars, boolean left, boolean right) {
        int start = 0;
        int end = s.length();
        while (left && start < end && strippable(s.charAt(start), chars)) {
            start++;
        }
        while (right && end > start && strippable(s.charAt(end - 1), chars)) {
            end--;
        }
        return s.substring(start, end);
    }

    private static boolean strippable(char c, String chars) {
        return chars == null ? Values.pythonSpace(c) : chars.indexOf(c) >= 0;
    }

    private static String capitalize(String s) {
        return s.isEmpty()
                ? s
                : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1).toLowerCase(Locale.ROOT);
    }

    private static String title(String s) {
        StringBuilder out = new StringBuilder();
        boolean previousCased = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            out.append(previousCased ? Character.toLowerCase(c) : Character.toUpperCase(c));
            previousCased = Character.isLetter(c);
        }
        return out.toString();
    }

    static Object arg(List<Object> args, int i, String name) {
        if (i >= args.size()) {
            throw new TemplateException("missing argument '" + name + "'");
        }
        return args.get(i);
    }
}
