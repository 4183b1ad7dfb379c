package org.hypertensor.node.core.internal.config;

import java.util.Collections;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationPlugin;
import org.osgi.service.metatype.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stands between Config Admin and every component: a configuration whose values do not match their
 * metatype is refused with one log line, and the component is handed its last good configuration
 * instead (or its defaults, if it never had a good one). The operator's file is left as written.
 */
final class ValidatingConfigurationPlugin implements ConfigurationPlugin {

    private static final Logger LOG = LoggerFactory.getLogger(ValidatingConfigurationPlugin.class);
    private static final List<String> BOOKKEEPING = List.of(
            Constants.SERVICE_PID, ConfigurationAdmin.SERVICE_FACTORYPID, ConfigurationAdmin.SERVICE_BUNDLELOCATION);

    private final MetatypeIndex metatypes;
    private final Map<String, Map<String, Object>> lastGood = new ConcurrentHashMap<>();
    private final Map<String, String> lastRefused = new ConcurrentHashMap<>();

    ValidatingConfigurationPlugin(MetatypeIndex metatypes) {
        this.metatypes = metatypes;
    }

    @Override
    public void modifyConfiguration(ServiceReference<?> reference, Dictionary<String, Object> properties) {
        String pid = (String) properties.get(Constants.SERVICE_PID);
        String factoryPid = (String) properties.get(ConfigurationAdmin.SERVICE_FACTORYPID);
        if (pid == null) {
            return;
        }
        ObjectClassDefinition ocd = metatypes.find(pid, factoryPid).orElse(null);
        if (ocd == null) {
            return;
        }
        List<String> problems = ConfigChecker.problems(ocd, properties);
        if (problems.isEmpty()) {
            ConfigChecker.canonicalize(ocd, properties);
            lastGood.put(pid, copy(properties));
            lastRefused.remove(pid);
            return;
        }
        Map<String, Object> good = lastGood.get(pid);
        String signature = copy(properties).toString();
        // Config Admin asks once per consumer; say it once per refused version.
        if (!signature.equals(lastRefused.put(pid, signature))) {
            LOG.warn(
                    "Config {} refused: {}; {}",
                    pid,
                    String.join("; ", problems),
                    good == null ? "using the defaults for these keys" : "keeping the last good configuration");
        }
        if (good == null) {
            for (String problem : problems) {
                properties.remove(problem.substring(0, problem.indexOf(" = ")));
            }
        } else {
            replace(properties, good);
        }
    }

    private static void replace(Dictionary<String, Object> target, Map<String, Object> good) {
        for (String key : Collections.list(target.keys())) {
            if (!BOOKKEEPING.contains(key)) {
                target.remove(key);
            }
        }
        good.forEach((k, v) -> {
            if (!BOOKKEEPING.contains(k)) {
                target.put(k, v);
            }
        });
    }

    private static Map<String, Object> copy(Dictionary<String, Object> properties) {
        Map<String, Object> copy = new TreeMap<>();
        for (Enumeration<String> keys = properties.keys(); keys.hasMoreElements(); ) {
            String key = keys.nextElement();
            Object value = properties.get(key);
            copy.put(key, value.getClass().isArray() ? arrayCopy(value) : value);
        }
        return copy;
    }

    private static Object arrayCopy(Object array) {
        int n = java.lang.reflect.Array.getLength(array);
        Object out = java.lang.reflect.Array.newInstance(array.getClass().getComponentType(), n);
        System.arraycopy(array, 0, out, 0, n);
        return out;
    }

    static Hashtable<String, Object> registrationProperties() {
        Hashtable<String, Object> props = new Hashtable<>();
        // Run after plugins that substitute values, so what we check is what the component gets.
        props.put(ConfigurationPlugin.CM_RANKING, 900);
        return props;
    }
}
