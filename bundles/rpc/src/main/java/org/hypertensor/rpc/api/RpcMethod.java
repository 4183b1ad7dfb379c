package org.hypertensor.rpc.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard service: one or more JSON-RPC methods, named by the {@value #NAMES} service property (a string or a
 * list of strings, e.g. {@code network_subnets}). The RPC bundle calls it on its server threads for each request
 * naming one of them; a method name served twice goes to the service with the highest ranking.
 *
 * <p>A DS component: {@code @Component(property = {RpcMethod.NAMES + "=network_subnets",
 * RpcMethod.NAMES + "=network_nodes"})}.
 */
@ConsumerType
public interface RpcMethod {

    /** Service property: the JSON-RPC method names this service answers. */
    String NAMES = "hypertensor.rpc.method";

    /**
     * Service property: those of its method names that are <em>unsafe</em>, i.e. make the node act (store,
     * publish, spend) rather than read; they are refused unless the operator allows unsafe methods
     * ({@code methods} in {@code org.hypertensor.rpc.cfg}), as Substrate's {@code --rpc-methods}.
     *
     * @since 1.1
     */
    String UNSAFE = "hypertensor.rpc.unsafe";

    /**
     * Answers one call.
     *
     * @param params the request's {@code params} and the method it named
     * @return any value Jackson can serialize (records, maps, lists, strings, numbers, {@code null}, Jackson nodes)
     * @throws RpcError with its code and one-line message; {@link RpcParams} throws
     *         {@link RpcError#INVALID_PARAMS} for missing or mistyped parameters
     */
    Object call(RpcParams params) throws RpcError;
}
