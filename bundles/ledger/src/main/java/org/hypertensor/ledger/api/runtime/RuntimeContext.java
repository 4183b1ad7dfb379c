package org.hypertensor.ledger.api.runtime;

import java.math.BigInteger;

/** What a module sees while the ledger runs its hooks or a call, or answers a query. */
public interface RuntimeContext {

    /** The number of the block being built or imported (for a query: the head's). */
    long blockNumber();

    /** The block's timestamp in ms, chosen by its proposer: consensus code must not read a clock. */
    long timestamp();

    /** The block author's account (public key). */
    byte[] author();

    /** Whether the chain spec marks this a development chain. */
    boolean devChain();

    /** This module's state. Writes throw {@link IllegalStateException} in a read-only query. */
    ModuleStorage storage();

    /** An integer chain parameter ({@code EpochLength}, …), as set at genesis or by sudo. */
    long parameter(String name);

    /** An amount parameter in base units ({@code MinStake}, …). */
    BigInteger amount(String name);

    /** Free and reserved balances and the rewards vault. */
    Balances balances();

    /**
     * The typed API another module offers (see {@link RuntimeModule#runtimeApi}).
     *
     * @throws IllegalStateException when no required module offers it
     */
    <T> T runtime(Class<T> type);
}
