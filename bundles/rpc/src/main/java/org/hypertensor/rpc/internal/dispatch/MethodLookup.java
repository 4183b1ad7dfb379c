package org.hypertensor.rpc.internal.dispatch;

import org.hypertensor.rpc.api.RpcMethod;

/** Finds the handler of a method name for one connection (WebSocket connections add their subscriptions). */
@FunctionalInterface
public interface MethodLookup {

    /** The handler, or {@code null} when there is no such method. */
    RpcMethod find(String name);
}
