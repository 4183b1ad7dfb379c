package org.hypertensor.model.internal.jinja;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hypertensor.model.internal.jinja.Values.Namespace;
import org.hypertensor.model.internal.jinja.Values.Undefined;

/**
 * Walks a parsed template over a context. Scopes as in Jinja: a for loop's body has its own (so a {@code set}
 * inside it does not leak out; a {@link Namespace} does), {@code if} has none. Bounded: a template that runs
 * more than {@link #MAX_STEPS} steps or writes more than {@link #MAX_OUTPUT} characters is stopped.
 */
final class Renderer {

    static final int MAX_STEPS = 5_000_000;
    static final int MAX_OUTPUT = 16 << 20;

    private enum Flow {
        NORMAL,
        BREAK,
        CONTINUE
    }

    /** Variables of one scope, falling back to the enclosing one. */
    private static final class Scope {
        final Scope parent;
        final Map<String, Object> vars = new HashMap<>();

        Scope(Scope parent) {
            this.parent = parent;
        }

        Object lookup(String name) {
            for (Scope s = this; s != null; s = s.parent) {
                if (s.vars.containsKey(name)) {
                    return s.vars.get(name);
                }
            }
            Values.Function global = Builtins.global(name);
            return global != null ? global : new Undefined(name);
        }
    }

    private int steps;

    private Renderer() {}

    static String render(List<Node> template, Map<String, Object> context) {
        Scope root = new Scope(null);
        root.vars.putAll(context);
        StringBuilder out = new StringBuilder();
        Renderer r = new Renderer();
        if (r.body(template, root, out) != Flow.NORMAL) {
            throw new TemplateException("{% break %} or {% continue %} outside a for loop");
        }
        return out.toString();
    }

    private Flow body(List<Node> nodes, Scope scope, StringBuilder out) {
        for (Node n : nodes) {
            Flow flow = statement(n, scope, out);
            if (flow != Flow.NORMAL) {
                return flow;
            }
            if (out.length() > MAX_OUTPUT) {
                throw new TemplateException("the chat template wrote more than " + MAX_OUTPUT + " characters");
            }
        }
        return Flow.NORMAL;
    }

    private Flow statement(Node n, Scope scope, StringBuilder out) {
        step();
        if (n instanceof Node.Text t) {
            out.append(t.text());
        } else if (n instanceof Node.Output o) {
            out.append(Values.str(eval(o.value(), scope)));
        } else if (n instanceof Node.If i) {
            return body(Values.truthy(eval(i.test(), scope)) ? i.then() : i.otherwise(), scope, out);
        } else if (n instanceof Node.For f) {
            forLoop(f, scope, out);
        } else if (n instanceof Node.Set s) {
            assign(s, scope);
        } else if (n instanceof Node.SetBlock s) {
            StringBuilder captured = new StringBuilder();
            body(s.body(), scope, captured);
            scope.vars.put(s.target(), captured.toString());
        } else if (n instanceof Node.Break) {
            return Flow.BREAK;
        } else if (n instanceof Node.Continue) {
            return Flow.CONTINUE;
        } else {
            throw new TemplateException("cannot render " + n.getClass().getSimpleName());
        }
        return Flow.NORMAL;
    }

    private void assign(Node.Set s, Scope scope) {
        Object value = eval(s.value(), scope);
        if (s.attribute() != null) {
            Object target = scope.lookup(s.targets().get(0));
            if (!(target instanceof Namespace ns)) {
                throw new TemplateException("cannot set ." + s.attribute() + " on " + Values.typeName(target)
                        + ": only a namespace() has settable attributes");
            }
            ns.attributes.put(s.attribute(), value);
        } else if (s.targets().size() == 1) {
            scope.vars.put(s.targets().get(0), value);
        } else {
            unpack(s.targets(), value, scope);
        }
    }

    private static void unpack(List<String> targets, Object value, Scope scope) {
        List<Object> items = Values.iterate(value);
        if (items.size() != targets.size()) {
            throw new TemplateException("cannot unpack " + items.size() + " values into " + targets.size() + " names");
        }
        for (int i = 0; i < targets.size(); i++) {
            scope.vars.put(targets.get(i), items.get(i));
        }
    }

