package org.hypertensor.chain.network.internal.osgi;

import org.apache.felix.service.command.Descriptor;
import org.hypertensor.chain.network.api.ChainSync;
import org.hypertensor.chain.network.api.PeerHeight;
import org.hypertensor.chain.network.api.SyncState;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code ledger:sync}: where block sync stands, and each peer's finalized height. */
@Component(
        service = SyncCommands.class,
        property = {"osgi.command.scope=ledger", "osgi.command.function=sync"})
public final class SyncCommands {

    private final ChainSync sync;

    @Activate
    public SyncCommands(@Reference ChainSync sync) {
        this.sync = sync;
    }

    @Descriptor("block sync: our finalized height, the target, blocks/s, ETA, and the peers' heights")
    public String sync() {
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
