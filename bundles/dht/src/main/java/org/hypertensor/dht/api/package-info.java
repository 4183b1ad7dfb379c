/**
 * The Kademlia DHT as other bundles use it: {@link org.hypertensor.dht.api.Dht} (signed records, providers,
 * peer lookups, key-prefix subscriptions), {@link org.hypertensor.dht.api.PeerAdmission} (proof-of-stake
 * admission), {@link org.hypertensor.dht.api.SignedRequests} (signed, replay-proof request envelopes) and
 * {@link org.hypertensor.dht.api.DhtCounters} (what it did, for monitoring).
 */
@Version("1.1.0")
@Export
package org.hypertensor.dht.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
