/** libp2p-compatible networking on Netty: TCP, multistream-select, Noise, yamux, identify, ping, gossipsub. */
@Version("1.3.0")
@Export
package org.hypertensor.p2p.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
