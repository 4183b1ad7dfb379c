package org.hypertensor.chain.network.internal.osgi;

import org.apache.felix.service.command.Descriptor;
import org.hypertensor.chain.network.api.ChainSync;
import org.hypertensor.chain.network.api.PeerHeight;
import org.hypertensor.chain.network.api.SyncState;
import org.hypertensor.chain.network.internal.state.StateSync;
import org.hypertensor.chain.network.internal.state.StateSyncProgress;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * {@code ledger:sync}: where state sync (while an empty chain joins from a peer's state) or block sync
 * stands, and each peer's finalized height.
 */
@Component(
        service = SyncCommands.class,
        property = {"osgi.command.scope=ledger", "osgi.command.function=sync"})
public final class SyncCommands {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ChainSync blocks;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile StateSync state;

    @Descriptor("state or block sync: progress (keys or blocks, rate, ETA) and the peers' finalized heights")
    public String sync() {
        StateSync st = state;
        ChainSync sync = blocks;
        if (sync == null) {
            if (st == null) {
                return "no chain yet: the ledger has not started (see node:status)\n";
            }
            StateSyncProgress.Status p = st.status();
            return String.format(
                    "state sync: %s, block #%d, %d keys (%d KiB), %d keys/s, ~%d %%, %d peers banned%n",
                    p.phase(), p.block(), p.keys(), p.bytes() / 1024, p.keysPerSecond(), p.percent(), p.bannedPeers());
        }
        SyncState s = sync.state();
        StringBuilder out = new StringBuilder();
        out.append(s.syncing() ? "syncing" : "in sync")
                .append(": finalized #")
                .append(s.currentBlock())
                .append(", target #")
                .append(s.highestBlock());
        if (s.syncing()) {
            out.append(", from #")
                    .append(s.startingBlock())
                    .append(", ")
                    .append(s.blocksPerSecond())
                    .append(" blocks/s, ETA ")
                    .append(s.etaSeconds())
                    .append(" s");
        }
        out.append('\n')
                .append(s.importedBlocks())
                .append(" blocks imported from peers, ")
                .append(s.bannedPeers())
                .append(" peers banned\n");
        out.append(String.format("%-54s %s%n", "PEER", "FINALIZED"));
        for (PeerHeight p : sync.peers()) {
            out.append(String.format("%-54s %s%n", p.peerId(), p.banned() ? "banned" : "#" + p.finalizedHeight()));
        }
        return out.toString();
    }
}
