package org.hypertensor.rpc.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Map;
import org.hypertensor.rpc.api.RpcMethod;
import org.hypertensor.rpc.internal.dispatch.Dispatcher;
import org.hypertensor.rpc.internal.dispatch.MethodRegistry;

/**
 * Coverage-guided fuzzing (Jazzer) of the JSON-RPC request parser and dispatcher: any body is answered with
 * JSON-RPC (a result or an error object, or nothing for notifications), never an exception. Every build runs
 * the seeds in {@code RequestFuzzTestInputs}; {@code JAZZER_FUZZ=1} fuzzes (docs/security.md).
 */
class RequestFuzzTest {

    private static final MethodRegistry REGISTRY = new MethodRegistry();

    static {
        REGISTRY.add(params -> params.raw(), Map.of(RpcMethod.NAMES, "echo", "service.id", 1L));
        REGISTRY.add(
                params -> params.optionalNumber(0, "n").orElse(0)
                        + params.optionalText(1, "s").orElse("").length(),
                Map.of(RpcMethod.NAMES, "typed", "service.id", 2L));
    }

    @FuzzTest(maxDuration = "60s")
    void requests(byte[] body) throws IOException {
        byte[] answer = REGISTRY.dispatcher().handle(body, REGISTRY, 100);
        if (answer == null) {
            return; // notifications only
        }
        JsonNode json = Dispatcher.MAPPER.readTree(answer);
        for (JsonNode a : json.isArray() ? json : java.util.List.of(json)) {
            assertTrue(a.has("result") ^ a.has("error"), a.toString());
            assertTrue(a.has("id"), a.toString());
        }
    }
}
