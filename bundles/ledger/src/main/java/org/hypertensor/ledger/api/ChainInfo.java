package org.hypertensor.ledger.api;

import java.util.List;

/** What the chain spec says about this chain. */
public record ChainInfo(
        String name, String id, boolean dev, byte[] genesisHash, long blockTimeMs, List<String> requiredModules) {}
