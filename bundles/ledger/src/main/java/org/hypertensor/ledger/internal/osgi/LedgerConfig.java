package org.hypertensor.ledger.internal.osgi;

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
}
