package kr.sbert.workbench.core.model;

import static kr.sbert.workbench.core.model.SentenceTransformerModelTest.assertEmbedding;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import kr.sbert.workbench.core.model.weights.RawTensor;
import kr.sbert.workbench.core.model.weights.SafetensorsReader;
import kr.sbert.workbench.core.model.weights.SafetensorsWriter;
import kr.sbert.workbench.core.model.weights.TensorConversions;
import kr.sbert.workbench.core.model.weights.TensorDType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Model folders whose config and weights disagree, or whose weights are named or typed
 * differently from the fixture (issue 2 §2): refused with one line naming the tensor, the file
 * and both shapes, or loaded to the same embeddings.
 */
class MismatchedModelFolderTest {

    @TempDir
    Path tmp;

    private Path folder() {
        return TinyFolders.root(tmp.resolve("model"));
    }

    /** Rewrites {@code model.safetensors} of {@code folder} through {@code change}. */
    private static void rewriteWeights(Path folder, Function<Map<String, RawTensor>, Map<String, RawTensor>> change)
            throws Exception {
        Path file = folder.resolve("model.safetensors");
        Map<String, RawTensor> tensors = new LinkedHashMap<>();
        // Copy off the mapping before the file is replaced.
        for (RawTensor t : SafetensorsReader.read(file).values()) {
            ByteBuffer copy = ByteBuffer.allocate(t.data().remaining()).order(ByteOrder.LITTLE_ENDIAN);
            copy.put(t.data().duplicate()).flip();
            tensors.put(t.name(), new RawTensor(t.name(), t.dtype(), t.shape(), copy));
        }
        Map<String, RawTensor> changed = change.apply(tensors);
        Files.delete(file);
        SafetensorsWriter.write(file, changed, Map.of("format", "pt"));
    }

    private static float[][] encodeNfcSafe(Path folder) throws Exception {
        try (SentenceTransformerModel model = SentenceTransformerModel.load(folder)) {
            return model.encode(TinyFolders.nfcSafeIds().stream().map(TinyFolders::text).toList());
        }
    }

