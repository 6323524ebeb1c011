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
import kr.sbert.workbench.core.Limits;
import kr.sbert.workbench.core.model.MalformedModelException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile weight files (issue 11, causes 1–4, 6, 7): each is refused with one line naming the
 * file, never an Error, a Java class name, or a large allocation. Files stay small: the budgets
 * (opcodes, integer bytes, elements per storage, nesting) are hit long before any size limit.
 */
@Timeout(30)
class HostileWeightFilesTest {
    @TempDir
    Path dir;

    Path zip(byte[] pkl, Map<String, byte[]> storages) throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("archive/data.pkl", pkl);
        storages.forEach((k, v) -> entries.put("archive/data/" + k, v));
        entries.put("archive/version", "3\n".getBytes(StandardCharsets.US_ASCII));
        Path file = dir.resolve("pytorch_model.bin");
        TorchZipWriter.write(file, entries, false);
        return file;
    }

    static void assertRefusedPlainly(Path file, String fragment) {
        assertThatThrownBy(() -> WeightFiles.read(file))
                .isInstanceOf(MalformedModelException.class)
                .hasMessageStartingWith(file.getFileName() + ": ")
                .hasMessageContaining(fragment)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContainPattern("[A-Z][a-z]+(Exception|Error)\\b")
                        .doesNotContain("java.").hasSizeLessThan(Limits.MESSAGE_MAX_CHARS));
    }

    /** EMPTY_DICT, then a key built by {@code keyOps}, None, SETITEM, STOP. */
    byte[] dictWithKey(PickleBytes keyOps) {
        PickleBytes p = new PickleBytes().proto().emptyDict();
        p.raw(keyOps.bytes());
        return p.none().raw('s').stop().bytes();
    }

    @Test
    void aStateDictKeyThatIsAListNested200000DeepIsRefusedNotHashed() throws Exception {
        int depth = 200_000;
        PickleBytes key = new PickleBytes();
        for (int i = 0; i < depth; i++) {
            key.raw(']'); // EMPTY_LIST
        }
        for (int i = 1; i < depth; i++) {
            key.raw('a'); // APPEND the top list into the one below it
        }
        assertRefusedPlainly(zip(dictWithKey(key), Map.of()), "a dict key is a list of 1 values");
    }

    @Test
    void aListThatContainsItselfIsDescribedNotPrinted() throws Exception {
        // [] MEMOIZE, BINGET 0, APPEND: l = [l]; then it is the pickle's root
        byte[] pkl = new PickleBytes().proto().raw(']', 0x94, 'h', 0, 'a').stop().bytes();
        assertRefusedPlainly(zip(pkl, Map.of()), "the pickle holds a list of 1 values, not a state dict");
        PickleBytes key = new PickleBytes().raw(']', 0x94, 'h', 0, 'a');
        assertRefusedPlainly(zip(dictWithKey(key), Map.of()), "a dict key is a list of 1 values");
    }

    @ParameterizedTest
    @ValueSource(strings = {"I", "F", "L", "g"})
    void textNumberOpcodesWithJunkAreACorruptPickleNotABadOption(String opcode) throws Exception {
        byte[] pkl = new PickleBytes().proto().raw(opcode.charAt(0)).raw("abc\n".getBytes(StandardCharsets.US_ASCII))
                .stop().bytes();
        assertRefusedPlainly(zip(pkl, Map.of()), "the pickle is corrupt");
    }

    @Test
    void aOneMegabyteLong4IntegerIsRefusedWithoutDecimalConversion() throws Exception {
        int n = 1 << 20;
        ByteArrayOutputStream pkl = new ByteArrayOutputStream();
        pkl.writeBytes(new PickleBytes().proto().raw(0x8b, n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, n >>> 24).bytes());
        pkl.writeBytes(new byte[n]);
        pkl.write('.');
        assertRefusedPlainly(zip(pkl.toByteArray(), Map.of()), "a pickle integer of 1048576 bytes (limit 16)");
    }

    @Test
    void aNineByteIntegerOffsetIsOutOfRangeByItsBitLength() throws Exception {
        // LONG1 of 9 bytes (2^71 - 1 … positive) as a tensor's storage offset
        PickleBytes p = new PickleBytes().proto().emptyDict().mark().string("w");
        p.global("torch._utils", "_rebuild_tensor_v2").mark();
        p.mark().string("storage").global("torch", "FloatStorage").string("0").string("cpu").integer(1).tuple()
                .binpersid();
        p.raw(0x8a, 9, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f);
        p.intTuple(1).intTuple(1).newFalse().global("collections", "OrderedDict").emptyTuple().reduce().tuple().reduce();
        byte[] pkl = p.setitems().stop().bytes();
        assertRefusedPlainly(zip(pkl, Map.of("0", new byte[4])), "an integer of 71 bits is out of range");
    }

    @Test
    void aPickleOfTwoMillionEmptyDictsHitsTheOpcodeBudget() throws Exception {
        ByteArrayOutputStream pkl = new ByteArrayOutputStream();
        pkl.writeBytes(new PickleBytes().proto().bytes());
        byte[] dicts = new byte[Limits.PICKLE_MAX_OPCODES + 10];
        java.util.Arrays.fill(dicts, (byte) '}');
        pkl.writeBytes(dicts);
        pkl.write('.');
        assertRefusedPlainly(zip(pkl.toByteArray(), Map.of()), "more than 2000000 opcodes");
    }

    @Test
    void aStrideZeroViewIsNotExpandedIntoGigabytes() throws Exception {
        byte[] pkl = new PickleBytes().proto().emptyDict().mark().string("w")
                .tensor("FloatStorage", "0", 1, 0, new long[] {100_000_000}, new long[] {0}, false)
                .setitems().stop().bytes();
        assertRefusedPlainly(zip(pkl, Map.of("0", new byte[4])),
                "has 100000000 elements but its storage holds only 1 (expanded or overlapping view)");
    }

    @Test
    void manyStridedViewsOfOneStorageAreBudgetedTogether() throws Exception {
        // a transposed 1000 x 1000 view of one 4 MB storage, fifty times: fifty copies of 4 MB
        PickleBytes p = new PickleBytes().proto().emptyDict().mark();
        for (int i = 0; i < 50; i++) {
            p.string("w" + i).tensor("FloatStorage", "0", 1_000_000, 0, new long[] {1000, 1000}, new long[] {1, 1000}, false);
        }
        assertRefusedPlainly(zip(p.setitems().stop().bytes(), Map.of("0", new byte[4_000_000])),
                "would copy more bytes than the file holds");
    }

    @Test
    void aLegacyPickleCannotRunOnPastItsWindow() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(WeightFormat.LEGACY_PREFIX);
        out.write('.');
        out.writeBytes(new PickleBytes().proto().raw('M', 0xe9, 0x03).stop().bytes());
        out.writeBytes(new PickleBytes().proto().emptyDict().stop().bytes());
        // the state dict pickle: a string that claims 17 MB (the window is 16 MB)
        int n = 17 << 20;
        out.writeBytes(new PickleBytes().proto().raw('X', n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, n >>> 24).bytes());
        out.writeBytes(new byte[n]);
        out.write('.');
        Path file = Files.write(dir.resolve("pytorch_model.bin"), out.toByteArray());
        assertRefusedPlainly(file, "pytorch_model.bin: ");
        assertThatThrownBy(() -> WeightFiles.read(file)).hasMessageContaining("16");
    }

    /** A legacy file's storage keys are strings; a 200,000-deep list there is refused, not rendered. */
    @Test
    void aLegacyStorageKeyThatIsADeepListIsRefusedNotPrinted() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(WeightFormat.LEGACY_PREFIX);
        out.write('.');
        out.writeBytes(new PickleBytes().proto().raw('M', 0xe9, 0x03).stop().bytes());
        out.writeBytes(new PickleBytes().proto().emptyDict().stop().bytes());
        out.writeBytes(new PickleBytes().proto().emptyDict().stop().bytes()); // the (empty) state dict
        PickleBytes keys = new PickleBytes().proto();
        int depth = 200_000;
        for (int i = 0; i < depth; i++) {
            keys.raw(']');
        }
        for (int i = 1; i < depth; i++) {
            keys.raw('a');
        }
        out.writeBytes(keys.stop().bytes());
        Path file = Files.write(dir.resolve("pytorch_model.bin"), out.toByteArray());
        assertRefusedPlainly(file, "legacy storage key a list of 1 values is not a string");
    }

    /** Sets (EMPTY_SET/ADDITEMS, FROZENSET) would hash a deep item recursively; a state dict never has one. */
    @ParameterizedTest
    @ValueSource(strings = {"set", "frozenset"})
    void aSetInAPickleIsRefused(String kind) throws Exception {
        PickleBytes value = new PickleBytes();
        if (kind.equals("set")) {
            value.raw(0x8f, '(');
        } else {
            value.raw('(');
        }
        for (int i = 0; i < 200_000; i++) {
            value.raw(']');
        }
        for (int i = 1; i < 200_000; i++) {
            value.raw('a');
        }
        value.raw(kind.equals("set") ? 0x90 : 0x91);
        PickleBytes p = new PickleBytes().proto().emptyDict().raw('X', 1, 0, 0, 0, 'k');
        p.raw(value.bytes());
        assertRefusedPlainly(zip(p.raw('s').stop().bytes(), Map.of()), "a set, which a state dict never holds");
    }

    @Test
    void aShardIndexThatNamesItselfIsRefusedNotFollowed() throws Exception {
        Path index = dir.resolve("model.safetensors.index.json");
        Files.writeString(index, "{\"weight_map\": {\"a\": \"model.safetensors.index.json\"}}");
        assertRefusedPlainly(index, "names shard 'model.safetensors.index.json', an index, not a weight file");
    }

    @Test
    void aDeeplyNestedShardIndexIsRefusedByDepth() throws Exception {
        Path index = dir.resolve("model.safetensors.index.json");
        Files.writeString(index, "{\"weight_map\": " + "[".repeat(100_000) + "]".repeat(100_000) + "}");
        assertRefusedPlainly(index, "nested more than 64 levels deep");
    }

    static Path safetensors(Path file, String header, int dataBytes) throws Exception {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h);
        return Files.write(file, b.array());
    }

    @ParameterizedTest
    @ValueSource(strings = {"32.0", "3.2e1", "32e0", "-0"})
    void safetensorsShapesMustBeIntegerLiterals(String dim) throws Exception {
        Path file = safetensors(dir.resolve("model.safetensors"),
                "{\"w\":{\"dtype\":\"F32\",\"shape\":[" + dim + "],\"data_offsets\":[0,128]}}", 128);
        assertRefusedPlainly(file, "'shape' holds " + dim + " (needs a non-negative integer)");
    }

    @Test
    void aSafetensorsHeaderOfTooManyTensorsIsRefused() throws Exception {
        StringBuilder h = new StringBuilder("{");
        for (int i = 0; i <= Limits.TENSORS_MAX; i++) {
            h.append(i == 0 ? "" : ",").append("\"t").append(i).append("\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[0,0]}");
        }
        Path file = safetensors(dir.resolve("model.safetensors"), h.append('}').toString(), 0);
        assertRefusedPlainly(file, "tensors (limit 100000)");
    }

    @Test
    void aDeeplyNestedSafetensorsHeaderIsRefusedByDepth() throws Exception {
        Path file = safetensors(dir.resolve("model.safetensors"),
                "{\"__metadata__\":" + "[".repeat(50_000) + "]".repeat(50_000) + "}", 0);
        assertRefusedPlainly(file, "nested more than 64 levels deep");
    }
}
