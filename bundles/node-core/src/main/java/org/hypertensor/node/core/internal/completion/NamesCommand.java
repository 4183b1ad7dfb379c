package org.hypertensor.node.core.internal.completion;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.felix.service.command.Descriptor;
import org.hypertensor.node.core.api.Feature;
import org.hypertensor.node.core.api.FeatureService;
import org.hypertensor.node.core.api.NodeInfo;
import org.hypertensor.plugin.api.engine.EngineProperties;
import org.hypertensor.plugin.api.engine.InferenceEngine;
import org.hypertensor.plugin.api.shell.CommandError;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code node:names KIND}: the names the shell completes (features, engines, models, dev accounts). */
@Component(
        service = NamesCommand.class,
        immediate = true,
        property = {"osgi.command.scope=node", "osgi.command.function=names"})
public final class NamesCommand {

    /** The development accounts every dev chain endows; the shell takes them without slashes. */
    static final List<String> DEV_ACCOUNTS = List.of("Alice", "Bob", "Charlie", "Dave", "Eve", "Ferdie");

    private final FeatureService features;
    private final NodeInfo node;
    private final BundleContext context;

    @Activate
    public NamesCommand(@Reference FeatureService features, @Reference NodeInfo node, BundleContext context) {
        this.features = features;
        this.node = node;
        this.context = context;
    }

    @Descriptor("the names the shell completes with TAB")
    public List<String> names(@Descriptor("features, engines, models or accounts") String kind) {
        return switch (kind) {
            case "features" ->
                features.list().stream().map(Feature::name).sorted().toList();
            case "engines" -> engines();
            case "models" -> models(node.dataDir().resolve("models"));
            case "accounts" -> DEV_ACCOUNTS;
            default ->
                throw new CommandError("names of what? features, engines, models or accounts, not '" + kind + "'");
        };
    }

    private List<String> engines() {
        TreeSet<String> names = new TreeSet<>();
        try {
            var refs = context.getServiceReferences(InferenceEngine.class, null);
            for (ServiceReference<InferenceEngine> ref : refs) {
                Object name = ref.getProperty(EngineProperties.NAME);
                if (name != null) {
                    names.add(String.valueOf(name));
                }
            }
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        return List.copyOf(names);
    }

    /** The models in the store: one directory each. */
    static List<String> models(Path store) {
        if (!Files.isDirectory(store)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(store)) {
            return dirs.filter(Files::isDirectory)
                    .map(p -> p.getFileName().toString())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
