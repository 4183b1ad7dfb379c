package org.hypertensor.model.internal.jinja;

import java.util.ArrayList;
import java.util.List;

/** Python's arithmetic on template values: integers stay integers, {@code /} gives a float, {@code +} joins. */
final class Arithmetic {

    private Arithmetic() {}

    static Object apply(String op, Object a, Object b) {
        if (op.equals("+") && a instanceof String x && b instanceof String y) {
            return x + y;
        }
        if (op.equals("+") && a instanceof List<?> x && b instanceof List<?> y) {
            List<Object> out = new ArrayList<>(x);
            out.addAll(y);
            return out;
        }
        if (op.equals("*") && a instanceof String s && Values.isInteger(b)) {
            return s.repeat((int) Math.max(0, Math.min(Values.asLong(b), Renderer.MAX_OUTPUT)));
        }
        if (op.equals("%") && a instanceof String) {
            throw new TemplateException("the chat template formats a string with '%', which this node's template"
                    + " interpreter does not support");
        }
        if (!Values.isNumber(a) || !Values.isNumber(b)) {
            throw new TemplateException(
                    "unsupported operand types for " + op + ": " + Values.typeName(a) + " and " + Values.typeName(b));
        }
        if (Values.isInteger(a) && Values.isInteger(b) && !op.equals("/")) {
            return integer(op, Values.asLong(a), Values.asLong(b));
        }
        double x = Values.asDouble(a);
        double y = Values.asDouble(b);
        return switch (op) {
            case "+" -> x + y;
            case "-" -> x - y;
            case "*" -> x * y;
            case "/" -> divide(x, y);
            case "//" -> Math.floor(divide(x, y));
            case "%" -> x - Math.floor(divide(x, y)) * y;
            case "**" -> Math.pow(x, y);
            default -> throw new TemplateException("unknown operator " + op);
        };
    }

    private static Object integer(String op, long x, long y) {
        return switch (op) {
            case "+" -> x + y;
            case "-" -> x - y;
            case "*" -> x * y;
            case "//" -> Math.floorDiv(x, nonZero(y));
            case "%" -> Math.floorMod(x, nonZero(y));
            case "**" -> y >= 0 ? (Object) (long) Math.pow(x, y) : (Object) Math.pow(x, y);
            default -> throw new TemplateException("unknown operator " + op);
        };
    }

    private static long nonZero(long y) {
        if (y == 0) {
            throw new TemplateException("division by zero");
        }
        return y;
    }

    private static double divide(double x, double y) {
        if (y == 0) {
            throw new TemplateException("division by zero");
        }
        return x / y;
    }
}