    private static void assertFixtureEmbeddings(float[][] got) {
        List<Integer> ids = TinyFolders.nfcSafeIds();
        for (int i = 0; i < ids.size(); i++) {
            assertEmbedding(got[i], TinyFolders.embedding(ids.get(i)), "sentence " + ids.get(i));
        }
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
        "\"layer_norm_eps\": 1e-12|\"layer_norm_eps\": -1|layer_norm_eps must be a positive number, got -1.0",
        "\"layer_norm_eps\": 1e-12|\"layer_norm_eps\": 0|layer_norm_eps must be a positive number, got 0.0",
        "\"hidden_size\": 32|\"hidden_size\": 0|hidden_size must be positive, got 0",
        "\"intermediate_size\": 64|\"intermediate_size\": 0|intermediate_size must be positive, got 0"})
    void configValuesNoForwardPassCanUseAreRefusedNamingTheFile(String from, String to, String reason)
            throws Exception {
        Path folder = folder();
        Path config = folder.resolve("config.json");
        String json = Files.readString(config);
        assertThat(json).contains(from);
        Files.writeString(config, json.replace(from, to));

        assertThatThrownBy(() -> SentenceTransformerModel.load(folder).close())
                .isInstanceOf(MalformedModelException.class)
                .hasMessage(config + ": " + reason);
    }

    @Test
    void missingPoolingConfigIsNamedAsMissing() throws Exception {
        Path folder = folder();
        Path pooling = folder.resolve("1_Pooling").resolve("config.json");
        Files.delete(pooling);

        assertThatThrownBy(() -> SentenceTransformerModel.load(folder).close())
                .isInstanceOf(MalformedModelException.class)
                .hasMessage(pooling + ": missing");
    }

    @Test
    void configHiddenSizeLargerThanWeightsNamesTensorFileAndBothShapes() {
        Path folder = folder();
        TinyFolders.edit(folder.resolve("config.json"), o -> o.addProperty("hidden_size", 64));
        TinyFolders.edit(folder.resolve("1_Pooling/config.json"), o -> o.addProperty("word_embedding_dimension", 64));
        assertThatThrownBy(() -> SentenceTransformerModel.load(folder))
                .isInstanceOf(MalformedModelException.class)
                .hasMessageContaining(folder.resolve("model.safetensors").toString())
                .hasMessageContaining("embeddings.word_embeddings.weight")
                .hasMessageContaining("[40000, 32]")
                .hasMessageContaining("[40000, 64]")
                .message().doesNotContain("\n");
    }

    @Test
    void configHiddenSizeAloneDisagreesWithPoolingDimension() {
        Path folder = folder();
        TinyFolders.edit(folder.resolve("config.json"), o -> o.addProperty("hidden_size", 64));
        assertThatThrownBy(() -> SentenceTransformerModel.load(folder))
                .isInstanceOf(MalformedModelException.class)
                .hasMessageContaining("word_embedding_dimension 32")
                .hasMessageContaining("hidden_size 64")
                .message().doesNotContain("\n");
    }

    @Test
    void missingTensorIsNamedWithTheFile() throws Exception {
        Path folder = folder();
        String gone = "encoder.layer.1.attention.self.key.bias";
        rewriteWeights(folder, t -> {
            assertThat(t.remove(gone)).isNotNull();
            return t;
        });
        assertThatThrownBy(() -> SentenceTransformerModel.load(folder))
                .isInstanceOf(MalformedModelException.class)
                .hasMessageContaining(folder.resolve("model.safetensors").toString())
                .hasMessageContaining(gone)
                .hasMessageContaining("[32]")
                .message().doesNotContain("\n");
    }

    @Test
    void bertPrefixedNamesLoadTheSame() throws Exception {
        Path folder = folder();
        rewriteWeights(folder, t -> {
            Map<String, RawTensor> renamed = new LinkedHashMap<>();
            t.values().forEach(r -> renamed.put("bert." + r.name(),
                    new RawTensor("bert." + r.name(), r.dtype(), r.shape(), r.data())));
            return renamed;
        });
        assertThat(SafetensorsReader.read(folder.resolve("model.safetensors")).keySet()).allMatch(n -> n.startsWith("bert."));
        assertFixtureEmbeddings(encodeNfcSafe(folder));
    }

    @Test
    void poolerAndPositionIdsAreIgnored() throws Exception {
        Path folder = folder();
        rewriteWeights(folder, t -> {
            assertThat(t).containsKey("pooler.dense.weight");
            // A pooler of a shape no config implies, and an integer buffer: either would be refused if read.
            t.put("pooler.dense.weight", f32("pooler.dense.weight", new long[] {7, 3}, new float[21]));
            ByteBuffer positions = ByteBuffer.allocate(64 * 8).order(ByteOrder.LITTLE_ENDIAN);
            for (long i = 0; i < 64; i++) {
                positions.putLong(i);
            }
            t.put("embeddings.position_ids", new RawTensor("embeddings.position_ids", TensorDType.I64,
                    new long[] {1, 64}, positions.flip()));
            return t;
        });
        assertFixtureEmbeddings(encodeNfcSafe(folder));
    }

    @Test
    void otherModelTypeIsRefusedByName() {
        Path folder = folder();
        TinyFolders.edit(folder.resolve("config.json"), o -> o.addProperty("model_type", "electra"));
        assertThatThrownBy(() -> SentenceTransformerModel.load(folder))
                .isInstanceOf(MalformedModelException.class)
                .hasMessageContaining(folder.resolve("config.json").toString())
                .hasMessageContaining("model_type 'electra' is not supported")
                .hasMessageContaining("bert, roberta, xlm-roberta")
                .message().doesNotContain("\n");
    }

    /**
     * Half-precision weights: decoding must be exact, so an F16 (or BF16) file gives exactly what
     * an F32 file holding the same rounded values gives; and against the fixture the embeddings
     * move only by the rounding of the weights. With u the relative rounding of one weight
     * (F16 keeps 11 significant bits: u = 2⁻¹¹ ≈ 4.9e-4; BF16 8 bits: u = 2⁻⁸ ≈ 3.9e-3), an
     * embedding element of order 1 (the fixture's are within ±2.5) moves by a small multiple of
     * u: every weight of the two layers contributes one rounding, the LayerNorms rescale but do not
     * amplify them much. Measured here: 2.6e-3 (≈ 5u) for F16, 1.7e-2 (≈ 4u) for BF16. The bound
     * is 20u (9.8e-3 and 7.8e-2): four times the measured drift, and still two orders of magnitude
     * below what a decoding mistake (wrong byte order, wrong exponent bias) causes.
     */
    @ParameterizedTest
    @EnumSource(value = TensorDType.class, names = {"F16", "BF16"})
    void halfPrecisionWeightsLoadAndGiveNearlyTheFixtureEmbeddings(TensorDType dtype) throws Exception {
        Path half = TinyFolders.root(tmp.resolve("half"));
        Path rounded = TinyFolders.root(tmp.resolve("rounded"));
        rewriteWeights(half, t -> convert(t, dtype, false));
        rewriteWeights(rounded, t -> convert(t, dtype, true));
        assertThat(SafetensorsReader.read(half.resolve("model.safetensors")).values())
                .allMatch(r -> r.dtype() == dtype);

        float[][] fromHalf = encodeNfcSafe(half);
        float[][] fromRounded = encodeNfcSafe(rounded);
        double tolerance = 20 * (dtype == TensorDType.F16 ? 0x1p-11 : 0x1p-8);
        List<Integer> ids = TinyFolders.nfcSafeIds();
        double worst = 0;
        for (int i = 0; i < ids.size(); i++) {
            float[] expected = TinyFolders.embedding(ids.get(i));
            for (int d = 0; d < expected.length; d++) {
                assertThat(fromHalf[i][d]).as("sentence %d element %d", ids.get(i), d)
                        .isCloseTo(fromRounded[i][d], within(1e-6f));
                worst = Math.max(worst, Math.abs(fromHalf[i][d] - expected[d]));
            }
        }
        System.out.printf("%s weights: largest embedding difference from the F32 fixture %.2e%n", dtype, worst);
        assertThat(worst).isLessThan(tolerance).isGreaterThan(0);
    }

    /** Every F32 tensor as {@code dtype} (round to nearest even), or as F32 holding those rounded values. */
    private static Map<String, RawTensor> convert(Map<String, RawTensor> tensors, TensorDType dtype, boolean backToF32) {
        Map<String, RawTensor> out = new LinkedHashMap<>();
        for (RawTensor t : tensors.values()) {
            float[] values;
            try {
                values = TensorConversions.toFloats(t);
            } catch (MalformedModelException e) {
                throw new IllegalStateException(e);
            }
            ByteBuffer halfBits = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
            float[] roundedValues = new float[values.length];
            for (int i = 0; i < values.length; i++) {
                short bits = dtype == TensorDType.F16 ? toHalf(values[i]) : toBfloat16(values[i]);
                halfBits.putShort(bits);
                roundedValues[i] = dtype == TensorDType.F16
                        ? TensorConversions.halfToFloat(bits) : TensorConversions.bfloat16ToFloat(bits);
                assertThat(Math.abs(roundedValues[i] - values[i]))
                        .isLessThanOrEqualTo(Math.abs(values[i]) * (dtype == TensorDType.F16 ? 0x1p-11f : 0x1p-8f) + 0x1p-25f);
            }
            out.put(t.name(), backToF32 ? f32(t.name(), t.shape(), roundedValues)
                    : new RawTensor(t.name(), dtype, t.shape(), halfBits.flip()));
        }
        return out;
    }

    private static RawTensor f32(String name, long[] shape, float[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return new RawTensor(name, TensorDType.F32, shape, b);
    }

    /** float32 → IEEE binary16, round to nearest even (finite inputs of BERT weights). */
    static short toHalf(float f) {
        int bits = Float.floatToRawIntBits(f);
        int sign = (bits >>> 16) & 0x8000;
        int exponent = ((bits >>> 23) & 0xFF) - 127 + 15;
        int mantissa = bits & 0x7FFFFF;
        if (exponent >= 0x1F) {
            return (short) (sign | 0x7C00);
        }
        if (exponent <= 0) { // subnormal half: (1.m) × 2^(e-15) in units of 2^-24
            if (exponent < -10) {
                return (short) sign;
            }
            mantissa |= 0x800000;
            int shift = 14 - exponent;
            return (short) (sign | roundShift(mantissa, shift));
        }
        return (short) (sign | roundShift((exponent << 23) | mantissa, 13));
    }

    /** {@code value >> shift}, rounded to nearest, ties to even (a carry may raise the exponent). */
    private static int roundShift(int value, int shift) {
        int kept = value >>> shift;
        int rest = value & ((1 << shift) - 1);
        int halfway = 1 << (shift - 1);
        if (rest > halfway || (rest == halfway && (kept & 1) == 1)) {
            kept++;
        }
        return kept;
    }

    static short toBfloat16(float f) {
        return (short) (roundShift(Float.floatToRawIntBits(f) & 0x7FFFFFFF, 16)
                | ((Float.floatToRawIntBits(f) >>> 16) & 0x8000));
    }
}
