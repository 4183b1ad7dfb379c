package org.hypertensor.node.core.internal.features;

import java.util.List;
import org.apache.felix.service.command.Descriptor;
import org.hypertensor.node.core.api.Feature;
import org.hypertensor.node.core.api.FeatureService;
import org.hypertensor.plugin.api.shell.CommandError;
import org.hypertensor.plugin.api.shell.Table;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code feature:list}, {@code feature:install NAME}, {@code feature:uninstall NAME}. */
@Component(
        service = FeatureCommands.class,
        immediate = true,
        property = {
            "osgi.command.scope=feature",
            "osgi.command.function=list",
            "osgi.command.function=install",
            "osgi.command.function=uninstall"
        })
public final class FeatureCommands {

    private final FeatureService features;

    @Activate
    public FeatureCommands(@Reference FeatureService features) {
        this.features = features;
    }

    @Descriptor("the features this distribution ships and whether each is installed")
    public Table list() {
        Table table = Table.of("FEATURE", "STATE", "BUNDLES", "DESCRIPTION");
        for (Feature f : features.list()) {
            table.row(
                    f.name(),
                    f.boot() ? f.state() + " (boot)" : f.state(),
                    f.bundles().size(),
                    f.description());
        }
        return table;
    }

    @Descriptor("install a feature's bundles and start them")
    public Object install(@Descriptor("feature name") String name) {
        return changed("installed", name, run(() -> features.install(name)));
    }

    @Descriptor("remove the bundles a feature added that nothing else needs")
    public Object uninstall(@Descriptor("feature name") String name) {
        return changed("removed", name, run(() -> features.uninstall(name)));
    }

    private static Object changed(String verb, String feature, List<String> bundles) {
        if (bundles.isEmpty()) {
            return "feature " + feature + ": no bundles " + verb + " (already in the wanted state)";
        }
        Table table = Table.of("BUNDLE " + verb.toUpperCase(java.util.Locale.ROOT));
        bundles.forEach(table::row);
        return table;
    }

    private static List<String> run(java.util.function.Supplier<List<String>> action) {
        try {
            return action.get();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new CommandError(e.getMessage());
        }
    }
}
