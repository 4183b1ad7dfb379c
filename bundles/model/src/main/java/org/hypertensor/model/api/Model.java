package org.hypertensor.model.api;

import java.nio.file.Path;
import org.hypertensor.plugin.api.engine.ModelManifest;
import org.hypertensor.plugin.api.engine.WeightSource;
import org.osgi.annotation.versioning.ProviderType;

/** An opened, verified model: its manifest, its (mapped) weights and its tokenizer. */
@ProviderType
public interface Model extends AutoCloseable {

    Path directory();

    ModelManifest manifest();

    WeightSource weights();

    Tokenizer tokenizer();

    /** Unmaps the weights (once the engines that loaded them no longer read them). */
    @Override
    void close();
}
