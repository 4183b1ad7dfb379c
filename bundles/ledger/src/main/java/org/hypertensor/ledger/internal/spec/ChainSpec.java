package org.hypertensor.ledger.internal.spec;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.hypertensor.ledger.api.consensus.Validator;
import org.hypertensor.ledger.api.consensus.ValidatorSet;

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
        ValidatorSet validatorSet,
        byte[] sudo,
        Map<String, Map<String, Object>> genesis,
        List<String> bootNodes) {

    /** The validators' account keys, in the set's order. */
    public List<byte[]> validators() {
        return validatorSet.validators().stream().map(Validator::account).toList();
    }

    public BigInteger parameter(String name) {
        BigInteger value = parameters.get(name);
        if (value == null) {
            throw new IllegalStateException("the chain spec has no parameter " + name);
        }
        return value;
    }
}