    private void forLoop(Node.For f, Scope scope, StringBuilder out) {
        List<Object> items = new ArrayList<>();
        for (Object item : Values.iterate(eval(f.iterable(), scope))) {
            if (f.filter() != null) {
                Scope test = new Scope(scope);
                bind(f.targets(), item, test);
                if (!Values.truthy(eval(f.filter(), test))) {
                    continue;
                }
            }
            items.add(item);
        }
        if (items.isEmpty()) {
            body(f.otherwise(), scope, out);
            return;
        }
        int n = items.size();
        for (int i = 0; i < n; i++) {
            Scope inner = new Scope(scope);
            bind(f.targets(), items.get(i), inner);
            Map<String, Object> loop = new LinkedHashMap<>();
            loop.put("index0", (long) i);
            loop.put("index", (long) i + 1);
            loop.put("revindex0", (long) (n - i - 1));
            loop.put("revindex", (long) (n - i));
            loop.put("first", i == 0);
            loop.put("last", i == n - 1);
            loop.put("length", (long) n);
            loop.put("depth", 1L);
            loop.put("depth0", 0L);
            loop.put("previtem", i > 0 ? items.get(i - 1) : new Undefined("loop.previtem"));
            loop.put("nextitem", i < n - 1 ? items.get(i + 1) : new Undefined("loop.nextitem"));
            inner.vars.put("loop", loop);
            if (body(f.body(), inner, out) == Flow.BREAK) {
                return;
            }
        }
    }

    private static void bind(List<String> targets, Object item, Scope scope) {
        if (targets.size() == 1) {
            scope.vars.put(targets.get(0), item);
        } else {
            unpack(targets, item, scope);
        }
    }

    // ---- expressions ----

