/** Ed25519 keys and signatures, BLAKE2b, SS58 addresses, the encrypted keystore and development keys. */
@Version("1.3.0")
@Export
package org.hypertensor.crypto.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
