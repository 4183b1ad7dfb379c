package org.hypertensor.node.core.internal.status;

import java.util.Collection;
import java.util.TreeSet;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;

/** Component configuration states as words; several configurations (factories) are listed together. */
final class ComponentStates {

    private ComponentStates() {}

    static String of(Collection<ComponentConfigurationDTO> configs) {
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
}