    private Object eval(Node.Expr e, Scope scope) {
        step();
        if (e instanceof Node.Literal l) {
            return l.value();
        }
        if (e instanceof Node.Name n) {
            return scope.lookup(n.name());
        }
        if (e instanceof Node.GetAttr g) {
            return getAttribute(defined(eval(g.target(), scope), "." + g.name()), g.name());
        }
        if (e instanceof Node.GetItem g) {
            return getItem(defined(eval(g.target(), scope), "[…]"), eval(g.key(), scope));
        }
        if (e instanceof Node.Slice s) {
            return slice(
                    defined(eval(s.target(), scope), "[…:…]"),
                    s.start() == null ? null : eval(s.start(), scope),
                    s.stop() == null ? null : eval(s.stop(), scope),
                    s.step() == null ? null : eval(s.step(), scope));
        }
        if (e instanceof Node.Binary b) {
            return binary(b, scope);
        }
        if (e instanceof Node.Unary u) {
            Object v = eval(u.operand(), scope);
            if (u.op().equals("not")) {
                return !Values.truthy(v);
            }
            return v instanceof Double d ? -d : -Values.asLong(defined(v, "-"));
        }
        if (e instanceof Node.Conditional c) {
            if (Values.truthy(eval(c.test(), scope))) {
                return eval(c.then(), scope);
            }
            return c.otherwise() == null ? new Undefined("else") : eval(c.otherwise(), scope);
        }
        if (e instanceof Node.ListExpr l) {
            List<Object> out = new ArrayList<>();
            for (Node.Expr item : l.items()) {
                out.add(eval(item, scope));
            }
            return out;
        }
        if (e instanceof Node.DictExpr d) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (int i = 0; i < d.keys().size(); i++) {
                out.put(
                        Values.str(eval(d.keys().get(i), scope)),
                        eval(d.values().get(i), scope));
            }
            return out;
        }
        if (e instanceof Node.Filter f) {
            Object operand = eval(f.operand(), scope);
            return Builtins.filter(f.name(), operand, positional(f.args(), scope), named(f.args(), scope));
        }
        if (e instanceof Node.Test t) {
            Object operand = eval(t.operand(), scope);
            return Builtins.test(t.name(), operand, positional(t.args(), scope)) != t.negated();
        }
        if (e instanceof Node.Call c) {
            return call(c, scope);
        }
        throw new TemplateException("cannot evaluate " + e.getClass().getSimpleName());
    }

    private Object call(Node.Call c, Scope scope) {
        List<Object> args = positional(c.args(), scope);
        Map<String, Object> kwargs = named(c.args(), scope);
        if (c.callee() instanceof Node.GetAttr g) {
            Object target = eval(g.target(), scope);
            if (target instanceof String || target instanceof Map || target instanceof Namespace) {
                return Builtins.method(target, g.name(), args);
            }
            defined(target, "." + g.name() + "()");
        }
        Object callee = eval(c.callee(), scope);
        if (callee instanceof Values.Function f) {
            return f.call(args, kwargs);
        }
        String what = c.callee() instanceof Node.Name n ? n.name() : Values.typeName(callee);
        throw new TemplateException(
                "the chat template calls " + what + "(), which is not a function this node's template interpreter has");
    }

    private List<Object> positional(Node.Args args, Scope scope) {
        List<Object> out = new ArrayList<>();
        for (Node.Expr a : args.positional()) {
            out.add(eval(a, scope));
        }
        return out;
    }

    private Map<String, Object> named(Node.Args args, Scope scope) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < args.names().size(); i++) {
            out.put(args.names().get(i), eval(args.named().get(i), scope));
        }
        return out;
    }

    private Object binary(Node.Binary b, Scope scope) {
        Object left = eval(b.left(), scope);
        switch (b.op()) {
            case "and":
                return Values.truthy(left) ? eval(b.right(), scope) : left;
            case "or":
                return Values.truthy(left) ? left : eval(b.right(), scope);
            default:
                break;
        }
        Object right = eval(b.right(), scope);
        switch (b.op()) {
            case "==":
                return Values.equal(left, right);
            case "!=":
                return !Values.equal(left, right);
            case "<":
                return Values.compare(left, right, "<") < 0;
            case ">":
                return Values.compare(left, right, ">") > 0;
            case "<=":
                return Values.compare(left, right, "<=") <= 0;
            case ">=":
                return Values.compare(left, right, ">=") >= 0;
            case "in":
                return contains(right, left);
            case "~":
                return Values.str(left) + Values.str(right);
            default:
                return Arithmetic.apply(b.op(), defined(left, b.op()), defined(right, b.op()));
        }
    }

    static boolean contains(Object container, Object item) {
        if (container instanceof String s) {
            if (!(item instanceof String i)) {
                throw new TemplateException("'in <string>' needs a string on the left, not " + Values.typeName(item));
            }
            return s.contains(i);
        }
        if (container instanceof Map<?, ?> m) {
            return m.containsKey(item);
        }
        if (container instanceof Namespace ns) {
            return ns.attributes.containsKey(item);
        }
        for (Object o : Values.iterate(defined(container, "in"))) {
            if (Values.equal(o, item)) {
                return true;
            }
        }
        return false;
    }

    /** Jinja's attribute lookup: a mapping's key (or a namespace's attribute); anything else is undefined. */
    static Object getAttribute(Object target, String name) {
        Map<?, ?> m = target instanceof Namespace ns ? ns.attributes : target instanceof Map<?, ?> map ? map : null;
        if (m != null && m.containsKey(name)) {
            return m.get(name);
        }
        return new Undefined(name);
    }

    static Object getItem(Object target, Object key) {
        if (target instanceof Map<?, ?> || target instanceof Namespace) {
            return key instanceof String s ? getAttribute(target, s) : new Undefined(Values.str(key));
        }
        if ((target instanceof List<?> || target instanceof String) && Values.isInteger(key)) {
            List<Object> items = target instanceof List<?> l ? new ArrayList<>(l) : Values.iterate(target);
            long i = Values.asLong(key);
            if (i < 0) {
                i += items.size();
            }
            return i >= 0 && i < items.size() ? items.get((int) i) : new Undefined("[" + key + "]");
        }
        return new Undefined(Values.str(key));
    }

    /** Python's slicing of a list or a string. */
    static Object slice(Object target, Object start, Object stop, Object step) {
        List<Object> items = Values.iterate(target);
        int n = items.size();
        long st = step == null ? 1 : Values.asLong(step);
        if (st == 0) {
            throw new TemplateException("slice step cannot be zero");
        }
        long lo = start == null ? (st > 0 ? 0 : n - 1) : bound(Values.asLong(start), n, st);
        long hi = stop == null ? (st > 0 ? n : -1) : bound(Values.asLong(stop), n, st);
        List<Object> out = new ArrayList<>();
        for (long i = lo; st > 0 ? i < hi : i > hi; i += st) {
            out.add(items.get((int) i));
        }
        if (target instanceof String) {
            StringBuilder s = new StringBuilder();
            out.forEach(c -> s.append((String) c));
            return s.toString();
        }
        return out;
    }

    private static long bound(long i, int n, long step) {
        if (i < 0) {
            i += n;
            if (i < 0) {
                return step > 0 ? 0 : -1;
            }
        } else if (i >= n) {
            return step > 0 ? n : n - 1;
        }
        return i;
    }

    private static Object defined(Object v, String use) {
        if (v instanceof Undefined u) {
            throw new TemplateException("'" + u.name() + "' is undefined (used with " + use + ")");
        }
        return v;
    }

    private void step() {
        if (++steps > MAX_STEPS) {
            throw new TemplateException("the chat template ran more than " + MAX_STEPS + " steps");
        }
    }
}
