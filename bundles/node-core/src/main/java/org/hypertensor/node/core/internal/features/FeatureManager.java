package org.hypertensor.node.core.internal.features;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.hypertensor.node.core.api.Feature;
import org.hypertensor.node.core.api.FeatureService;
import org.hypertensor.node.core.api.NodeInfo;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies features to the running framework. Definitions come from the distribution's
 * {@code features/} (resolved at build time), bundles from its {@code system/}; the names of installed
 * features are kept in {@code data/features.installed} and reinstalled at the next start.
 */
@Component(immediate = true)
public final class FeatureManager implements FeatureService {

    private static final Logger LOG = LoggerFactory.getLogger(FeatureManager.class);
    /**
     * Framework property listing the features a node installs at every start (the launcher fills it
     * per mode, e.g. {@code hypertensor.features.devnet}); they are not recorded as operator choices.
     */
    static final String DECLARED = "hypertensor.features";
    /** Location prefix of bundles a feature installed, so we only ever remove our own. */
    static final String LOCATION_PREFIX = "feature:";

    private final BundleContext context;
    private final Path featuresDir;
    private final List<Path> bundleDirs;
    private final InstalledFeatures installed;
    private final List<String> declared;
    private final Thread restorer;

    @Activate
    public FeatureManager(@Reference NodeInfo node, BundleContext context) {
        this.context = context;
        Path dist = node.distribution();
        this.featuresDir = dist.resolve("features");
        this.bundleDirs = List.of(dist.resolve("system"), dist.resolve("bundle"), dist.resolve("boot"));
        this.installed = new InstalledFeatures(node.dataDir().resolve("features.installed"));
        this.declared = declaredFeatures(context.getProperty(DECLARED));
        this.restorer = new Thread(this::restore, "feature-restore");
        restorer.setDaemon(true);
        restorer.start();
    }

    @Deactivate
    void stop() throws InterruptedException {
        restorer.join(TimeUnit.SECONDS.toMillis(30));
    }

    /** Waits until the declared and recorded features have been installed after a start. */
    public boolean awaitRestored(long timeout, TimeUnit unit) throws InterruptedException {
        restorer.join(unit.toMillis(timeout));
        return !restorer.isAlive();
    }

    @Override
    public synchronized List<Feature> list() {
        List<Feature> out = new ArrayList<>();
        for (FeatureDefinition def : definitions().values()) {
            out.add(new Feature(
                    def.name(),
                    def.description(),
                    def.boot(),
                    def.bundles().stream().map(BundleRequirement::toString).toList(),
                    state(def)));
        }
        return out;
    }

    @Override
    public synchronized List<String> install(String name) {
        FeatureDefinition def = definition(name);
        String unmet = unmet(def);
        if (unmet != null) {
            throw new IllegalArgumentException(unmet);
        }
        BundleRepository repository = repository();
        List<BundleRepository.Entry> missing = new ArrayList<>();
        for (BundleRequirement req : def.bundles()) {
            if (installedBundle(req).isEmpty()) {
                missing.add(repository
                        .find(req)
                        .orElseThrow(() -> new IllegalArgumentException(
                                "feature " + name + " needs " + req + ", which is not in the distribution")));
            }
        }
        List<Bundle> added = new ArrayList<>();
        try {
            for (BundleRepository.Entry entry : missing) {
                try (InputStream in = Files.newInputStream(entry.file())) {
                    added.add(
                            context.installBundle(LOCATION_PREFIX + entry.symbolicName() + "/" + entry.version(), in));
                }
            }
            for (Bundle bundle : added) {
                if (bundle.getHeaders("").get(Constants.FRAGMENT_HOST) == null) {
                    bundle.start();
                }
            }
        } catch (BundleException | IOException | RuntimeException e) {
            remove(added);
            throw new IllegalStateException(
                    "feature " + name + " could not be installed, nothing was kept: " + e.getMessage());
        }
        if (!declared.contains(name)) {
            installed.add(name);
        }
        List<String> names = added.stream().map(Bundle::getSymbolicName).toList();
        LOG.info("Feature {} installed ({} bundles added)", name, names.size());
        return names;
    }

