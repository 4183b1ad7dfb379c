package org.hypertensor.openai.internal.generate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hypertensor.inference.api.generate.GeneratorModel;
import org.hypertensor.inference.api.generate.TextGenerator;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link TextGenerator} services of the node, and which one serves a model: a {@code distributed} one that
 * offers it, else a {@code local} one, else any other; among equals the higher {@code service.ranking}, then the
 * older service.
 */
@Component(service = Generators.class)
public final class Generators {

    public static final String DISTRIBUTED = "distributed";
    public static final String LOCAL = "local";

    private static final Logger LOG = LoggerFactory.getLogger(Generators.class);

    /** A generator with what its service properties say about it. */
    public record Entry(TextGenerator generator, String mode, int ranking, long serviceId) {

        int modeOrder() {
            return switch (mode) {
                case DISTRIBUTED -> 0;
                case LOCAL -> 1;
                default -> 2;
            };
        }
    }

    /** A model and the generator chosen to serve it. */
    public record Choice(GeneratorModel model, Entry entry) {}

    private static final Comparator<Entry> PREFERENCE = Comparator.comparingInt(Entry::modeOrder)
            .thenComparing(Comparator.comparingInt(Entry::ranking).reversed())
            .thenComparingLong(Entry::serviceId);

    private final List<Entry> entries = new CopyOnWriteArrayList<>();

    @Reference(
            service = TextGenerator.class,
            cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC,
            unbind = "remove")
    public void add(TextGenerator generator, Map<String, Object> properties) {
        Object mode = properties.get(TextGenerator.MODE);
        Object ranking = properties.get("service.ranking");
        Object id = properties.get("service.id");
        entries.add(new Entry(
                generator,
                mode == null ? "" : mode.toString(),
                ranking instanceof Integer r ? r : 0,
                id instanceof Long l ? l : Long.MAX_VALUE));
    }

    public void remove(TextGenerator generator) {
        entries.removeIf(e -> e.generator() == generator);
    }

    /** Best first. */
    public List<Entry> entries() {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(PREFERENCE);
        return sorted;
    }

    /** Every model offered, each once, with the generator that would serve it; in preference order. */
    public List<Choice> models() {
        Map<String, Choice> byId = new LinkedHashMap<>();
        for (Entry e : entries()) {
            for (GeneratorModel m : modelsOf(e)) {
                byId.putIfAbsent(m.id(), new Choice(m, e));
            }
        }
        return List.copyOf(byId.values());
    }

    /** Who serves {@code model}: the preferred generator that offers it. */
    public Optional<Choice> select(String model) {
        for (Entry e : entries()) {
            for (GeneratorModel m : modelsOf(e)) {
                if (m.id().equals(model)) {
                    return Optional.of(new Choice(m, e));
                }
            }
        }
        return Optional.empty();
    }

    private static List<GeneratorModel> modelsOf(Entry e) {
        try {
            return e.generator().models();
        } catch (RuntimeException ex) {
            LOG.warn("The {} generator cannot list its models: {}", e.mode(), ex.toString());
            return List.of();
        }
    }
}
