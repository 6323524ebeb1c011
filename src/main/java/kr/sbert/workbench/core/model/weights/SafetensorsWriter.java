package kr.sbert.workbench.core.model.weights;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@code .safetensors} file laid out as the reference implementation's
 * {@code save_file} lays it out: tensors ordered by dtype, widest alignment first, then by
 * name (so every tensor is aligned to its element size), a compact JSON header with
 * {@code __metadata__} first and the tensors in that same order, padded with spaces to a
 * multiple of 8. The file is written beside the target and moved into place, so a failed
 * write never leaves half a file.
 */
public final class SafetensorsWriter {

    private SafetensorsWriter() {
    }

    /**
     * @param tensors  the tensors (their order does not matter); each {@code data} must hold
     *                 exactly numel × dtype size bytes from position 0
     * @param metadata free-form string map stored as {@code __metadata__} (may be empty)
     * @throws IllegalArgumentException if a tensor's byte count does not match its shape
     */
    public static void write(Path file, Map<String, RawTensor> tensors, Map<String, String> metadata)
            throws IOException {
        List<RawTensor> layout = new ArrayList<>(tensors.values());
        for (Map.Entry<String, RawTensor> e : tensors.entrySet()) {
            check(e.getKey(), e.getValue());
        }
        layout.sort(SafetensorsWriter::referenceOrder);
        Map<String, long[]> offsets = new java.util.HashMap<>();
        long end = 0;
        for (RawTensor t : layout) {
            long size = t.numel() * t.dtype().byteSize();
            offsets.put(t.name(), new long[] {end, end + size});
            end += size;
        }
        byte[] header = headerBytes(layout, metadata, offsets);

        Path dir = file.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, "." + FileRegions.name(file), ".part");
        try {
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, header.length);
                writeFully(out, length);
                writeFully(out, ByteBuffer.wrap(header));
                for (RawTensor t : layout) {
                    writeFully(out, t.data().duplicate().clear().limit((int) (t.numel() * t.dtype().byteSize())));
                }
                out.force(false);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * The reference writer's order: dtype descending in its declaration order (which rises with
     * alignment), then name by UTF-8 bytes.
     */
    private static int referenceOrder(RawTensor a, RawTensor b) {
        int byDtype = Integer.compare(SafetensorsFormat.rank(b.dtype()), SafetensorsFormat.rank(a.dtype()));
        return byDtype != 0 ? byDtype : java.util.Arrays.compareUnsigned(
                a.name().getBytes(StandardCharsets.UTF_8), b.name().getBytes(StandardCharsets.UTF_8));
    }

    private static void check(String key, RawTensor t) {
        if (!key.equals(t.name())) {
            throw new IllegalArgumentException("tensor map key '" + key + "' differs from tensor name '" + t.name() + "'");
        }
        if (key.equals(SafetensorsFormat.METADATA_KEY)) {
            throw new IllegalArgumentException("a tensor cannot be named " + SafetensorsFormat.METADATA_KEY);
        }
        long bytes = t.numel() * t.dtype().byteSize();
        if (t.data().limit() != bytes) {
            throw new IllegalArgumentException("tensor '" + key + "' holds " + t.data().limit()
                    + " bytes but its shape needs " + bytes);
        }
    }

    private static byte[] headerBytes(List<RawTensor> layout, Map<String, String> metadata,
                                      Map<String, long[]> offsets) {
        JsonObject header = new JsonObject();
        if (!metadata.isEmpty()) {
            JsonObject meta = new JsonObject();
            metadata.forEach(meta::addProperty);
            header.add(SafetensorsFormat.METADATA_KEY, meta);
        }
        for (RawTensor t : layout) {
            JsonObject entry = new JsonObject();
            entry.addProperty("dtype", SafetensorsFormat.nameOf(t.dtype()));
            entry.add("shape", array(t.shape()));
            entry.add("data_offsets", array(offsets.get(t.name())));
            header.add(t.name(), entry);
        }
        byte[] json = header.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + SafetensorsFormat.HEADER_ALIGNMENT - 1)
                / SafetensorsFormat.HEADER_ALIGNMENT * SafetensorsFormat.HEADER_ALIGNMENT;
        byte[] out = java.util.Arrays.copyOf(json, padded);
        java.util.Arrays.fill(out, json.length, padded, (byte) ' ');
        return out;
    }

    private static JsonArray array(long[] values) {
        JsonArray a = new JsonArray();
        for (long v : values) {
            a.add(v);
        }
        return a;
    }

    private static void writeFully(FileChannel out, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            out.write(buffer);
        }
    }
}
