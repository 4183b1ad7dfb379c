package org.hypertensor.node.core.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Hashtable;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.ObjectClassDefinition;

class ConfigCheckerTest {

    /** A metatype attribute as bnd generates one from a config annotation member. */
    private record Attribute(String id, int type, String[] options, String rangeError) implements AttributeDefinition {
        public String getName() {
            return id;
        }

        public String getID() {
            return id;
        }

        public String getDescription() {
            return "";
        }

        public int getCardinality() {
            return 0;
        }

        public int getType() {
            return type;
        }

        public String[] getOptionValues() {
            return options;
        }

        public String[] getOptionLabels() {
            return options;
        }

        public String validate(String value) {
            return rangeError == null ? "" : rangeError;
        }

        public String[] getDefaultValue() {
            return null;
        }
    }

    private record Definition(AttributeDefinition... attributes) implements ObjectClassDefinition {
        public String getName() {
            return "test";
        }

        public String getID() {
            return "test";
        }

        public String getDescription() {
            return "";
        }

        public AttributeDefinition[] getAttributeDefinitions(int filter) {
            return attributes;
        }

        public java.io.InputStream getIcon(int size) {
            return null;
        }
    }

    private static final Definition NODE = new Definition(
            new Attribute("name", AttributeDefinition.STRING, null, null),
            new Attribute("log.level", AttributeDefinition.STRING, new String[] {"INFO", "DEBUG"}, null),
            new Attribute("heartbeat.seconds", AttributeDefinition.INTEGER, null, null),
            new Attribute("enabled", AttributeDefinition.BOOLEAN, null, null));

    private static Hashtable<String, Object> config(Object... kv) {
        Hashtable<String, Object> t = new Hashtable<>();
        for (int i = 0; i < kv.length; i += 2) {
            t.put((String) kv[i], kv[i + 1]);
        }
        return t;
    }

    @Test
    void aValidConfigurationHasNoProblems() {
        assertEquals(
                List.of(),
                ConfigChecker.problems(
                        NODE,
                        config(
                                "name",
                                "n1",
                                "log.level",
                                "DEBUG",
                                "heartbeat.seconds",
                                "60",
                                "enabled",
                                "TRUE",
                                "felix.fileinstall.filename",
                                "file:/x.cfg")));
    }

    @Test
    void eachBadValueIsNamedWithItsReason() {
        assertEquals(
                List.of(
                        "log.level = 'LOUD' is not one of INFO, DEBUG",
                        "heartbeat.seconds = 'often' is not an integer",
                        "enabled = 'yes' is not true or false"),
                ConfigChecker.problems(
                        NODE, config("log.level", "LOUD", "heartbeat.seconds", "often", "enabled", "yes")));
    }

    @Test
    void optionsAreNamedInAnyCaseAndHandedOnAsDeclared() {
        assertEquals(List.of(), ConfigChecker.problems(NODE, config("log.level", "debug")));
        assertEquals(List.of(), ConfigChecker.problems(NODE, config("log.level", "Info")));
        Hashtable<String, Object> props = config("log.level", "debug", "name", "n1");
        ConfigChecker.canonicalize(NODE, props);
        assertEquals("DEBUG", props.get("log.level"));
        assertEquals("n1", props.get("name"));
        assertEquals(
                List.of("log.level = 'loud' is not one of INFO, DEBUG"),
                ConfigChecker.problems(NODE, config("log.level", "loud")));
    }

    @Test
    void rangeVerdictsOfTheMetatypeAreReported() {
        Attribute port = new Attribute("port", AttributeDefinition.INTEGER, null, "Value 0 is less than minimum 1");
        assertEquals("is invalid: Value 0 is less than minimum 1", ConfigChecker.check(port, "0"));
        assertNull(ConfigChecker.check(NODE.attributes()[2], " 42 ".trim()));
    }

    @Test
    void everyElementOfAMultiValueIsChecked() {
        Attribute ports = new Attribute("ports", AttributeDefinition.INTEGER, null, null);
        assertEquals(
                List.of("ports = 'x' is not an integer"),
                ConfigChecker.problems(new Definition(ports), config("ports", new String[] {"1", "x"})));
    }
}
