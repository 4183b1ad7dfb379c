package org.hypertensor.model.internal.jinja;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.hypertensor.model.internal.jinja.Lexer.Kind;
import org.hypertensor.model.internal.jinja.Lexer.Token;

/**
 * Jinja's grammar as its reference implementation parses it (operator precedence from loosest: conditional,
 * {@code or}, {@code and}, {@code not}, comparisons and {@code in}, {@code + -}, {@code ~}, {@code * / // %},
 * {@code **}, unary minus, then postfix {@code . [] ()} with filters and tests), restricted to the statements
 * chat templates use. Any other statement is refused by name.
 */
final class Parser {

    private static final Set<String> COMPARISONS = Set.of("==", "!=", "<", ">", "<=", ">=");
    private static final Set<String> UNSUPPORTED = Set.of(
            "macro",
            "call",
            "filter",
            "include",
            "import",
            "from",
            "extends",
            "block",
            "raw",
            "with",
            "do",
            "autoescape",
            "trans");

    private final List<Token> tokens;
    private int at;

    private Parser(List<Token> tokens) {
        this.tokens = tokens;
    }

    static List<Node> parse(String source) {
        Parser p = new Parser(Lexer.tokenize(source));
        List<Node> body = p.body(Set.of());
        if (p.peek().kind() != Kind.EOF) {
            throw new TemplateException("unexpected {% "
                    + p.tokens.get(p.at + 1).value() + " %} on line " + p.peek().line());
        }
        return body;
    }

    // ---- statements ----

    /** Nodes up to a block tag whose name is in {@code ends} (left unconsumed) or the end of the template. */
    private List<Node> body(Set<String> ends) {
        List<Node> out = new ArrayList<>();
        while (true) {
            Token t = peek();
            switch (t.kind()) {
                case EOF -> {
                    if (!ends.isEmpty()) {
                        throw new TemplateException("the template ends before {% " + String.join(" / ", ends) + " %}");
                    }
                    return out;
                }
                case TEXT -> {
                    at++;
                    out.add(new Node.Text(t.value()));
                }
                case VAR_BEGIN -> {
                    at++;
                    out.add(new Node.Output(expression()));
                    expect(Kind.VAR_END, "}}");
                }
                case BLOCK_BEGIN -> {
                    Token name = tokens.get(at + 1);
                    if (ends.contains(name.value())) {
                        return out;
                    }
                    at += 2;
                    Node statement = statement(name);
                    if (statement != null) {
                        out.add(statement);
                    }
                }
                default -> throw unexpected(t);
            }
        }
    }

    private Node statement(Token name) {
        if (name.kind() != Kind.NAME) {
            throw unexpected(name);
        }
        switch (name.value()) {
            case "if":
                return ifStatement();
            case "for":
                return forStatement();
            case "set":
                return setStatement();
            case "break":
                expect(Kind.BLOCK_END, "%}");
                return new Node.Break();
            case "continue":
                expect(Kind.BLOCK_END, "%}");
                return new Node.Continue();
            case "generation":
            case "endgeneration":
                // transformers' assistant-mask markers: they render nothing
                expect(Kind.BLOCK_END, "%}");
                return null;
            default:
                if (UNSUPPORTED.contains(name.value())) {
                    throw new TemplateException("the chat template uses {% " + name.value() + " %} (line " + name.line()
                            + "), which this node's template interpreter does not support");
                }
                throw new TemplateException("unknown statement {% " + name.value() + " %} on line " + name.line());
        }
    }

    private Node ifStatement() {
        Node.Expr test = expression();
        expect(Kind.BLOCK_END, "%}");
        List<Node> then = body(Set.of("elif", "else", "endif"));
        String next = tokens.get(at + 1).value();
        at += 2;
        List<Node> otherwise;
        if (next.equals("elif")) {
            otherwise = List.of(ifStatement());
            return new Node.If(test, then, otherwise);
        } else if (next.equals("else")) {
            expect(Kind.BLOCK_END, "%}");
            otherwise = body(Set.of("endif"));
            at += 2;
        } else {
            otherwise = List.of();
        }
        expect(Kind.BLOCK_END, "%}");
        return new Node.If(test, then, otherwise);
    }

