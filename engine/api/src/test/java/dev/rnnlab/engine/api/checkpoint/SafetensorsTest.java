package dev.rnnlab.engine.api.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsTest {

    @TempDir Path dir;

    @Test
    void aRoundTripKeepsEveryBit() throws Exception {
        double[] f64 = {0.1, -0.0, Double.MIN_VALUE, Double.MAX_VALUE, Double.NaN, Double.NEGATIVE_INFINITY};
        double[] f32 = {0.1f, -0.0f, Float.MIN_VALUE, Float.MAX_VALUE, Float.NaN, 3};
        List<Tensor> tensors = List.of(new Tensor("rnn.weight_ih_l0", Tensor.DType.F64, new int[] {2, 3}, f64),
                new Tensor("head.bias", Tensor.DType.F32, new int[] {6}, f32),
                new Tensor("scalar", Tensor.DType.F32, new int[] {}, new double[] {7}));
        Path file = dir.resolve("m.safetensors");
        Safetensors.write(file, tensors, Map.of("format", "pt"));
        List<Tensor> back = Safetensors.read(file);
        assertEquals(tensors, back);
        for (int i = 0; i < f64.length; i++) {
            assertEquals(Double.doubleToRawLongBits(f64[i]), Double.doubleToRawLongBits(back.get(0).values()[i]));
        }
        ByteBuffer raw = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        long n = raw.getLong();
        assertEquals(0, n % 8, "header padded to 8 bytes");
        assertEquals(8 + n + 6 * 8 + 6 * 4 + 4, Files.size(file));
    }

    /** The same tensors and metadata give the same bytes whatever order the caller's map iterates in. */
    @Test
    void theBytesDependOnTheContentOnlyAndTheMetadataReadsBack() throws Exception {
        List<Tensor> t = List.of(new Tensor("w", Tensor.DType.F32, new int[] {2}, new double[] {1, 2}));
        Map<String, String> forward = new java.util.LinkedHashMap<>();
        Map<String, String> backward = new java.util.LinkedHashMap<>();
        for (String k : List.of("a", "b", "c", "step")) {
            forward.put(k, k + "!");
        }
        for (String k : List.of("step", "c", "b", "a")) {
            backward.put(k, k + "!");
        }
        assertArrayEquals(Safetensors.encode(t, forward), Safetensors.encode(t, backward));
        Path f = dir.resolve("m.safetensors");
        Safetensors.write(f, t, backward);
        assertEquals(forward, Safetensors.metadata(f));
    }

    @Test
    void readsAFileWrittenToTheSpecByHand() throws Exception {
        String header = "{\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,16]},"
                + "\"a\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8]},\"__metadata__\":{\"k\":\"v\"}}";
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer buf = ByteBuffer.allocate(8 + h.length + 16).order(ByteOrder.LITTLE_ENDIAN);
        buf.putLong(h.length).put(h).putDouble(2.5).putFloat(1.5f).putFloat(-4f);
        Path file = dir.resolve("hand.safetensors");
        Files.write(file, buf.array());
        Map<String, Tensor> t = Safetensors.readByName(file);
        assertArrayEquals(new double[] {2.5}, t.get("a").values());
        assertArrayEquals(new double[] {1.5, -4}, t.get("b").values());
        assertEquals(List.of("b", "a"), List.copyOf(t.keySet()), "header order");
    }

    @Test
    void malformedFilesAreRefusedWithTheTensorNamed() throws Exception {
        assertThrows(IOException.class, () -> Safetensors.read(write("{\"x\":{\"dtype\":\"F32\",\"shape\":[3],"
                + "\"data_offsets\":[0,8]}}", 8)));
        IOException dtype = assertThrows(IOException.class, () -> Safetensors.read(write(
                "{\"x\":{\"dtype\":\"BF16\",\"shape\":[1],\"data_offsets\":[0,2]}}", 2)));
        assertTrue(dtype.getMessage().contains("'x'") && dtype.getMessage().contains("BF16"), dtype.getMessage());
        assertThrows(IOException.class, () -> Safetensors.read(write("{\"x\": 1.5}", 0)));
        Path tooLong = dir.resolve("long.safetensors");
        Files.write(tooLong, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(1L << 40).array());
        assertThrows(IOException.class, () -> Safetensors.read(tooLong));
    }

    private Path write(String header, int dataBytes) throws IOException {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer buf = ByteBuffer.allocate(8 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        buf.putLong(h.length).put(h);
        Path file = Files.createTempFile(dir, "bad", ".safetensors");
        Files.write(file, buf.array());
        return file;
    }
}
