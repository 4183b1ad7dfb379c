package org.hypertensor.node.core.internal.config;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.felix.fileinstall.ArtifactInstaller;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.ObjectClassDefinition;
import org.osgi.util.tracker.ServiceTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stands in front of FileInstall's own {@code .cfg} installer (it ranks higher): a file that cannot be
 * read strictly ({@link CfgFile}), or that sets a key the component does not know or a value its metatype
 * refuses, is refused whole with one ERROR naming the file and line, and never reaches Config Admin: the
 * last good configuration stays in force and no component is handed a configuration again (which would
 * restart those without {@code @Modified}). A good file goes on to the next installer unchanged.
 */
final class ConfigFileGuard implements ArtifactInstaller {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigFileGuard.class);
    /** Problems named in the one log line; the rest are counted. */
    private static final int SHOWN = 3;

    private final MetatypeIndex metatypes;
    private final ConfigFileProblems problems;
    private static final String FILENAME = "felix.fileinstall.filename";

    private final ServiceTracker<ArtifactInstaller, ArtifactInstaller> installers;
    private final ServiceTracker<ConfigurationAdmin, ConfigurationAdmin> configAdmin;
    /** Copies of the files last accepted, kept across restarts (the bundle's data area). */
    private final Path accepted;

    ConfigFileGuard(BundleContext context, MetatypeIndex metatypes, ConfigFileProblems problems) {
        this.metatypes = metatypes;
        this.problems = problems;
        this.installers = new ServiceTracker<>(context, ArtifactInstaller.class, null);
        this.configAdmin = new ServiceTracker<>(context, ConfigurationAdmin.class, null);
        File data = context.getDataFile("accepted-config");
        this.accepted = data == null ? null : data.toPath();
    }

    void open() {
        installers.open();
        configAdmin.open();
    }

    void close() {
        configAdmin.close();
        installers.close();
    }

    @Override
    public boolean canHandle(File file) {
        return file.getName().endsWith(".cfg") && next(file) != null;
    }

    @Override
    public void install(File file) throws Exception {
        if (accepted(file)) {
            ArtifactInstaller next = next(file);
            if (next != null) {
                next.install(file);
            }
        }
    }

    @Override
    public void update(File file) throws Exception {
        if (accepted(file)) {
            ArtifactInstaller next = next(file);
            if (next != null) {
                next.update(file);
            }
        }
    }

    @Override
    public void uninstall(File file) throws Exception {
        problems.clear(name(file));
        ArtifactInstaller next = next(file);
        if (next != null) {
            next.uninstall(file);
        }
    }

    private boolean accepted(File file) {
        String name = name(file);
        List<String> found;
        byte[] bytes = new byte[0];
        try {
            bytes = Files.readAllBytes(file.toPath());
            found = problems(file.getName(), bytes);
        } catch (IOException e) {
            found = List.of("cannot be read: " + e.getMessage());
        }
        if (found.isEmpty()) {
            keepCopy(file.getName(), bytes);
            if (problems.clear(name)) {
                LOG.info("Config file {} accepted", name);
            }
            return true;
        }
        String shown = String.join("; ", found.subList(0, Math.min(SHOWN, found.size())))
                + (found.size() > SHOWN ? "; and " + (found.size() - SHOWN) + " more" : "");
        problems.refused(name, shown);
        LOG.error(
                "Config file {} refused, nothing applied (the last good configuration stays in force): {}",
                name,
                shown);
        restoreLastGood(file);
        return false;
    }

    private void keepCopy(String fileName, byte[] bytes) {
        if (accepted == null) {
            return;
        }
        try {
            Files.createDirectories(accepted);
            Files.write(accepted.resolve(fileName), bytes);
        } catch (IOException e) {
            LOG.warn("Cannot keep a copy of the accepted {}: {}", fileName, e.getMessage());
        }
    }

    /**
     * FileInstall's first scan runs before this guard exists (it starts at level 1, node-core at 2) and may
     * have handed a refused file to Config Admin: put back the file last accepted, if it differs.
     */
    private void restoreLastGood(File file) {
        ConfigurationAdmin admin = configAdmin.getService();
        String pid = file.getName().substring(0, file.getName().length() - ".cfg".length());
        Path copy = accepted == null ? null : accepted.resolve(file.getName());
        if (admin == null || copy == null || !Files.isRegularFile(copy) || pid.contains("-")) {
            return;
        }
        try {
            Map<String, String> good = new TreeMap<>();
            for (CfgFile.Entry e : CfgFile.parse(Files.readAllBytes(copy))) {
                if (e.value().contains("${")) {
                    return; // FileInstall's substitution: leave it to FileInstall
                }
                good.put(e.key(), e.value());
            }
            Configuration config = admin.getConfiguration(pid, "?");
            if (good.equals(settings(config.getProperties()))) {
                return;
            }
            Hashtable<String, Object> props = new Hashtable<>(good);
            props.put(FILENAME, file.getAbsoluteFile().toURI().toString());
            config.update(props);
            LOG.warn("Config {}: restored the last accepted {} over what was read before the check", pid, name(file));
        } catch (IOException | CfgFile.SyntaxError e) {
            LOG.warn("Cannot restore the last accepted {}: {}", name(file), e.getMessage());
        }
    }

    private static Map<String, String> settings(Dictionary<String, Object> props) {
        Map<String, String> out = new TreeMap<>();
        if (props != null) {
            for (String key : Collections.list(props.keys())) {
                if (!key.equals(FILENAME) && !key.startsWith("service.")) {
                    out.put(key, String.valueOf(props.get(key)));
                }
            }
        }
        return out;
    }

    /** Each problem as "line N: why"; empty when the file may go to Config Admin. */
    List<String> problems(String fileName, byte[] bytes) {
        List<CfgFile.Entry> entries;
        try {
            entries = CfgFile.parse(bytes);
        } catch (CfgFile.SyntaxError e) {
            return List.of("line " + e.line() + ": " + e.getMessage());
        }
        Optional<ObjectClassDefinition> ocd = definition(fileName.substring(0, fileName.length() - ".cfg".length()));
        if (ocd.isEmpty()) {
            return List.of(); // not installed yet, or not ours: Config Admin's plugin checks values later
        }
        Map<String, AttributeDefinition> known = new HashMap<>();
        AttributeDefinition[] ads = ocd.get().getAttributeDefinitions(ObjectClassDefinition.ALL);
        Arrays.stream(ads == null ? new AttributeDefinition[0] : ads).forEach(ad -> known.put(ad.getID(), ad));
        List<String> out = new ArrayList<>();
        for (CfgFile.Entry e : entries) {
            AttributeDefinition ad = known.get(e.key());
            if (ad == null) {
                if (!framework(e.key())) {
                    out.add("line " + e.line() + ": unknown key '" + e.key() + "'");
                }
                continue;
            }
            if (e.value().contains("${")) {
                continue; // FileInstall substitutes it; the Config Admin plugin checks the result
            }
            String why = ConfigChecker.check(ad, e.value());
            if (why != null) {
                out.add("line " + e.line() + ": " + e.key() + " = '" + e.value() + "' " + why);
            }
        }
        return out;
    }

    /** Our components' metatype, by PID or, for {@code factory-name.cfg}, by factory PID. */
    private Optional<ObjectClassDefinition> definition(String pid) {
        if (!pid.startsWith("org.hypertensor.")) {
            return Optional.empty();
        }
        Optional<ObjectClassDefinition> ocd = metatypes.find(pid, null);
        int dash = pid.indexOf('-');
        if (ocd.isEmpty() && dash > 0) {
            ocd = metatypes.find(pid, pid.substring(0, dash));
        }
        return ocd;
    }

    /** Keys that configure the framework or DS rather than the component (service ranking, reference targets). */
    private static boolean framework(String key) {
        return key.startsWith("service.")
                || key.startsWith("felix.")
                || key.startsWith("component.")
                || key.endsWith(".target");
    }

    /** The installer FileInstall would have used: the highest-ranked other one that handles the file. */
    private ArtifactInstaller next(File file) {
        ServiceReference<ArtifactInstaller>[] refs = installers.getServiceReferences();
        if (refs == null) {
            return null;
        }
        Arrays.sort(refs, (a, b) -> b.compareTo(a));
        for (ServiceReference<ArtifactInstaller> ref : refs) {
            ArtifactInstaller installer = installers.getService(ref);
            if (installer != null && installer != this && installer.canHandle(file)) {
                return installer;
            }
        }
        return null;
    }

    private static String name(File file) {
        File dir = file.getParentFile();
        return dir == null ? file.getName() : dir.getName() + "/" + file.getName();
    }
}
