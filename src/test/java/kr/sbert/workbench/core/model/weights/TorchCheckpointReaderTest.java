package kr.sbert.workbench.core.model.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import kr.sbert.workbench.core.model.MalformedModelException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TorchCheckpointReaderTest {

    @TempDir
    Path dir;

    @Test
    void readsFixtureWithExpectedNamesAndShapes() throws Exception {
        Map<String, RawTensor> tensors = TorchCheckpointReader.read(FixtureCheckpoint.modelDir().resolve("pytorch_model.bin"));

        Map<String, long[]> expected = FixtureCheckpoint.expectedShapes();
        assertThat(tensors.keySet()).containsExactlyElementsOf(expected.keySet());
        expected.forEach((name, shape) -> assertThat(tensors.get(name).shape()).as(name).containsExactly(shape));
    }

    @Test
    void fixtureBinAndSafetensorsHoldBitIdenticalTensors() throws Exception {
        Map<String, RawTensor> bin = TorchCheckpointReader.read(FixtureCheckpoint.modelDir().resolve("pytorch_model.bin"));
        Map<String, RawTensor> st = SafetensorsReader.read(FixtureCheckpoint.modelDir().resolve("model.safetensors"));

        assertThat(bin.keySet()).containsExactlyInAnyOrderElementsOf(st.keySet());
        for (String name : bin.keySet()) {
            assertThat(bin.get(name).dtype()).as(name).isEqualTo(st.get(name).dtype());
            assertThat(bin.get(name).shape()).as(name).containsExactly(st.get(name).shape());
            assertThat(bin.get(name).data()).as(name).isEqualTo(st.get(name).data());
        }
    }

    @Test
    void refusesOsSystemInZipCheckpointBeforeItRuns() throws Exception {
        Path marker = dir.resolve("pwned");
        byte[] pkl = new PickleBytes().proto().emptyDict().mark()
                .string("w").global("os", "system").mark().string("touch " + marker).tuple().reduce()
                .setitems().stop().bytes();
        Path file = zipCheckpoint("archive", pkl, Map.of());

        assertRefused(file, "pytorch_model.bin: refused pickle global 'os.system' (only tensor-building globals are allowed)");
        assertThat(marker).doesNotExist();
    }

    @Test
    void refusesBuiltinsEvalThroughStackGlobal() throws Exception {
        byte[] pkl = new PickleBytes().proto().stackGlobal("builtins", "eval")
                .mark().string("1+1").tuple().reduce().stop().bytes();
        Path file = zipCheckpoint("archive", pkl, Map.of());

        assertRefused(file, "pytorch_model.bin: refused pickle global 'builtins.eval' (only tensor-building globals are allowed)");
    }

    @Test
    void refusesOsSystemInLegacyCheckpointBeforeItRuns() throws Exception {
        Path marker = dir.resolve("pwned");
        ByteArrayOutputStream file = legacyPrelude();
        file.writeBytes(new PickleBytes().proto().global("posix", "system")
                .mark().string("touch " + marker).tuple().reduce().stop().bytes());
        Path path = dir.resolve("pytorch_model.bin");
        Files.write(path, file.toByteArray());

        assertRefused(path, "pytorch_model.bin: refused pickle global 'posix.system' (only tensor-building globals are allowed)");
        assertThat(marker).doesNotExist();
    }

    @Test
    void readsLegacyCheckpoint() throws Exception {
        float[] values = {1.5f, -2f, 3.25f, 0f, 7f, 8f};
        ByteArrayOutputStream file = legacyPrelude();
        file.writeBytes(new PickleBytes().proto().emptyDict().mark()
                .string("w").tensor("FloatStorage", "94", 6, 0, new long[] {2, 3}, new long[] {3, 1}, true)
                .setitems().stop().bytes());
        file.writeBytes(new PickleBytes().proto().raw(']').mark().string("94").raw('e').stop().bytes());
        file.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(6).array());
        file.writeBytes(floatsLe(values));
        Path path = dir.resolve("pytorch_model.bin");
        Files.write(path, file.toByteArray());

        RawTensor w = TorchCheckpointReader.read(path).get("w");

        assertThat(w.shape()).containsExactly(2, 3);
        assertThat(TensorConversions.toFloats(w)).containsExactly(values);
    }

    @Test
    void takesFolderNameFromFirstEntryAndCopiesTransposedViews() throws Exception {
        // storage holds [[1,2,3],[4,5,6]]; the tensor is its transpose: size (3,2), stride (1,3)
        byte[] pkl = new PickleBytes().proto().emptyDict().mark()
                .string("t").tensor("FloatStorage", "0", 6, 0, new long[] {3, 2}, new long[] {1, 3}, false)
                .string("row").tensor("FloatStorage", "0", 6, 3, new long[] {3}, new long[] {1}, false)
                .setitems().stop().bytes();
        Path file = zipCheckpoint("tiny_model", pkl, Map.of("0", floatsLe(1, 2, 3, 4, 5, 6)));

        Map<String, RawTensor> tensors = TorchCheckpointReader.read(file);

        assertThat(tensors.keySet()).containsExactly("t", "row");
        assertThat(tensors.get("t").shape()).containsExactly(3, 2);
        assertThat(TensorConversions.toFloats(tensors.get("t"))).containsExactly(1, 4, 2, 5, 3, 6);
        assertThat(TensorConversions.toFloats(tensors.get("row"))).containsExactly(4, 5, 6);
    }

    @Test
    void readsOrderedDictWithMetadataStateAndParameters() throws Exception {
        // model.state_dict() pickles as OrderedDict() + SETITEMS + BUILD({'_metadata': OrderedDict(...)})
        PickleBytes p = new PickleBytes().proto().global("collections", "OrderedDict").emptyTuple().reduce().mark()
                .string("half").tensor("HalfStorage", "0", 2, 0, new long[] {2}, new long[] {1}, false)
                .string("param").global("torch._utils", "_rebuild_parameter").mark()
                .tensor("BFloat16Storage", "1", 1, 0, new long[] {1}, new long[] {1}, false)
                .raw(0x88).global("collections", "OrderedDict").emptyTuple().reduce().tuple().reduce()
                .setitems()
                .emptyDict().string("_metadata").global("collections", "OrderedDict").emptyTuple().reduce()
                .mark().string("").emptyDict().string("version").integer(1).raw('s').setitems()
                .raw('s').raw('b').stop();
        Map<String, byte[]> storages = new LinkedHashMap<>();
        storages.put("0", new byte[] {0x00, 0x3C, 0x00, (byte) 0xC0});
        storages.put("1", new byte[] {(byte) 0x80, 0x3F});
        Path file = zipCheckpoint("archive", p.bytes(), storages);

        Map<String, RawTensor> tensors = TorchCheckpointReader.read(file);

        assertThat(tensors.keySet()).containsExactly("half", "param");
        assertThat(tensors.get("half").dtype()).isEqualTo(TensorDType.F16);
        assertThat(TensorConversions.toFloats(tensors.get("half"))).containsExactly(1f, -2f);
        assertThat(tensors.get("param").dtype()).isEqualTo(TensorDType.BF16);
        assertThat(TensorConversions.toFloats(tensors.get("param"))).containsExactly(1f);
    }

    @Test
    void refusesWholeModelPickles() throws Exception {
        byte[] pkl = new PickleBytes().proto().global("transformers.models.bert.modeling_bert", "BertModel")
                .raw(')').raw(0x81).stop().bytes();
        Path file = zipCheckpoint("archive", pkl, Map.of());

        assertRefused(file, "pytorch_model.bin: refused pickle global 'transformers.models.bert.modeling_bert.BertModel' "
                + "(only tensor-building globals are allowed)");
    }

    @Test
    void swapsBigEndianStorages() throws Exception {
        byte[] pkl = new PickleBytes().proto().emptyDict().mark()
                .string("b").tensor("FloatStorage", "0", 2, 0, new long[] {2}, new long[] {1}, false)
                .setitems().stop().bytes();
        byte[] bigEndian = ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN).putFloat(1.5f).putFloat(-3f).array();
        Map<String, byte[]> extra = new LinkedHashMap<>();
        extra.put("data/0", bigEndian);
        extra.put("byteorder", "big".getBytes(StandardCharsets.US_ASCII));
        Path file = zipCheckpointWith("archive", pkl, extra);

        assertThat(TensorConversions.toFloats(TorchCheckpointReader.read(file).get("b"))).containsExactly(1.5f, -3f);
    }

    @Test
    void refusesViewReachingPastItsStorage() throws Exception {
        byte[] pkl = new PickleBytes().proto().emptyDict().mark()
                .string("w").tensor("FloatStorage", "0", 4, 2, new long[] {4}, new long[] {1}, false)
                .setitems().stop().bytes();
        Path file = zipCheckpoint("archive", pkl, Map.of("0", floatsLe(1, 2, 3, 4)));

        assertRefused(file, "pytorch_model.bin: tensor 'w': view (offset 2, size [4], stride [1]) reaches element 5 of a storage holding 4");
    }

    @Test
    void refusesStorageLargerThanItsEntry() throws Exception {
        byte[] pkl = new PickleBytes().proto().emptyDict().mark()
                .string("w").tensor("FloatStorage", "0", 1000, 0, new long[] {1000}, new long[] {1}, false)
                .setitems().stop().bytes();
        Path file = zipCheckpoint("archive", pkl, Map.of("0", floatsLe(1, 2)));

        assertRefused(file, "pytorch_model.bin: storage '0' claims 4000 bytes but its entry holds 8");
    }

    @Test
    void refusesCompressedEntries() throws Exception {
        byte[] pkl = new PickleBytes().proto().emptyDict().stop().bytes();
        Path file = dir.resolve("pytorch_model.bin");
        TorchZipWriter.write(file, Map.of("archive/data.pkl", pkl), true);

        assertRefused(file, "pytorch_model.bin: zip entry 'archive/data.pkl' is compressed (method 8); torch.save stores entries uncompressed");
    }

    @Test
    void refusesStringClaimingMoreBytesThanThePickleHolds() throws Exception {
        byte[] pkl = new PickleBytes().proto().raw('X', 0xff, 0xff, 0xff, 0x7f).stop().bytes();
        Path file = zipCheckpoint("archive", pkl, Map.of());

        assertRefused(file, "pytorch_model.bin: pickle opcode claims 2147483647 bytes but only 1 remain");
    }

    @Test
    void refusesOverlongTextLine() throws Exception {
        byte[] pkl = new PickleBytes().proto().raw('L').raw("9".repeat(5000).getBytes(StandardCharsets.US_ASCII))
                .raw('L', '\n').stop().bytes();
        Path file = zipCheckpoint("archive", pkl, Map.of());

        assertRefused(file, "pytorch_model.bin: pickle text line longer than 40 bytes");
    }

    @Test
    void refusesFileThatIsNotACheckpoint() throws Exception {
        Path file = dir.resolve("pytorch_model.bin");
        Files.writeString(file, "<html>rate limited</html>");

        assertRefused(file, "pytorch_model.bin: not a PyTorch checkpoint (neither a torch.save zip nor the legacy format)");
    }

    private Path zipCheckpoint(String folder, byte[] pkl, Map<String, byte[]> storages) throws Exception {
        Map<String, byte[]> extra = new LinkedHashMap<>();
        storages.forEach((key, bytes) -> extra.put("data/" + key, bytes));
        return zipCheckpointWith(folder, pkl, extra);
    }

    private Path zipCheckpointWith(String folder, byte[] pkl, Map<String, byte[]> extra) throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(folder + "/data.pkl", pkl);
        extra.forEach((name, bytes) -> entries.put(folder + "/" + name, bytes));
        entries.put(folder + "/version", "3\n".getBytes(StandardCharsets.US_ASCII));
        Path file = dir.resolve("pytorch_model.bin");
        TorchZipWriter.write(file, entries, false);
        return file;
    }

    /** Magic number, protocol version 1001 and sys_info pickles of the legacy format. */
    private static ByteArrayOutputStream legacyPrelude() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(WeightFormat.LEGACY_PREFIX);
        out.write('.');
        out.writeBytes(new PickleBytes().proto().raw('M', 0xe9, 0x03).stop().bytes());
        out.writeBytes(new PickleBytes().proto().emptyDict().mark().string("little_endian").raw(0x88)
                .setitems().stop().bytes());
        return out;
    }

    static byte[] floatsLe(float... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return b.array();
    }

    private static void assertRefused(Path file, String message) {
        assertThatThrownBy(() -> TorchCheckpointReader.read(file))
                .isInstanceOf(MalformedModelException.class)
                .hasMessage(message);
    }
}
