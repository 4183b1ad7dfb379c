package org.hypertensor.node.core.internal.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;

/** Issue 15: node:status must show failed components with the reason. */
class ComponentStatesTest {

    private static ComponentConfigurationDTO config(int state) {
        ComponentConfigurationDTO c = new ComponentConfigurationDTO();
        c.state = state;
        return c;
    }

    @Test
    void aFailedComponentShowsTheFirstLineOfItsFailureAndAWaitingOneWhatItWaitsFor() {
        ComponentConfigurationDTO failed = config(ComponentConfigurationDTO.FAILED_ACTIVATION);
        failed.failure = "java.lang.IllegalStateException: cannot bind 127.0.0.1:9933\n\tat a.b.C(C.java:1)\n";
        assertEquals(
                "activation failed: java.lang.IllegalStateException: cannot bind 127.0.0.1:9933",
                ComponentStates.problem(List.of(failed)));

        ComponentConfigurationDTO waiting = config(ComponentConfigurationDTO.UNSATISFIED_REFERENCE);
        UnsatisfiedReferenceDTO ledger = new UnsatisfiedReferenceDTO();
        ledger.name = "ledger";
        waiting.unsatisfiedReferences = new UnsatisfiedReferenceDTO[] {ledger};
        assertEquals("waiting for ledger", ComponentStates.problem(List.of(waiting)));

        assertNull(ComponentStates.problem(List.of(config(ComponentConfigurationDTO.ACTIVE))));
    }
}
