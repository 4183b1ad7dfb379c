package org.hypertensor.node.core.internal.status;

import java.util.Collection;
import java.util.TreeSet;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;

/** Component configuration states as words; several configurations (factories) are listed together. */
public final class ComponentStates {

    private ComponentStates() {}

    public static String of(Collection<ComponentConfigurationDTO> configs) {
        TreeSet<String> states = new TreeSet<>();
        for (ComponentConfigurationDTO c : configs) {
            states.add(
                    switch (c.state) {
                        case ComponentConfigurationDTO.ACTIVE -> "ACTIVE";
                        case ComponentConfigurationDTO.SATISFIED -> "SATISFIED";
                        case ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION -> "UNSATISFIED CONFIGURATION";
                        case ComponentConfigurationDTO.UNSATISFIED_REFERENCE -> "UNSATISFIED REFERENCE";
                        case ComponentConfigurationDTO.FAILED_ACTIVATION -> "FAILED ACTIVATION";
                        default -> "UNKNOWN";
                    });
        }
        return String.join(", ", states);
    }

    /**
     * Why a component is not ready, one line, or {@code null} when it is: the first line of its activation
     * failure, or the references it waits for.
     */
    public static String problem(Collection<ComponentConfigurationDTO> configs) {
        for (ComponentConfigurationDTO c : configs) {
            if (c.state == ComponentConfigurationDTO.FAILED_ACTIVATION) {
                String failure = c.failure == null ? "" : c.failure.strip();
                int eol = failure.indexOf('\n');
                String first = (eol < 0 ? failure : failure.substring(0, eol)).strip();
                return "activation failed" + (first.isEmpty() ? "" : ": " + first);
            }
        }
        for (ComponentConfigurationDTO c : configs) {
            if (c.state == ComponentConfigurationDTO.UNSATISFIED_REFERENCE && c.unsatisfiedReferences != null) {
                TreeSet<String> missing = new TreeSet<>();
                for (var r : c.unsatisfiedReferences) {
                    missing.add(r.name);
                }
                return "waiting for " + String.join(", ", missing);
            }
        }
        return null;
    }
}
