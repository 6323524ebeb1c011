package kr.sbert.workbench.core.model.weights;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsWriterTest {

    @TempDir
    Path dir;

    @Test
    void roundTripKeepsNamesShapesDtypesAndBytes() throws Exception {
        Map<String, RawTensor> tensors = new LinkedHashMap<>();
        put(tensors, "z.half", TensorDType.F16, new long[] {3}, 0x3C00, 0xC000, 0x7BFF);
        put(tensors, "a.weight", TensorDType.F32, new long[] {2, 2}, TorchCheckpointReaderTest.floatsLe(1, -2, 3.5f, 0));
        put(tensors, "ids", TensorDType.I64, new long[] {2}, ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(7).putLong(-1).array());
        put(tensors, "flag", TensorDType.BOOL, new long[] {1}, new byte[] {1});
        put(tensors, "scalar", TensorDType.F32, new long[] {}, TorchCheckpointReaderTest.floatsLe(42));
        put(tensors, "empty", TensorDType.F32, new long[] {0, 5}, new byte[0]);
        Path file = dir.resolve("model.safetensors");

        SafetensorsWriter.write(file, tensors, Map.of("format", "pt"));
        Map<String, RawTensor> back = SafetensorsReader.read(file);

        assertThat(back.keySet()).containsExactlyInAnyOrderElementsOf(tensors.keySet());
        for (RawTensor t : tensors.values()) {
            RawTensor r = back.get(t.name());
            assertThat(r.dtype()).as(t.name()).isEqualTo(t.dtype());
            assertThat(r.shape()).as(t.name()).containsExactly(t.shape());
            assertThat(r.data()).as(t.name()).isEqualTo(t.data());
        }
    }

    @Test
    void headerIsPaddedWithSpacesToMultipleOfEightAndTensorsAreAligned() throws Exception {
        Map<String, RawTensor> tensors = new LinkedHashMap<>();
        put(tensors, "h", TensorDType.F16, new long[] {1}, 0x3C00);
        put(tensors, "f", TensorDType.F32, new long[] {1}, TorchCheckpointReaderTest.floatsLe(1));
        put(tensors, "l", TensorDType.I64, new long[] {1}, new byte[8]);
        Path file = dir.resolve("model.safetensors");

        SafetensorsWriter.write(file, tensors, Map.of());
        byte[] bytes = Files.readAllBytes(file);
        long n = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        String header = new String(bytes, 8, (int) n, java.nio.charset.StandardCharsets.UTF_8);

        String json = "{\"l\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[0,8]},"
                + "\"f\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]},"
                + "\"h\":{\"dtype\":\"F16\",\"shape\":[1],\"data_offsets\":[12,14]}}";

        assertThat(n).isEqualTo(168); // 163 bytes of JSON rounded up to a multiple of 8
        assertThat(header).isEqualTo(json + "     ");
    }

    @Test
    void rewritingFixtureReproducesTheReferenceWritersFileByteForByte() throws Exception {
        Path original = FixtureCheckpoint.modelDir().resolve("model.safetensors");
        Path copy = dir.resolve("model.safetensors");

        SafetensorsWriter.write(copy, SafetensorsReader.read(original), Map.of("format", "pt"));

        assertThat(Files.mismatch(original, copy)).isEqualTo(-1L);
    }

    @Test
    void writesThroughTorchReaderToSafetensorsIdentically() throws Exception {
        Path copy = dir.resolve("converted.safetensors");

        SafetensorsWriter.write(copy, TorchCheckpointReader.read(FixtureCheckpoint.modelDir().resolve("pytorch_model.bin")),
                Map.of("format", "pt"));

        assertThat(Files.mismatch(FixtureCheckpoint.modelDir().resolve("model.safetensors"), copy)).isEqualTo(-1L);
    }

    private static void put(Map<String, RawTensor> map, String name, TensorDType dtype, long[] shape, int... halves) {
        ByteBuffer b = ByteBuffer.allocate(halves.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int h : halves) {
            b.putShort((short) h);
        }
        put(map, name, dtype, shape, b.array());
    }

    private static void put(Map<String, RawTensor> map, String name, TensorDType dtype, long[] shape, byte[] bytes) {
        map.put(name, new RawTensor(name, dtype, shape, ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN)));
    }
}
