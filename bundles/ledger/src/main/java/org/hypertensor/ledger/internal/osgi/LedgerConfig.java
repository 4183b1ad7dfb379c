package org.hypertensor.ledger.internal.osgi;

import org.hypertensor.ledger.internal.pool.PoolLimits;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** {@code etc/org.hypertensor.ledger.cfg}. Defaults live here and nowhere else. */
@ObjectClassDefinition(
        id = LedgerConfig.PID,
        name = "Ledger",
        description = "The chain this node follows and, on a validator, the key it produces blocks with.")
public @interface LedgerConfig {

    String PID = "org.hypertensor.ledger";

    @AttributeDefinition(
            name = "Chain spec",
            description = "The chain spec JSON file; relative paths are under the node home.")
    String chain_spec() default "etc/chain-devnet.json";

    @AttributeDefinition(
            name = "Sync mode",
            options = {
                @org.osgi.service.metatype.annotations.Option(
                        label = "full: execute every block from genesis",
                        value = "full"),
                @org.osgi.service.metatype.annotations.Option(
                        label = "state: an empty chain starts from a peer's finalized state",
                        value = "state")
            },
            description = "How a node with an empty chain starts: full builds genesis and executes every block; "
                    + "state downloads the state of a recent finalized block from peers (state sync, chain-network "
                    + "bundle), then executes the blocks after it. A chain that already has blocks just opens.")
    String sync_mode() default "full";

    @AttributeDefinition(
            name = "Validator key",
            description = "Key that authors blocks: a development URI such as //Alice "
                    + "(dev chains only) or a keystore key name. Empty: this node does not produce blocks.")
    String validator_key() default "";

    @AttributeDefinition(
            name = "Validator password file",
            description = "File holding the keystore password of the "
                    + "validator key; empty: the HYPERTENSOR_KEYSTORE_PASSWORD environment variable.")
    String validator_password_file() default "";

    @AttributeDefinition(
            name = "Pool size",
            min = "1",
            max = "1000000",
            description = "Most transactions the pool holds.")
    int pool_max() default 100000;

    @AttributeDefinition(
            name = "Pool per sender",
            min = "1",
            max = "100000",
            description = "Most pooled transactions of one sender (also how far ahead of its nonce it may go).")
    int pool_per_sender() default 4096;

    @AttributeDefinition(
            name = "Future transactions per sender",
            min = "0",
            max = "1000",
            description = "Most pooled transactions of one sender waiting for an earlier nonce.")
    int pool_future_per_sender() default PoolLimits.DEFAULT_FUTURE_PER_SENDER;

    @AttributeDefinition(
            name = "Future nonce gap",
            min = "0",
            max = "100000",
            description =
                    "How far past the sender's next nonce (counting its pooled run) a waiting transaction may be.")
    int pool_future_gap() default PoolLimits.DEFAULT_FUTURE_GAP;

    @AttributeDefinition(
            name = "Future transactions",
            min = "0",
            max = "250000",
            description = "Most transactions waiting for an earlier nonce, in all (at most a quarter of pool.max).")
    int pool_future_max() default PoolLimits.DEFAULT_FUTURE_MAX;

    @AttributeDefinition(
            name = "Future expiry",
            min = "1",
            max = "86400",
            description = "Seconds a transaction may wait for an earlier nonce before it is dropped.")
    int pool_future_ttl_seconds() default (int) (PoolLimits.DEFAULT_FUTURE_TTL_MILLIS / 1000);

    @AttributeDefinition(
            name = "Duty reserve",
            min = "0",
            max = "100000",
            description = "Pool slots only duty calls (score submissions) may take (at most a tenth of pool.max).")
    int pool_duty_reserve() default PoolLimits.DEFAULT_DUTY_RESERVE;
}
