package org.hypertensor.inference.net.api;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The servers of a subnet's model as this node sees them in the DHT: announcements of peers with proof of
 * stake in the subnet only, one per server (its latest). An OSGi service of the {@code inference-net} bundle.
 */
@ProviderType
public interface InferenceServers {

    /** The announcements of the subnet's servers, by first block then peer id. */
    List<BlockAnnouncement> servers(long subnet);
}
