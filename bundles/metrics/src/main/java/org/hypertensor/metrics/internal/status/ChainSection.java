package org.hypertensor.metrics.internal.status;

import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hypertensor.ledger.api.BlockInfo;
import org.hypertensor.ledger.api.ChainInfo;
import org.hypertensor.ledger.api.Ledger;
import org.hypertensor.ledger.api.LedgerStatus;

/** The chain's head, finality, pool and identity. A class of its own: loaded only while a ledger runs. */
final class ChainSection {

    private ChainSection() {}

    static Map<String, Object> read(Object service) {
        Ledger ledger = (Ledger) service;
        ChainInfo chain = ledger.chain();
        BlockInfo head = ledger.head();
        BlockInfo finalized = ledger.finalizedHead();
        LedgerStatus status = ledger.status();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", chain.name());
        m.put("id", chain.id());
        m.put("genesisHash", hex(chain.genesisHash()));
        m.put("blockTimeMs", chain.blockTimeMs());
        m.put("head", head.number());
        m.put("headHash", hex(head.hash()));
        m.put("finalized", finalized.number());
        m.put("finalizedHash", hex(finalized.hash()));
        m.put("running", status.running());
        m.put("reason", status.reason());
        m.put("poolReady", ledger.pool().size());
        m.put("poolFuture", ledger.futurePool().size());
        return m;
    }

    static String hex(byte[] bytes) {
        return "0x" + HexFormat.of().formatHex(bytes);
    }
}
