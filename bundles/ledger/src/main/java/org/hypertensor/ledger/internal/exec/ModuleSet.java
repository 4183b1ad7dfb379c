package org.hypertensor.ledger.internal.exec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.hypertensor.ledger.api.runtime.CallSpec;
import org.hypertensor.ledger.api.runtime.RuntimeModule;
import org.hypertensor.ledger.internal.spec.ModuleRequirement;

/**
 * The chain spec's required modules, each matched to a present service of the exact version, in the
 * spec's order (the order hooks run in). {@link #resolve} says what is missing when blocks must pause.
 */
public final class ModuleSet {

    private final List<RuntimeModule> ordered;

    private ModuleSet(List<RuntimeModule> ordered) {
        this.ordered = List.copyOf(ordered);
    }

    /** The set, or why it cannot be formed. */
    public static Resolution resolve(List<ModuleRequirement> required, Map<String, List<RuntimeModule>> available) {
        List<RuntimeModule> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (ModuleRequirement r : required) {
            List<RuntimeModule> candidates = available.getOrDefault(r.name(), List.of());
            RuntimeModule match = candidates.stream()
                    .filter(m -> m.version() == r.version())
                    .findFirst()
                    .orElse(null);
            if (match != null) {
                out.add(match);
            } else if (candidates.isEmpty()) {
                problems.add("module " + r + " is missing");
            } else {
                problems.add("module " + r.name() + " is present in version "
                        + candidates.get(0).version() + ", the chain needs v" + r.version());
            }
        }
        return problems.isEmpty()
                ? new Resolution(new ModuleSet(out), null)
                : new Resolution(null, String.join("; ", problems));
    }

    public List<RuntimeModule> ordered() {
        return Collections.unmodifiableList(ordered);
    }

    public RuntimeModule module(String name) {
        for (RuntimeModule m : ordered) {
            if (m.name().equals(name)) {
                return m;
            }
        }
        return null;
    }

    public CallSpec call(String module, String function) {
        RuntimeModule m = module(module);
        if (m == null) {
            return null;
        }
        for (CallSpec c : m.calls()) {
            if (c.function().equals(function)) {
                return c;
            }
        }
        return null;
    }

    /** A module set, or the reason there is none. */
    public record Resolution(ModuleSet modules, String problem) {}
}