    private Node forStatement() {
        List<String> targets = new ArrayList<>();
        boolean paren = accept(Kind.OPERATOR, "(");
        do {
            targets.add(name());
        } while (accept(Kind.OPERATOR, ","));
        if (paren) {
            expect(Kind.OPERATOR, ")");
        }
        expectName("in");
        Node.Expr iterable = condition(false);
        Node.Expr filter = null;
        if (acceptName("if")) {
            filter = condition(true);
        }
        if (acceptName("recursive")) {
            throw new TemplateException("the chat template uses a recursive for loop, which this node's template"
                    + " interpreter does not support");
        }
        expect(Kind.BLOCK_END, "%}");
        List<Node> body = body(Set.of("else", "endfor"));
        String next = tokens.get(at + 1).value();
        at += 2;
        List<Node> otherwise = List.of();
        if (next.equals("else")) {
            expect(Kind.BLOCK_END, "%}");
            otherwise = body(Set.of("endfor"));
            at += 2;
        }
        expect(Kind.BLOCK_END, "%}");
        return new Node.For(targets, iterable, filter, body, otherwise);
    }

    private Node setStatement() {
        String first = name();
        if (accept(Kind.OPERATOR, ".")) {
            String attribute = name();
            expect(Kind.OPERATOR, "=");
            Node.Expr value = tupleOrExpression();
            expect(Kind.BLOCK_END, "%}");
            return new Node.Set(List.of(first), attribute, value);
        }
        List<String> targets = new ArrayList<>(List.of(first));
        while (accept(Kind.OPERATOR, ",")) {
            targets.add(name());
        }
        if (targets.size() == 1 && peek().kind() == Kind.BLOCK_END) {
            at++;
            List<Node> body = body(Set.of("endset"));
            at += 2;
            expect(Kind.BLOCK_END, "%}");
            return new Node.SetBlock(first, body);
        }
        expect(Kind.OPERATOR, "=");
        Node.Expr value = tupleOrExpression();
        expect(Kind.BLOCK_END, "%}");
        return new Node.Set(targets, null, value);
    }

    // ---- expressions ----

    /** An expression, or several separated by commas (a tuple). */
    private Node.Expr tupleOrExpression() {
        Node.Expr first = expression();
        if (!peek().is(Kind.OPERATOR, ",")) {
            return first;
        }
        List<Node.Expr> items = new ArrayList<>(List.of(first));
        while (accept(Kind.OPERATOR, ",")) {
            items.add(expression());
        }
        return new Node.ListExpr(items);
    }

    Node.Expr expression() {
        return condition(true);
    }

    private Node.Expr condition(boolean withConditional) {
        Node.Expr expr = or();
        while (withConditional && acceptName("if")) {
            Node.Expr test = or();
            Node.Expr otherwise = acceptName("else") ? condition(true) : null;
            expr = new Node.Conditional(test, expr, otherwise);
        }
        return expr;
    }

    private Node.Expr or() {
        Node.Expr left = and();
        while (acceptName("or")) {
            left = new Node.Binary("or", left, and());
        }
        return left;
    }

    private Node.Expr and() {
        Node.Expr left = not();
        while (acceptName("and")) {
            left = new Node.Binary("and", left, not());
        }
        return left;
    }

    private Node.Expr not() {
        if (peek().is(Kind.NAME, "not")) {
            at++;
            return new Node.Unary("not", not());
        }
        return compare();
    }

    private Node.Expr compare() {
        Node.Expr left = math1();
        while (true) {
            Token t = peek();
            if (t.kind() == Kind.OPERATOR && COMPARISONS.contains(t.value())) {
                at++;
                left = new Node.Binary(t.value(), left, math1());
            } else if (acceptName("in")) {
                left = new Node.Binary("in", left, math1());
            } else if (t.is(Kind.NAME, "not") && tokens.get(at + 1).is(Kind.NAME, "in")) {
                at += 2;
                left = new Node.Unary("not", new Node.Binary("in", left, math1()));
            } else {
                return left;
            }
        }
    }

