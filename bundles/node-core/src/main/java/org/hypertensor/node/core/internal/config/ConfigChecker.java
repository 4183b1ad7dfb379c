package org.hypertensor.node.core.internal.config;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.ObjectClassDefinition;

/**
 * Checks configuration values against their metatype: the type must parse strictly (no silent
 * fallback to 0 or false), and the value must be within the declared options and range.
 */
final class ConfigChecker {

    private ConfigChecker() {}

    /** One problem per offending key, in definition order; empty when the configuration is valid. */
    static List<String> problems(ObjectClassDefinition ocd, java.util.Dictionary<String, Object> props) {
        List<String> problems = new ArrayList<>();
        AttributeDefinition[] ads = ocd.getAttributeDefinitions(ObjectClassDefinition.ALL);
        if (ads == null) {
            return problems;
        }
        for (AttributeDefinition ad : ads) {
            Object value = props.get(ad.getID());
            if (value == null) {
                continue;
            }
            for (Object element : elements(value)) {
                String why = check(ad, String.valueOf(element).trim());
                if (why != null) {
                    problems.add(ad.getID() + " = '" + element + "' " + why);
                    break;
                }
            }
        }
        return problems;
    }

    /** Why a single value is invalid, or {@code null} if it is valid. */
    static String check(AttributeDefinition ad, String value) {
        String typeProblem = parses(ad.getType(), value);
        if (typeProblem != null) {
            return typeProblem;
        }
        String[] options = ad.getOptionValues();
        String canonical = canonical(options, value);
        if (canonical == null) {
            return "is not one of " + String.join(", ", options);
        }
        String verdict = ad.validate(canonical);
        if (verdict != null && !verdict.isEmpty()) {
            return "is invalid: " + verdict;
        }
        return null;
    }

    /**
     * The value as declared: an option is named in any case ({@code warn} is {@code WARN}, as the shell accepts
     * it), and the component then gets the declared spelling; {@code null} when no option matches.
     */
    static String canonical(String[] options, String value) {
        if (options == null || options.length == 0) {
            return value;
        }
        for (String option : options) {
            if (option.equalsIgnoreCase(value)) {
                return option;
            }
        }
        return null;
    }

    /** Rewrites each single option value of a valid configuration in its declared spelling. */
    static void canonicalize(ObjectClassDefinition ocd, java.util.Dictionary<String, Object> props) {
        AttributeDefinition[] ads = ocd.getAttributeDefinitions(ObjectClassDefinition.ALL);
        for (AttributeDefinition ad : ads == null ? new AttributeDefinition[0] : ads) {
            if (props.get(ad.getID()) instanceof String value) {
                String canonical = canonical(ad.getOptionValues(), value.trim());
                if (canonical != null && !canonical.equals(value)) {
                    props.put(ad.getID(), canonical);
                }
            }
        }
    }

    private static String parses(int type, String value) {
        try {
            switch (type) {
                case AttributeDefinition.INTEGER -> Integer.parseInt(value);
                case AttributeDefinition.LONG -> Long.parseLong(value);
                case AttributeDefinition.SHORT -> Short.parseShort(value);
                case AttributeDefinition.BYTE -> Byte.parseByte(value);
                case AttributeDefinition.DOUBLE -> Double.parseDouble(value);
                case AttributeDefinition.FLOAT -> Float.parseFloat(value);
                case AttributeDefinition.BOOLEAN -> {
                    if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                        return "is not true or false";
                    }
                }
                case AttributeDefinition.CHARACTER -> {
                    if (value.length() != 1) {
                        return "is not a single character";
                    }
                }
                default -> {
                    return null;
                }
            }
            return null;
        } catch (NumberFormatException e) {
            return "is not " + typeName(type);
        }
    }

    private static String typeName(int type) {
        return switch (type) {
            case AttributeDefinition.INTEGER, AttributeDefinition.SHORT, AttributeDefinition.BYTE -> "an integer";
            case AttributeDefinition.LONG -> "a long integer";
            default -> "a number";
        };
    }

    private static List<Object> elements(Object value) {
        List<Object> out = new ArrayList<>();
        if (value.getClass().isArray()) {
            for (int i = 0; i < Array.getLength(value); i++) {
                out.add(Array.get(value, i));
            }
        } else if (value instanceof Collection<?> c) {
            out.addAll(c);
        } else {
            out.add(value);
        }
        return out;
    }
}
