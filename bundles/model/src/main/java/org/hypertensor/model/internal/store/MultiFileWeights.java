package org.hypertensor.model.internal.store;

import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import org.hypertensor.model.api.ModelFormatException;
import org.hypertensor.model.internal.safetensors.SafetensorsReader;
import org.hypertensor.plugin.api.engine.ShapeException;
import org.hypertensor.plugin.api.engine.Tensor;
import org.hypertensor.plugin.api.engine.WeightSource;

/** The tensors of all of a model's safetensors files as one source; a name in two files is refused. */
final class MultiFileWeights implements WeightSource, AutoCloseable {

    private final List<SafetensorsReader> readers;
    private final TreeMap<String, SafetensorsReader> byName = new TreeMap<>();

    MultiFileWeights(List<SafetensorsReader> readers) {
        this.readers = List.copyOf(readers);
        for (SafetensorsReader r : readers) {
            for (String name : r.names()) {
                if (byName.put(name, r) != null) {
                    throw new ModelFormatException("tensor '" + name + "' appears in more than one weight file");
                }
            }
        }
    }

    @Override
    public Set<String> names() {
        return Collections.unmodifiableSet(byName.keySet());
    }

    @Override
    public Tensor tensor(String name) {
        return reader(name).tensor(name);
    }

    @Override
    public int[] shape(String name) {
        return reader(name).shape(name);
    }

    @Override
    public org.hypertensor.plugin.api.engine.DType dtype(String name) {
        return reader(name).dtype(name);
    }

    @Override
    public java.util.Optional<java.nio.ShortBuffer> bits16(String name) {
        return reader(name).bits16(name);
    }

    private SafetensorsReader reader(String name) {
        SafetensorsReader r = byName.get(name);
        if (r == null) {
            throw new ShapeException("the model has no tensor '" + name + "'");
        }
        return r;
    }

    @Override
    public void close() {
        readers.forEach(SafetensorsReader::close);
    }
}
