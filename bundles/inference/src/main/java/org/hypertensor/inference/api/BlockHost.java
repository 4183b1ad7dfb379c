package org.hypertensor.inference.api;

import java.util.List;
import org.hypertensor.plugin.api.engine.BlockRange;
import org.hypertensor.plugin.api.engine.ModelManifest;
import org.hypertensor.plugin.api.engine.WeightSource;
import org.osgi.annotation.versioning.ProviderType;

/** Hosts block ranges on the best available engine (by priority, or the operator's preference). */
@ProviderType
public interface BlockHost {

    /**
     * Loads {@code range} of the model on the best engine; {@code weights} must stay readable while the
     * blocks are hosted (a move loads them again). Close the result to unhost.
     *
     * @throws org.hypertensor.plugin.api.engine.EngineException if no engine can load them
     */
    HostedBlocks host(ModelManifest manifest, BlockRange range, WeightSource weights);

    /** What is hosted now. */
    List<HostedBlocks> hosted();
}
