package dev.rnnlab.engine.api.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The safetensors format: an 8-byte little-endian header length N, N bytes of JSON mapping each tensor
 * name to {@code {"dtype", "shape", "data_offsets": [begin, end]}} (offsets into the data that follows;
 * an optional {@code "__metadata__"} maps strings to strings), then the tensors' bytes, little-endian,
 * row-major. Written with the header padded by spaces to a multiple of 8, tensors in the given order.
 * Only F32 and F64 tensors are read; anything else is refused with the tensor's name.
 */
public final class Safetensors {

    private static final int MAX_HEADER = 100 << 20;

    private Safetensors() {}

    /** Writes atomically (temp file in the same directory, then rename). */
    public static void write(Path file, List<Tensor> tensors, Map<String, String> metadata) throws IOException {
        byte[] bytes = encode(tensors, metadata);
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            Files.write(tmp, bytes);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The file's bytes, for callers that write them their own way. */
    public static byte[] encode(List<Tensor> tensors, Map<String, String> metadata) {
        StringBuilder header = new StringBuilder("{");
        if (!metadata.isEmpty()) {
            header.append("\"__metadata__\":{");
            boolean first = true;
            for (Map.Entry<String, String> e : new java.util.TreeMap<>(metadata).entrySet()) { // same bytes every time
                header.append(first ? "" : ",").append(MiniJson.quote(e.getKey())).append(':')
                        .append(MiniJson.quote(e.getValue()));
                first = false;
            }
            header.append('}');
        }
        long offset = 0;
        for (Tensor t : tensors) {
            long bytes = (long) t.values().length * width(t.dtype());
            header.append(header.length() > 1 ? "," : "").append(MiniJson.quote(t.name())).append(":{\"dtype\":\"")
                    .append(t.dtype()).append("\",\"shape\":[");
            int[] shape = t.shape();
            for (int i = 0; i < shape.length; i++) {
                header.append(i > 0 ? "," : "").append(shape[i]);
            }
            header.append("],\"data_offsets\":[").append(offset).append(',').append(offset + bytes).append("]}");
            offset += bytes;
        }
        header.append('}');
        byte[] json = header.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        ByteBuffer buf = ByteBuffer.allocate(Math.toIntExact(8 + padded + offset)).order(ByteOrder.LITTLE_ENDIAN);
        buf.putLong(padded).put(json);
        for (int i = json.length; i < padded; i++) {
            buf.put((byte) ' ');
        }
        for (Tensor t : tensors) {
            for (double v : t.values()) {
                if (t.dtype() == Tensor.DType.F32) {
                    buf.putFloat((float) v);
                } else {
                    buf.putDouble(v);
                }
            }
        }
        return buf.array();
    }

    /** The file's {@code __metadata__} strings (empty when it has none). */
    public static Map<String, String> metadata(Path file) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        Object meta = header(file, Files.readAllBytes(file)).get("__metadata__");
        if (meta instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (e.getKey() instanceof String k && e.getValue() instanceof String v) {
                    out.put(k, v);
                }
            }
        }
        return out;
    }

    /** Every tensor of the file, in header order. */
    public static List<Tensor> read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        Map<?, ?> header = header(file, bytes);
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int dataStart = 8 + (int) buf.getLong(0);
        List<Tensor> out = new ArrayList<>();
        for (Map.Entry<?, ?> e : header.entrySet()) {
            String name = (String) e.getKey();
            if (name.equals("__metadata__")) {
                continue;
            }
            try {
                out.add(tensor(name, (Map<?, ?>) e.getValue(), buf, dataStart, bytes.length));
            } catch (ClassCastException | NullPointerException | ArithmeticException ex) {
                throw new IOException(file + ": tensor '" + name + "' has a malformed header entry");
            }
        }
        return out;
    }

    private static Map<?, ?> header(Path file, byte[] bytes) throws IOException {
        if (bytes.length < 8) {
            throw new IOException(file + ": too short for a safetensors file");
        }
        long n = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (n < 2 || n > MAX_HEADER || 8 + n > bytes.length) {
            throw new IOException(file + ": bad safetensors header length " + n);
        }
        Object parsed;
        try {
            parsed = MiniJson.parse(new String(bytes, 8, (int) n, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": bad safetensors header: " + e.getMessage(), e);
        }
        if (!(parsed instanceof Map<?, ?> header)) {
            throw new IOException(file + ": safetensors header is not a JSON object");
        }
        return header;
    }

    /** The tensors by name. */
    public static Map<String, Tensor> readByName(Path file) throws IOException {
        Map<String, Tensor> out = new LinkedHashMap<>();
        read(file).forEach(t -> out.put(t.name(), t));
        return out;
    }

    private static Tensor tensor(String name, Map<?, ?> entry, ByteBuffer buf, int dataStart, int fileLength)
            throws IOException {
        Tensor.DType dtype;
        String dt = (String) entry.get("dtype");
        try {
            dtype = Tensor.DType.valueOf(dt);
        } catch (IllegalArgumentException e) {
            throw new IOException("tensor '" + name + "' has dtype " + dt + "; only F32 and F64 are supported");
        }
        List<?> shapeList = (List<?>) entry.get("shape");
        int[] shape = new int[shapeList.size()];
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
            shape[i] = Math.toIntExact(((Number) shapeList.get(i)).longValue());
            count *= shape[i];
        }
        List<?> offsets = (List<?>) entry.get("data_offsets");
        long begin = ((Number) offsets.get(0)).longValue();
        long end = ((Number) offsets.get(1)).longValue();
        if (begin < 0 || end < begin || dataStart + end > fileLength || end - begin != count * width(dtype)) {
            throw new IOException("tensor '" + name + "' has data_offsets [" + begin + ", " + end
                    + "] that do not fit its shape or the file");
        }
        double[] values = new double[(int) count];
        int pos = dataStart + (int) begin;
        for (int i = 0; i < count; i++) {
            values[i] = dtype == Tensor.DType.F32 ? buf.getFloat(pos + 4 * i) : buf.getDouble(pos + 8 * i);
        }
        return new Tensor(name, dtype, shape, values);
    }

    private static int width(Tensor.DType dtype) {
        return switch (dtype) {
            case F32 -> 4;
            case F64 -> 8;
        };
    }
}
