package org.hypertensor.node.core.internal.commands;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;

/**
 * What {@code help} prints for a command: its description and usage line, read from the Gogo annotations
 * ({@link Descriptor}, {@link Parameter}) of the methods Gogo would call for it.
 */
final class CommandUsage {

    /** Gogo calls {@code _name} for a function named after a Java keyword. */
    private static final Set<String> KEYWORDS = Set.of(
            "abstract",
            "continue",
            "for",
            "new",
            "switch",
            "assert",
            "default",
            "goto",
            "package",
            "synchronized",
            "boolean",
            "do",
            "if",
            "private",
            "this",
            "break",
            "double",
            "implements",
            "protected",
            "throw",
            "byte",
            "else",
            "import",
            "public",
            "throws",
            "case",
            "enum",
            "instanceof",
            "return",
            "transient",
            "catch",
            "extends",
            "int",
            "short",
            "try",
            "char",
            "final",
            "interface",
            "static",
            "void",
            "class",
            "finally",
            "long",
            "strictfp",
            "volatile",
            "const",
            "float",
            "native",
            "super",
            "while");

    private CommandUsage() {}

    /** The public methods Gogo matches to {@code function} (name, {@code is/get/set}name, {@code _}keyword), fewest parameters first. */
    static List<Method> methods(Class<?> type, String function) {
        String f = function.toLowerCase(Locale.ROOT);
        Set<String> names = Set.of(KEYWORDS.contains(f) ? "_" + f : f, "is" + f, "get" + f, "set" + f);
        List<Method> found = new ArrayList<>();
        for (Method m : type.getMethods()) {
            if (m.getDeclaringClass() != Object.class
                    && names.contains(m.getName().toLowerCase(Locale.ROOT))) {
                found.add(m);
            }
        }
        found.sort(Comparator.comparingInt(Method::getParameterCount).thenComparing(Method::toGenericString));
        return found;
    }

    /** The first method's description, or {@code null} when none has one. */
    static String description(List<Method> methods) {
        for (Method m : methods) {
            Descriptor d = m.getAnnotation(Descriptor.class);
            if (d != null && !d.value().isBlank()) {
                return d.value();
            }
        }
        return null;
    }

    /** {@code ledger:transfer [--key <signing key>] <recipient> <amount>}: options first, then the arguments in order. */
    static String usage(String command, Method m) {
        StringBuilder options = new StringBuilder();
        StringBuilder arguments = new StringBuilder();
        Class<?>[] types = m.getParameterTypes();
        Annotation[][] annotations = m.getParameterAnnotations();
        for (int i = 0; i < types.length; i++) {
            if (types[i] == CommandSession.class) {
                continue;
            }
            Parameter p = find(annotations[i], Parameter.class);
            String name = placeholder(find(annotations[i], Descriptor.class), types[i]);
            if (p != null) {
                String option = longest(p.names());
                boolean flag = !Parameter.UNSPECIFIED.equals(p.presentValue());
                options.append(" [")
                        .append(option)
                        .append(flag ? "" : " <" + name + ">")
                        .append(']');
            } else {
                boolean many = types[i].isArray() || List.class.isAssignableFrom(types[i]);
                arguments.append(" <").append(name).append('>').append(many ? "..." : "");
            }
        }
        return command + options + arguments;
    }

    /** One line per option and argument with its description and default, for {@code help NAME}. */
    static List<String> parameters(Method m) {
        List<String> lines = new ArrayList<>();
        Class<?>[] types = m.getParameterTypes();
        Annotation[][] annotations = m.getParameterAnnotations();
        for (int i = 0; i < types.length; i++) {
            if (types[i] == CommandSession.class) {
                continue;
            }
            Parameter p = find(annotations[i], Parameter.class);
            Descriptor d = find(annotations[i], Descriptor.class);
            String what = d == null ? types[i].getSimpleName() : d.value();
            if (p == null) {
                lines.add("<" + placeholder(d, types[i]) + ">: " + what);
            } else {
                boolean flag = !Parameter.UNSPECIFIED.equals(p.presentValue());
                boolean hasDefault = !flag
                        && !Parameter.UNSPECIFIED.equals(p.absentValue())
                        && !p.absentValue().isEmpty();
                lines.add(String.join(", ", p.names()) + ": " + what
                        + (hasDefault ? " (default " + p.absentValue() + ")" : ""));
            }
        }
        return lines;
    }

    /** A parameter's name in a usage line: its description up to the first explanation, else its type. */
    private static String placeholder(Descriptor d, Class<?> type) {
        if (d == null || d.value().isBlank()) {
            Class<?> t = type.isArray() ? type.getComponentType() : type;
            return t.getSimpleName().toLowerCase(Locale.ROOT);
        }
        String text = d.value();
        int cut = text.length();
        for (char c : new char[] {'(', ':', ',', ';'}) {
            int at = text.indexOf(c);
            if (at > 0 && at < cut) {
                cut = at;
            }
        }
        return text.substring(0, cut).strip();
    }

    private static String longest(String[] names) {
        return Arrays.stream(names).max(Comparator.comparingInt(String::length)).orElse("?");
    }

    private static <A extends Annotation> A find(Annotation[] annotations, Class<A> type) {
        for (Annotation a : annotations) {
            if (type.isInstance(a)) {
                return type.cast(a);
            }
        }
        return null;
    }
}
