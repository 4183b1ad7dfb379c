package org.hypertensor.ledger.api.runtime;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.hypertensor.ledger.api.codec.Decoder;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A state-transition module, registered as an OSGi service. Everything it computes must be
 * deterministic: integer arithmetic only, ordered iteration, no clock or other outside reads — all state
 * comes through the context.
 */
@ConsumerType
public interface RuntimeModule {

    /** The module's name: its calls are {@code name.function}, its state lives under its own prefix. */
    String name();

    /** The consensus version; the chain spec requires an exact one. */
    int version();

    /** The functions transactions may call; none by default (a module of hooks only). */
    default List<CallSpec> calls() {
        return List.of();
    }

    /**
     * Runs one call. Throw {@link ModuleError} to fail it: the ledger then reverts what the call wrote
     * (the fee and the nonce bump stay) and records the error in the receipt. {@code args} must be read
     * completely ({@link Decoder#finish()} is checked by the ledger).
     */
    default void dispatch(CallContext context, String function, Decoder args) {
        throw new ModuleError("UnknownCall", name() + " has no call " + function);
    }

    /**
     * What the call will take from the sender's free balance besides the fee (a transfer's amount, a
     * stake), for the pool's affordability check. Malformed arguments: throw
     * {@link org.hypertensor.ledger.api.codec.DecodeException}.
     */
    default BigInteger upfrontCost(String function, byte[] args) {
        return BigInteger.ZERO;
    }

    /**
     * Writes the module's genesis state from its section of the chain spec ({@code genesis.<name>}, JSON
     * as maps, lists, strings, {@link BigInteger}s and booleans; empty when absent).
     */
    default void genesis(RuntimeContext context, Map<String, Object> config) {}

    /** Runs at the start of every block, before its transactions, in the chain spec's module order. */
    default void onInitialize(RuntimeContext context) {}

    /** Runs at the end of every block, after its transactions, in the chain spec's module order. */
    default void onFinalize(RuntimeContext context) {}

    /**
     * A typed view of this module for other modules (e.g. staking's stake queries for emissions), bound to
     * {@code context}'s state; {@code null} when this module does not offer {@code type}.
     */
    default <T> T runtimeApi(Class<T> type, RuntimeContext context) {
        return null;
    }
}
