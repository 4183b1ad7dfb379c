package org.hypertensor.chain.network.internal.gossip;

import java.util.HexFormat;

/** Gossip topic and protocol names of one chain: {@code /hypertensor/<first 8 bytes of the genesis hash>/<name>/1}. */
public final class Topics {

    private Topics() {}

    public static String of(byte[] genesisHash, String name) {
        return prefix(genesisHash) + "/" + name + "/1";
    }

    /** {@code /hypertensor/<genesis prefix>}: two nodes of different chains never share a topic. */
    public static String prefix(byte[] genesisHash) {
        return "/hypertensor/" + HexFormat.of().formatHex(genesisHash, 0, 8);
    }
}
