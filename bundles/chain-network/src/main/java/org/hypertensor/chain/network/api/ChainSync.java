package org.hypertensor.chain.network.api;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** Block sync, as an OSGi service: where this node is against its peers. */
@ProviderType
public interface ChainSync {

    SyncState state();

    /** The peers that answered the sync protocol lately, sorted by peer id. */
    List<PeerHeight> peers();
}