    @Override
    public synchronized List<String> uninstall(String name) {
        FeatureDefinition def = definition(name);
        if (def.boot()) {
            throw new IllegalArgumentException("feature " + name + " is part of every node and cannot be uninstalled");
        }
        if (!installed.contains(name) && !declared.contains(name)) {
            throw new IllegalArgumentException("feature " + name + " is not installed");
        }
        List<FeatureDefinition> others = definitions().values().stream()
                .filter(d -> !d.name().equals(name) && (d.boot() || isWanted(d.name())))
                .toList();
        List<Bundle> removable = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getLocation().startsWith(LOCATION_PREFIX)
                    && needs(def, bundle)
                    && others.stream().noneMatch(o -> needs(o, bundle))) {
                removable.add(bundle);
            }
        }
        List<String> names = removable.stream().map(Bundle::getSymbolicName).toList();
        remove(removable);
        installed.remove(name);
        LOG.info("Feature {} uninstalled ({} bundles removed)", name, names.size());
        return names;
    }

    private boolean isWanted(String name) {
        return installed.contains(name) || declared.contains(name);
    }

    static List<String> declaredFeatures(String property) {
        if (property == null || property.isBlank()) {
            return List.of();
        }
        return java.util.Arrays.stream(property.split(","))
                .map(String::trim)
                .filter(n -> !n.isEmpty())
                .distinct()
                .toList();
    }

    private void restore() {
        java.util.LinkedHashSet<String> wanted = new java.util.LinkedHashSet<>(declared);
        wanted.addAll(installed.names());
        for (String name : wanted) {
            try {
                if (definitions().containsKey(name)) {
                    install(name);
                } else {
                    LOG.warn("Feature {} was installed but this distribution no longer ships it; skipped", name);
                }
            } catch (RuntimeException e) {
                LOG.warn("Feature {} could not be restored: {}", name, e.getMessage());
            }
        }
    }

    /**
     * Why this distribution cannot run the feature (its bundle is another build variant, e.g. CPU natives where
     * the feature needs GPU ones), or {@code null} when it can.
     */
    private String unmet(FeatureDefinition def) {
        for (FeatureDefinition.Need need : def.needs()) {
            String has = header(def, need);
            if (!need.value().equals(has)) {
                return "feature " + def.name() + " needs " + need.symbolicName() + " with " + need.header() + " "
                        + need.value() + ", but this distribution's has " + (has == null ? "none" : has) + " ("
                        + def.description() + ")";
            }
        }
        return null;
    }

    /** The header of the needed bundle: the installed one, else the distribution's jar. */
    private String header(FeatureDefinition def, FeatureDefinition.Need need) {
        for (BundleRequirement req : def.bundles()) {
            if (req.symbolicName().equals(need.symbolicName())) {
                Optional<Bundle> installed = installedBundle(req);
                if (installed.isPresent()) {
                    return installed.get().getHeaders("").get(need.header());
                }
                Optional<BundleRepository.Entry> entry = repository().find(req);
                if (entry.isPresent()) {
                    try (JarFile jar = new JarFile(entry.get().file().toFile())) {
                        Manifest m = jar.getManifest();
                        return m == null ? null : m.getMainAttributes().getValue(need.header());
                    } catch (IOException e) {
                        return null;
                    }
                }
            }
        }
        return null;
    }

    private Feature.State state(FeatureDefinition def) {
        if (!def.needs().isEmpty() && unmet(def) != null) {
            return Feature.State.AVAILABLE; // never "installed": what it needs is not in this distribution
        }
        boolean all = def.bundles().stream()
                .allMatch(req -> installedBundle(req)
                        .filter(b -> b.getState() == Bundle.ACTIVE
                                || b.getHeaders("").get(Constants.FRAGMENT_HOST) != null)
                        .isPresent());
        if (all) {
            return Feature.State.INSTALLED;
        }
        return isWanted(def.name()) ? Feature.State.PARTIAL : Feature.State.AVAILABLE;
    }

    private static boolean needs(FeatureDefinition def, Bundle bundle) {
        return def.bundles().stream().anyMatch(r -> r.matches(bundle.getSymbolicName(), bundle.getVersion()));
    }

    private Optional<Bundle> installedBundle(BundleRequirement req) {
        for (Bundle b : context.getBundles()) {
            if (b.getState() != Bundle.UNINSTALLED && req.matches(b.getSymbolicName(), b.getVersion())) {
                return Optional.of(b);
            }
        }
        return Optional.empty();
    }

    private FeatureDefinition definition(String name) {
        Map<String, FeatureDefinition> all = definitions();
        FeatureDefinition def = all.get(name);
        if (def == null) {
            throw new IllegalArgumentException(
                    "no feature named '" + name + "' (available: " + String.join(", ", all.keySet()) + ")");
        }
        return def;
    }

    private Map<String, FeatureDefinition> definitions() {
        Map<String, FeatureDefinition> defs = new TreeMap<>();
        if (!Files.isDirectory(featuresDir)) {
            return defs;
        }
        try (Stream<Path> files = Files.list(featuresDir)) {
            for (Path file : files.filter(p -> p.toString().endsWith(FeatureDefinition.SUFFIX))
                    .toList()) {
                try {
                    FeatureDefinition def = FeatureDefinition.read(file);
                    defs.put(def.name(), def);
                } catch (IOException | IllegalArgumentException e) {
                    LOG.warn("Feature file {} skipped: {}", file.getFileName(), e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + featuresDir, e);
        }
        return defs;
    }

    private BundleRepository repository() {
        try {
            return BundleRepository.scan(bundleDirs);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the distribution's bundles: " + e.getMessage());
        }
    }

    /** Stops and uninstalls bundles, then refreshes wiring so no stale class space remains. */
    private void remove(Collection<Bundle> bundles) {
        for (Bundle bundle : bundles) {
            try {
                bundle.uninstall();
            } catch (BundleException | IllegalStateException e) {
                LOG.warn("Bundle {} could not be uninstalled: {}", bundle.getSymbolicName(), e.getMessage());
            }
        }
        if (bundles.isEmpty()) {
            return;
        }
        CountDownLatch refreshed = new CountDownLatch(1);
        context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION)
                .adapt(FrameworkWiring.class)
                .refreshBundles(bundles, event -> {
                    if (event.getType() == FrameworkEvent.PACKAGES_REFRESHED) {
                        refreshed.countDown();
                    }
                });
        try {
            if (!refreshed.await(30, TimeUnit.SECONDS)) {
                LOG.warn("Refreshing after removing {} bundles took over 30 s", bundles.size());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
