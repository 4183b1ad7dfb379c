package org.hypertensor.model.internal.safetensors;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hypertensor.model.internal.json.Json;
import org.hypertensor.plugin.api.engine.DType;

/**
 * Writes float32 (or bfloat16) safetensors files one tensor at a time, so a model larger than the heap can be written:
 * the header (with every offset) goes first, then each tensor's data as {@link TensorData} produces it.
 */
public final class SafetensorsWriter {

    /** A tensor to write: its name, shape and where its values come from. */
    public record TensorSpec(String name, int[] shape) {

        public long elements() {
            long n = 1;
            for (int d : shape) {
                n *= d;
            }
            return n;
        }
    }

    /** Produces a tensor's values when the writer reaches it. */
    @FunctionalInterface
    public interface TensorData {
        float[] values(TensorSpec spec);
    }

    private SafetensorsWriter() {}

    public static void write(Path file, List<TensorSpec> tensors, Map<String, String> metadata, TensorData data)
            throws IOException {
        write(file, tensors, metadata, DType.F32, data);
    }

    /** Writes the tensors as {@code dtype}: F32, or BF16 rounded to nearest even. */
    public static void write(
            Path file, List<TensorSpec> tensors, Map<String, String> metadata, DType dtype, TensorData data)
            throws IOException {
        if (dtype == DType.F16) {
            throw new IllegalArgumentException("writing F16 is not supported (F32 or BF16)");
        }
        Map<String, Object> header = new LinkedHashMap<>();
        if (!metadata.isEmpty()) {
            header.put("__metadata__", new java.util.TreeMap<>(metadata)); // sorted: the same bytes every run
        }
        long offset = 0;
        for (TensorSpec t : tensors) {
            long bytes = t.elements() * dtype.bytes();
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("dtype", dtype.name());
            entry.put("shape", java.util.Arrays.stream(t.shape()).boxed().toList());
            entry.put("data_offsets", List.of(offset, offset + bytes));
            header.put(t.name(), entry);
            offset += bytes;
        }
        byte[] json = Json.write(header).replace("\n", "").getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        ByteBuffer head = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
        head.putLong(padded).put(json);
        while (head.hasRemaining()) {
            head.put((byte) ' ');
        }
        head.flip();
        try (FileChannel out = FileChannel.open(
                file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            writeFully(out, head);
            for (TensorSpec t : tensors) {
                float[] values = data.values(t);
                if (values.length != t.elements()) {
                    throw new IllegalStateException(t.name() + ": " + values.length + " values for " + t.elements());
                }
                ByteBuffer buf =
                        ByteBuffer.allocate(values.length * dtype.bytes()).order(ByteOrder.LITTLE_ENDIAN);
                if (dtype == DType.F32) {
                    buf.asFloatBuffer().put(values);
                } else {
                    for (float v : values) {
                        int bits = Float.floatToIntBits(v);
                        buf.putShort((short) ((bits + 0x7FFF + ((bits >>> 16) & 1)) >>> 16));
                    }
                    buf.flip();
                }
                writeFully(out, buf);
            }
        }
    }

    private static void writeFully(FileChannel out, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            out.write(buf);
        }
    }
}
