package org.hypertensor.model.internal.safetensors;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.hypertensor.model.api.ModelFormatException;
import org.hypertensor.model.internal.json.Json;
import org.hypertensor.plugin.api.engine.DType;
import org.hypertensor.plugin.api.engine.ShapeException;
import org.hypertensor.plugin.api.engine.Tensor;
import org.hypertensor.plugin.api.engine.WeightSource;

/**
 * A safetensors file: an 8-byte little-endian header length, a JSON header naming each tensor's dtype,
 * shape and byte range, then the data. The header is checked completely when the file is opened; a
 * tensor's bytes are mapped only when it is asked for (F32 without copying; F16/BF16 converted).
 */
public final class SafetensorsReader implements WeightSource, AutoCloseable {

    /** Headers above this are refused rather than read (the format's reference limit is 100 MB). */
    static final long MAX_HEADER = 100L << 20;

    private record Entry(DType dtype, int[] shape, long begin, long end) {}

    private final Path file;
    private final FileChannel channel;
    private final long dataStart;
    private final Map<String, Entry> entries;
    private final Map<String, String> metadata;

    private SafetensorsReader(
            Path file, FileChannel channel, long dataStart, Map<String, Entry> entries, Map<String, String> metadata) {
        this.file = file;
        this.channel = channel;
        this.dataStart = dataStart;
        this.entries = entries;
        this.metadata = metadata;
    }

    /** Opens and validates the header; a {@link ModelFormatException} names the file and the fault. */
    public static SafetensorsReader open(Path file) {
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
            long size = channel.size();
            if (size < 8) {
                throw corrupt(file, "file too short (" + size + " bytes)");
            }
            ByteBuffer lengthBytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(channel, lengthBytes, 0);
            long headerLength = lengthBytes.getLong(0);
            if (headerLength <= 0 || headerLength > MAX_HEADER || headerLength > size - 8) {
                throw corrupt(file, "header length " + headerLength + " does not fit a " + size + "-byte file");
            }
            ByteBuffer header = ByteBuffer.allocate((int) headerLength);
            readFully(channel, header, 8);
            Map<String, Object> json;
            try {
                json = Json.object(Json.parse(new String(header.array(), StandardCharsets.UTF_8)), "the header");
            } catch (IllegalArgumentException e) {
                throw corrupt(file, "header is not valid JSON (" + e.getMessage() + ")");
            }
            long dataLength = size - 8 - headerLength;
            Map<String, Entry> entries = new TreeMap<>();
            Map<String, String> metadata = new TreeMap<>();
            for (Map.Entry<String, Object> e : json.entrySet()) {
                if (e.getKey().equals("__metadata__")) {
                    Json.object(e.getValue(), "__metadata__").forEach((k, v) -> metadata.put(k, String.valueOf(v)));
                    continue;
                }
                try {
                    entries.put(e.getKey(), entry(Json.object(e.getValue(), "tensor"), dataLength));
                } catch (IllegalArgumentException bad) {
                    throw corrupt(file, "tensor '" + e.getKey() + "': " + bad.getMessage());
                }
            }
            return new SafetensorsReader(
                    file,
                    channel,
                    8 + headerLength,
                    Collections.unmodifiableMap(entries),
                    Collections.unmodifiableMap(metadata));
        } catch (IOException e) {
            close(channel);
            throw new ModelFormatException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            close(channel);
            throw e;
        }
    }

    private static Entry entry(Map<String, Object> json, long dataLength) {
        DType dtype;
        String name = Json.string(json, "dtype");
        try {
            dtype = DType.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unsupported dtype " + name);
        }
        List<Object> shapeJson = Json.array(json.get("shape"), "'shape'");
        int[] shape = new int[shapeJson.size()];
        long elements = 1;
        for (int i = 0; i < shape.length; i++) {
            long d = Json.integer(shapeJson.get(i), "a dimension");
            if (d < 0 || d > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("bad dimension " + d);
            }
            shape[i] = (int) d;
            elements *= d;
        }
        List<Object> offsets = Json.array(json.get("data_offsets"), "'data_offsets'");
        if (offsets.size() != 2) {
            throw new IllegalArgumentException("'data_offsets' needs two numbers");
        }
        long begin = Json.integer(offsets.get(0), "an offset");
        long end = Json.integer(offsets.get(1), "an offset");
        if (begin < 0 || end < begin || end > dataLength) {
            throw new IllegalArgumentException(
                    "data_offsets [" + begin + ", " + end + "] outside the " + dataLength + " data bytes");
        }
        if (end - begin != elements * dtype.bytes()) {
            throw new IllegalArgumentException(
                    "data_offsets cover " + (end - begin) + " bytes but the shape needs " + elements * dtype.bytes());
        }
        if (elements > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("tensor too large");
        }
        return new Entry(dtype, shape, begin, end);
    }

    public Path file() {
        return file;
    }

    public Map<String, String> metadata() {
        return metadata;
    }

    @Override
    public Set<String> names() {
        return entries.keySet();
    }

    @Override
    public int[] shape(String name) {
        return entry(name).shape.clone();
    }

    @Override
    public DType dtype(String name) {
        return entry(name).dtype;
    }

    @Override
    public Tensor tensor(String name) {
        Entry e = entry(name);
        return Tensor.wrap(floats(map(name, e), e.dtype), e.shape);
    }

    @Override
    public java.util.Optional<java.nio.ShortBuffer> bits16(String name) {
        Entry e = entry(name);
        if (e.dtype == DType.F32) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(map(name, e).asShortBuffer());
    }

    private ByteBuffer map(String name, Entry e) {
        try {
            return channel.map(FileChannel.MapMode.READ_ONLY, dataStart + e.begin, e.end - e.begin)
                    .order(ByteOrder.LITTLE_ENDIAN);
        } catch (IOException ex) {
            throw new ModelFormatException("cannot map tensor '" + name + "' of " + file + ": " + ex.getMessage(), ex);
        }
    }

    private Entry entry(String name) {
        Entry e = entries.get(name);
        if (e == null) {
            throw new ShapeException("no tensor '" + name + "' in " + file.getFileName());
        }
        return e;
    }

    private static FloatBuffer floats(ByteBuffer bytes, DType dtype) {
        if (dtype == DType.F32) {
            return bytes.asFloatBuffer();
        }
        int n = bytes.remaining() / 2;
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            short bits = bytes.getShort(2 * i);
            out[i] = dtype.toFloat(bits);
        }
        return FloatBuffer.wrap(out);
    }

    private static void readFully(FileChannel channel, ByteBuffer into, long position) throws IOException {
        while (into.hasRemaining()) {
            if (channel.read(into, position + into.position()) < 0) {
                throw new IOException("unexpected end of file");
            }
        }
    }

    private static ModelFormatException corrupt(Path file, String why) {
        return new ModelFormatException("corrupt safetensors file " + file.getFileName() + ": " + why);
    }

    private static void close(FileChannel channel) {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException ignored) {
            // nothing more to release
        }
    }

    /** Closes the file; mapped tensors stay readable until they are collected. */
    @Override
    public void close() {
        close(channel);
    }
}