    private Node.Expr math1() {
        Node.Expr left = concat();
        while (peek().is(Kind.OPERATOR, "+") || peek().is(Kind.OPERATOR, "-")) {
            String op = next().value();
            left = new Node.Binary(op, left, concat());
        }
        return left;
    }

    private Node.Expr concat() {
        Node.Expr left = math2();
        while (accept(Kind.OPERATOR, "~")) {
            left = new Node.Binary("~", left, math2());
        }
        return left;
    }

    private Node.Expr math2() {
        Node.Expr left = pow();
        while (true) {
            Token t = peek();
            if (t.kind() == Kind.OPERATOR && Set.of("*", "/", "//", "%").contains(t.value())) {
                at++;
                left = new Node.Binary(t.value(), left, pow());
            } else {
                return left;
            }
        }
    }

    private Node.Expr pow() {
        Node.Expr left = unary(true);
        while (accept(Kind.OPERATOR, "**")) {
            left = new Node.Binary("**", left, unary(true));
        }
        return left;
    }

    private Node.Expr unary(boolean withFilter) {
        Node.Expr node;
        if (accept(Kind.OPERATOR, "-")) {
            node = new Node.Unary("-", unary(false));
        } else if (accept(Kind.OPERATOR, "+")) {
            node = unary(false);
        } else {
            node = postfix(primary());
        }
        return withFilter ? filters(node) : node;
    }

    private Node.Expr primary() {
        Token t = next();
        switch (t.kind()) {
            case STRING -> {
                StringBuilder s = new StringBuilder(t.value());
                while (peek().kind() == Kind.STRING) {
                    s.append(next().value()); // adjacent literals concatenate, as in Python
                }
                return new Node.Literal(s.toString());
            }
            case INTEGER -> {
                return new Node.Literal(Long.parseLong(t.value()));
            }
            case FLOAT -> {
                return new Node.Literal(Double.parseDouble(t.value()));
            }
            case NAME -> {
                return switch (t.value()) {
                    case "true", "True" -> new Node.Literal(Boolean.TRUE);
                    case "false", "False" -> new Node.Literal(Boolean.FALSE);
                    case "none", "None" -> new Node.Literal(null);
                    default -> new Node.Name(t.value());
                };
            }
            case OPERATOR -> {
                if (t.value().equals("(")) {
                    if (accept(Kind.OPERATOR, ")")) {
                        return new Node.ListExpr(List.of());
                    }
                    Node.Expr inner = tupleOrExpression();
                    expect(Kind.OPERATOR, ")");
                    return inner;
                }
                if (t.value().equals("[")) {
                    List<Node.Expr> items = new ArrayList<>();
                    while (!accept(Kind.OPERATOR, "]")) {
                        if (!items.isEmpty()) {
                            expect(Kind.OPERATOR, ",");
                            if (accept(Kind.OPERATOR, "]")) {
                                break;
                            }
                        }
                        items.add(expression());
                    }
                    return new Node.ListExpr(items);
                }
                if (t.value().equals("{")) {
                    List<Node.Expr> keys = new ArrayList<>();
                    List<Node.Expr> values = new ArrayList<>();
                    while (!accept(Kind.OPERATOR, "}")) {
                        if (!keys.isEmpty()) {
                            expect(Kind.OPERATOR, ",");
                            if (accept(Kind.OPERATOR, "}")) {
                                break;
                            }
                        }
                        keys.add(expression());
                        expect(Kind.OPERATOR, ":");
                        values.add(expression());
                    }
                    return new Node.DictExpr(keys, values);
                }
                throw unexpected(t);
            }
            default -> throw unexpected(t);
        }
    }

    private Node.Expr postfix(Node.Expr node) {
        while (true) {
            if (accept(Kind.OPERATOR, ".")) {
                Token t = next();
                if (t.kind() == Kind.INTEGER) {
                    node = new Node.GetItem(node, new Node.Literal(Long.parseLong(t.value())));
                } else if (t.kind() == Kind.NAME) {
                    node = new Node.GetAttr(node, t.value());
                } else {
                    throw unexpected(t);
                }
            } else if (accept(Kind.OPERATOR, "[")) {
                node = subscript(node);
            } else if (accept(Kind.OPERATOR, "(")) {
                node = new Node.Call(node, arguments());
            } else {
                return node;
            }
        }
    }

