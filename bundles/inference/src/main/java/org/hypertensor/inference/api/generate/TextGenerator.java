package org.hypertensor.inference.api.generate;

import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Generates text from a prompt with one of the models it offers. Registered as an OSGi service with {@link
 * #MODE} set; callers pick a generator by the model they want ({@link #models()}), preferring the {@code
 * distributed} one for a subnet's model.
 */
@ProviderType
public interface TextGenerator {

    /** Service property: {@code local} (this node runs every block) or {@code distributed} (through servers). */
    String MODE = "hypertensor.generator.mode";

    /** The models this generator can serve now. */
    List<GeneratorModel> models();

    /**
     * Generates up to {@code request.maxTokens()} tokens, telling {@code listener} each piece of text as it
     * comes. Blocks until done; safe to call from several threads at once.
     *
     * @throws GenerationException with a {@link GenerationException.Kind} saying whose fault it was
     */
    Completion generate(CompletionRequest request, Listener listener);

    /** Told of each new piece of text; returning false stops the generation (finish reason {@code stop}). */
    @ConsumerType
    @FunctionalInterface
    interface Listener {
        boolean text(String piece);
    }
}
