/**
 * Extending the node's JSON-RPC: register an {@link org.hypertensor.rpc.api.RpcMethod} service naming its methods
 * in {@link org.hypertensor.rpc.api.RpcMethod#NAMES}; it takes {@link org.hypertensor.rpc.api.RpcParams} and returns
 * any value Jackson can write, or throws {@link org.hypertensor.rpc.api.RpcError}. Calls served, by method:
 * the {@link org.hypertensor.rpc.api.RpcCounters} service.
 */
@Version("1.2.0")
@Export
package org.hypertensor.rpc.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