    private Node.Expr subscript(Node.Expr target) {
        Node.Expr start = peek().is(Kind.OPERATOR, ":") ? null : expression();
        if (accept(Kind.OPERATOR, "]")) {
            return new Node.GetItem(target, start);
        }
        expect(Kind.OPERATOR, ":");
        Node.Expr stop = peek().is(Kind.OPERATOR, ":") || peek().is(Kind.OPERATOR, "]") ? null : expression();
        Node.Expr step = null;
        if (accept(Kind.OPERATOR, ":")) {
            step = peek().is(Kind.OPERATOR, "]") ? null : expression();
        }
        expect(Kind.OPERATOR, "]");
        return new Node.Slice(target, start, stop, step);
    }

    /** After an opening parenthesis: arguments up to the closing one. */
    private Node.Args arguments() {
        List<Node.Expr> positional = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<Node.Expr> named = new ArrayList<>();
        while (!accept(Kind.OPERATOR, ")")) {
            if (!positional.isEmpty() || !names.isEmpty()) {
                expect(Kind.OPERATOR, ",");
                if (accept(Kind.OPERATOR, ")")) {
                    break;
                }
            }
            if (peek().kind() == Kind.NAME && tokens.get(at + 1).is(Kind.OPERATOR, "=")) {
                names.add(next().value());
                at++;
                named.add(expression());
            } else if (peek().is(Kind.OPERATOR, "*")) {
                throw new TemplateException("the chat template uses *args (line " + peek().line()
                        + "), which this node's template interpreter does not support");
            } else {
                positional.add(expression());
            }
        }
        return new Node.Args(positional, names, named);
    }

    private Node.Expr filters(Node.Expr node) {
        while (true) {
            if (accept(Kind.OPERATOR, "|")) {
                String name = dottedName();
                Node.Args args = accept(Kind.OPERATOR, "(") ? arguments() : Node.Args.NONE;
                node = new Node.Filter(node, name, args);
            } else if (acceptName("is")) {
                boolean negated = acceptName("not");
                String name = dottedName();
                Node.Args args = Node.Args.NONE;
                if (accept(Kind.OPERATOR, "(")) {
                    args = arguments();
                } else if (startsTestArgument(peek())) {
                    args = new Node.Args(List.of(postfix(primary())), List.of(), List.of());
                }
                node = new Node.Test(node, name, args, negated);
            } else {
                return node;
            }
        }
    }

    private static boolean startsTestArgument(Token t) {
        return switch (t.kind()) {
            case STRING, INTEGER, FLOAT -> true;
            case NAME -> !Set.of("else", "or", "and", "is", "in", "if", "not").contains(t.value());
            case OPERATOR -> t.value().equals("[") || t.value().equals("{");
            default -> false;
        };
    }

    // ---- tokens ----

    private String dottedName() {
        StringBuilder name = new StringBuilder(name());
        while (peek().is(Kind.OPERATOR, ".") && tokens.get(at + 1).kind() == Kind.NAME) {
            at++;
            name.append('.').append(name());
        }
        return name.toString();
    }

    private String name() {
        Token t = next();
        if (t.kind() != Kind.NAME) {
            throw new TemplateException("expected a name, found " + t);
        }
        return t.value();
    }

    private Token peek() {
        return tokens.get(at);
    }

    private Token next() {
        Token t = tokens.get(at);
        if (t.kind() != Kind.EOF) {
            at++;
        }
        return t;
    }

    private boolean accept(Kind kind, String value) {
        if (peek().is(kind, value)) {
            at++;
            return true;
        }
        return false;
    }

    private boolean acceptName(String name) {
        return accept(Kind.NAME, name);
    }

    private void expect(Kind kind, String value) {
        Token t = next();
        if (t.kind() != kind || (kind == Kind.OPERATOR && !t.value().equals(value))) {
            throw new TemplateException("expected '" + value + "', found " + t);
        }
    }

    private void expectName(String name) {
        if (!acceptName(name)) {
            throw new TemplateException("expected '" + name + "', found " + peek());
        }
    }

    private static TemplateException unexpected(Token t) {
        return new TemplateException("unexpected " + t);
    }
}
