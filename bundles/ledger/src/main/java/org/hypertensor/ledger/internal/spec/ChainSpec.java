package org.hypertensor.ledger.internal.spec;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * A parsed chain spec (see docs/chain-spec.md). {@code modules} is the required set in execution order;
 * {@code parameters} and {@code genesis} are sorted maps, so genesis is built the same way everywhere.
 */
public record ChainSpec(
        String name,
        String id,
        boolean dev,
        long blockTimeMs,
        long genesisTimestamp,
        List<ModuleRequirement> modules,
        Map<String, BigInteger> parameters,
        List<byte[]> validators,
        byte[] sudo,
        Map<String, Map<String, Object>> genesis,
        List<String> bootNodes) {

    public BigInteger parameter(String name) {
        BigInteger value = parameters.get(name);
        if (value == null) {
            throw new IllegalStateException("the chain spec has no parameter " + name);
        }
        return value;
    }
}
