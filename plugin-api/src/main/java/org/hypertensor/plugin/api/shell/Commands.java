package org.hypertensor.plugin.api.shell;

import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * What every command needs to turn a user's input and a slow operation into a result or one {@link CommandError}
 * line: parsing with the parser's own message, numbers in a range (typed or converted by the shell), and waiting
 * for a future with a bound.
 */
public final class Commands {

    private Commands() {}

    /** {@code parser.apply(text)}; its {@link IllegalArgumentException} becomes a {@link CommandError} with its message. */
    public static <T> T parse(String text, Function<String, T> parser) {
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            throw new CommandError(e.getMessage());
        }
    }

    /** A whole number in {@code [min, max]}, named {@code what} in the error. */
    public static long number(String text, String what, long min, long max) {
        try {
            long v = Long.parseLong(text.trim());
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // the message below says what was expected
        }
        throw new CommandError(what + " must be a whole number from " + min + " to " + max + ", not '" + text + "'");
    }

    /**
     * A numeric option or argument already converted by the shell, checked against what makes sense for it:
     * {@code value} when it lies in {@code [min, max]}, else a {@link CommandError} naming {@code what} and the range.
     */
    public static long range(long value, String what, long min, long max) {
        if (value < min || value > max) {
            throw new CommandError(what + " must be from " + min + " to " + max + ", not " + value);
        }
        return value;
    }

    /** {@link #range(long, String, long, long)} for an {@code int}. */
    public static int range(int value, String what, int min, int max) {
        return (int) range((long) value, what, min, max);
    }

    /** {@link #range(long, String, long, long)} for a decimal: NaN and infinities are outside every range. */
    public static double range(double value, String what, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new CommandError(
                    what + " must be from " + plain(min) + " to " + plain(max) + ", not " + plain(value));
        }
        return value;
    }

    private static String plain(double v) {
        return v == Math.rint(v) && !Double.isInfinite(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /**
     * Text from outside the node (model output, a peer's name) made safe to print on a terminal: control
     * characters other than newline and tab, which could move the cursor or change the terminal's state, are
     * shown as {@code \\uXXXX}.
     */
    public static String printable(CharSequence text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = Character.getType(c) == Character.CONTROL && c != '\n' && c != '\t';
            if (control) {
                out.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * The future's value within {@code timeout}; a failure becomes "{@code what} failed: cause", a timeout "{@code
     * what} did not finish within N s".
     */
    public static <T> T await(Future<T> future, Duration timeout, String what) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            while (c instanceof CompletionException && c.getCause() != null) {
                c = c.getCause();
            }
            throw new CommandError(
                    what + " failed: " + (c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage()));
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new CommandError(what + " did not finish within " + timeout.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandError(what + " interrupted");
        }
    }
}
