package org.hypertensor.model.internal.jinja;

import java.util.List;

/** The parsed template: statements and expressions, as the parser builds them and the renderer walks them. */
interface Node {

    /** Something that yields a value. */
    interface Expr extends Node {}

    record Text(String text) implements Node {}

    record Output(Expr value) implements Node {}

    record If(Expr test, List<Node> then, List<Node> otherwise) implements Node {}

    /** {@code for targets in iterable [if filter]} with an optional {@code else} body. */
    record For(List<String> targets, Expr iterable, Expr filter, List<Node> body, List<Node> otherwise)
            implements Node {}

    /** {@code set name = value}, {@code set a, b = value} or {@code set ns.attr = value}. */
    record Set(List<String> targets, String attribute, Expr value) implements Node {}

    /** {@code {% set name %}body{% endset %}}. */
    record SetBlock(String target, List<Node> body) implements Node {}

    record Break() implements Node {}

    record Continue() implements Node {}

    record Literal(Object value) implements Expr {}

    record Name(String name) implements Expr {}

    record ListExpr(List<Expr> items) implements Expr {}

    record DictExpr(List<Expr> keys, List<Expr> values) implements Expr {}

    record Unary(String op, Expr operand) implements Expr {}

    record Binary(String op, Expr left, Expr right) implements Expr {}

    record Conditional(Expr test, Expr then, Expr otherwise) implements Expr {}

    record GetAttr(Expr target, String name) implements Expr {}

    record GetItem(Expr target, Expr key) implements Expr {}

    record Slice(Expr target, Expr start, Expr stop, Expr step) implements Expr {}

    /** Positional and keyword arguments of a call, filter or test. */
    record Args(List<Expr> positional, List<String> names, List<Expr> named) {

        static final Args NONE = new Args(List.of(), List.of(), List.of());
    }

    record Call(Expr callee, Args args) implements Expr {}

    record Filter(Expr operand, String name, Args args) implements Expr {}

    record Test(Expr operand, String name, Args args, boolean negated) implements Expr {}
}
