package org.hypertensor.crypto.internal.keystore;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration {@code org.hypertensor.crypto.keystore}; the defaults live here only. */
@ObjectClassDefinition(
        name = "Hypertensor keystore",
        description = "Where key files live and how hard their passwords are stretched")
@interface KeystoreConfig {

    @AttributeDefinition(description = "Key file directory; relative paths are under the node's data directory")
    String directory() default "keystore";

    @AttributeDefinition(
            name = "scrypt log2(N)",
            min = "10",
            max = "20",
            description =
                    "scrypt CPU/memory cost of new key files, as a power of two (15 = 32768); existing files keep theirs")
    int scrypt_log2n() default 15;

    @AttributeDefinition(name = "scrypt r", min = "1", max = "32", description = "scrypt block size of new key files")
    int scrypt_r() default 8;

    @AttributeDefinition(name = "scrypt p", min = "1", max = "16", description = "scrypt parallelism of new key files")
    int scrypt_p() default 1;
}
