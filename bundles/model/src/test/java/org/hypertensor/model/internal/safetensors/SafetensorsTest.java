package org.hypertensor.model.internal.safetensors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.hypertensor.model.api.ModelFormatException;
import org.hypertensor.model.internal.safetensors.SafetensorsWriter.TensorSpec;
import org.hypertensor.plugin.api.engine.DType;
import org.hypertensor.plugin.api.engine.ShapeException;
import org.hypertensor.plugin.api.engine.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsTest {

    @TempDir
    Path dir;

    @Test
    void writesAndMapsTensorsBack() throws Exception {
        Path file = dir.resolve("w.safetensors");
        SafetensorsWriter.write(
                file,
                List.of(new TensorSpec("a", new int[] {2, 3}), new TensorSpec("b", new int[] {4})),
                Map.of("k", "v"),
                spec -> spec.name().equals("a") ? new float[] {1, 2, 3, 4, 5, 6} : new float[] {-1, 0, 1, 2});
        try (SafetensorsReader r = SafetensorsReader.open(file)) {
            assertEquals(List.of("a", "b"), List.copyOf(r.names()));
            assertEquals("v", r.metadata().get("k"));
            Tensor a = r.tensor("a");
            assertArrayEquals(new int[] {2, 3}, a.shape());
            assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, a.toArray());
            assertArrayEquals(new float[] {-1, 0, 1, 2}, r.tensor("b").toArray());
            assertEquals(DType.F32, r.dtype("b"));
            assertThrows(ShapeException.class, () -> r.tensor("c"));
        }
    }

    @Test
    void readsHalfPrecision() throws Exception {
        String header = "{\"h\":{\"dtype\":\"F16\",\"shape\":[3],\"data_offsets\":[0,6]},"
                + "\"b\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[6,10]}}";
        ByteBuffer data = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN);
        data.putShort((short) 0x3c00).putShort((short) 0xc000).putShort((short) 0x3555); // 1, -2, ~0.333
        data.putShort((short) 0x3f80).putShort((short) 0x4040); // 1, 3
        Path file = raw(header, data.array());
        try (SafetensorsReader r = SafetensorsReader.open(file)) {
            float[] h = r.tensor("h").toArray();
            assertEquals(1f, h[0]);
            assertEquals(-2f, h[1]);
            assertEquals(0.3333f, h[2], 1e-3);
            assertArrayEquals(new float[] {1f, 3f}, r.tensor("b").toArray());
        }
    }

    @Test
    void corruptHeadersAreRefusedWithTheReason() throws Exception {
        assertMessage("header is not valid JSON", raw("{\"a\":{\"dtype\":", new byte[0]));
        assertMessage(
                "outside the 4 data bytes",
                raw("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", new byte[4]));
        assertMessage(
                "the shape needs 12",
                raw("{\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", new byte[8]));
        assertMessage(
                "unsupported dtype I64",
                raw("{\"a\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[0,8]}}", new byte[8]));
        Path huge = dir.resolve("huge.safetensors");
        Files.write(
                huge,
                ByteBuffer.allocate(16)
                        .order(ByteOrder.LITTLE_ENDIAN)
                        .putLong(1L << 40)
                        .array());
        assertMessage("does not fit", huge);
        Path tiny = dir.resolve("tiny.safetensors");
        Files.write(tiny, new byte[3]);
        assertMessage("file too short", tiny);
    }

    private void assertMessage(String expected, Path file) {
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> SafetensorsReader.open(file));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(e.getMessage().startsWith("corrupt safetensors file"), e.getMessage());
    }

    private Path raw(String header, byte[] data) throws Exception {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h).put(data);
        Path file = Files.createTempFile(dir, "raw", ".safetensors");
        Files.write(file, b.array());
        return file;
    }
}
