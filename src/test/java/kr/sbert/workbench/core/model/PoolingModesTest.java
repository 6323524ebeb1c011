package kr.sbert.workbench.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import kr.sbert.workbench.core.task.CancelToken;
import kr.sbert.workbench.core.task.ProgressListener;
import kr.sbert.workbench.testing.Fixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pooling modes of {@code 1_Pooling/config.json}, checked against pooling done by hand on the
 * fixture's {@code last_hidden_state_batch}: HF's last hidden state of sentences 2 (12 tokens,
 * padded to 24) and 14 (24 tokens) in one batch. The model encodes the same two sentences in
 * one batch, so it pads sentence 2 the same way and its padded rows must not count.
 */
class PoolingModesTest {
    private static final double TOLERANCE = 1e-5;

    /** [sentence][token][hidden] as HF computed it, padded positions included. */
    private static float[][][] hidden;
    /** [sentence][token], 1 for real tokens. */
    private static int[][] mask;
    private static List<long[]> ids;

    @TempDir
    Path tmp;

    @BeforeAll
    static void readBatch() {
        JsonObject batch = Fixtures.tinyExpected().getAsJsonObject("last_hidden_state_batch");
        JsonArray states = batch.getAsJsonArray("last_hidden_state");
        JsonArray masks = batch.getAsJsonArray("attention_mask");
        JsonArray inputIds = batch.getAsJsonArray("input_ids");
        hidden = new float[states.size()][][];
        mask = new int[states.size()][];
        ids = new ArrayList<>();
        for (int s = 0; s < states.size(); s++) {
            JsonArray tokens = states.get(s).getAsJsonArray();
            hidden[s] = new float[tokens.size()][];
            for (int t = 0; t < tokens.size(); t++) {
                hidden[s][t] = Fixtures.floats(tokens.get(t).getAsJsonArray());
            }
            long[] m = Fixtures.longs(masks.get(s).getAsJsonArray());
            mask[s] = new int[m.length];
            int real = 0;
            for (int t = 0; t < m.length; t++) {
                mask[s][t] = (int) m[t];
                real += (int) m[t];
            }
            long[] padded = Fixtures.longs(inputIds.get(s).getAsJsonArray());
            ids.add(java.util.Arrays.copyOf(padded, real)); // the model pads by itself
        }
        assertThat(Fixtures.longs(batch.getAsJsonArray("sentence_ids"))).containsExactly(2, 14);
        assertThat(ids.get(0)).hasSize(12);
        assertThat(ids.get(1)).hasSize(24);
    }

    /** Encodes both sentences in one batch with the given pooling keys switched on. */
    private float[][] encodeWith(String... keysOn) throws Exception {
        Path folder = TinyFolders.root(tmp.resolve("model"));
        TinyFolders.edit(folder.resolve("1_Pooling/config.json"), o -> {
            for (PoolingMode m : PoolingMode.values()) {
                o.addProperty(m.configKey(), List.of(keysOn).contains(m.configKey()));
            }
        });
        try (SentenceTransformerModel model = SentenceTransformerModel.load(folder)) {
            float[][] got = model.encodeTokenized(ids, ProgressListener.NONE, CancelToken.NONE);
            assertThat(model.dimension()).isEqualTo(32 * keysOn.length);
            return got;
        }
    }

    private static float[] cls(int s) {
        return hidden[s][0].clone();
    }

    private static float[] max(int s) {
        float[] out = new float[32];
        java.util.Arrays.fill(out, Float.NEGATIVE_INFINITY);
        for (int t = 0; t < mask[s].length; t++) {
            if (mask[s][t] == 1) {
                for (int d = 0; d < 32; d++) {
                    out[d] = Math.max(out[d], hidden[s][t][d]);
                }
            }
        }
        return out;
    }

    /** Σ w_t·h_t / divisor(Σ w_t) over real tokens, with weight w_t(t). */
    private static float[] weightedSum(int s, java.util.function.IntToDoubleFunction weight,
                                       java.util.function.DoubleUnaryOperator divisor) {
        double[] sum = new double[32];
        double weights = 0;
        for (int t = 0; t < mask[s].length; t++) {
            if (mask[s][t] == 1) {
                double w = weight.applyAsDouble(t);
                weights += w;
                for (int d = 0; d < 32; d++) {
                    sum[d] += w * hidden[s][t][d];
                }
            }
        }
        float[] out = new float[32];
        double div = divisor.applyAsDouble(weights);
        for (int d = 0; d < 32; d++) {
            out[d] = (float) (sum[d] / div);
        }
        return out;
    }

    private static float[] mean(int s) {
        return weightedSum(s, t -> 1, n -> n);
    }

    private static float[] meanSqrtLen(int s) {
        return weightedSum(s, t -> 1, Math::sqrt);
    }

    /** sentence-transformers' weightedmean: position t (0-based) weighs t + 1. */
    private static float[] weightedMean(int s) {
        return weightedSum(s, t -> t + 1, n -> n);
    }

    private static float[] concat(float[]... parts) {
        float[] out = new float[parts.length * 32];
        for (int i = 0; i < parts.length; i++) {
            System.arraycopy(parts[i], 0, out, i * 32, 32);
        }
        return out;
    }

    private static void assertClose(float[] got, float[] expected, String what) {
        assertThat(got).as(what).hasSameSizeAs(expected);
        for (int d = 0; d < expected.length; d++) {
            assertThat((double) got[d]).as("%s element %d", what, d).isCloseTo(expected[d], within(TOLERANCE));
        }
    }

    @Test
    void meanPoolingByHandMatchesTheFixtureEmbeddings() {
        // Ties the hand pooling to the fixture: mean of the hidden states = sentence-transformers' output.
        assertClose(mean(0), TinyFolders.embedding(2), "sentence 2");
        assertClose(mean(1), TinyFolders.embedding(14), "sentence 14");
    }

    @Test
    void clsPoolingTakesTheFirstToken() throws Exception {
        float[][] got = encodeWith("pooling_mode_cls_token");
        assertClose(got[0], cls(0), "sentence 2");
        assertClose(got[1], cls(1), "sentence 14");
    }

    @Test
    void maxPoolingIgnoresPaddedTokens() throws Exception {
        // The test can fail: over all 24 positions sentence 2's maximum differs somewhere.
        boolean paddingWouldWin = false;
        for (int d = 0; d < 32; d++) {
            float all = Float.NEGATIVE_INFINITY;
            for (float[] token : hidden[0]) {
                all = Math.max(all, token[d]);
            }
            paddingWouldWin |= all > max(0)[d] + 1e-3;
        }
        assertThat(paddingWouldWin).as("a padded hidden state exceeds the real maximum").isTrue();

        float[][] got = encodeWith("pooling_mode_max_tokens");
        assertClose(got[0], max(0), "sentence 2");
        assertClose(got[1], max(1), "sentence 14");
    }

    @Test
    void meanSqrtLenPoolingDividesBySquareRootOfLength() throws Exception {
        float[][] got = encodeWith("pooling_mode_mean_sqrt_len_tokens");
        assertClose(got[0], meanSqrtLen(0), "sentence 2");
        assertClose(got[1], meanSqrtLen(1), "sentence 14");
    }

    @Test
    void weightedMeanPoolingWeighsPositions() throws Exception {
        float[][] got = encodeWith("pooling_mode_weightedmean_tokens");
        assertClose(got[0], weightedMean(0), "sentence 2");
        assertClose(got[1], weightedMean(1), "sentence 14");
    }

    @Test
    void severalModesAreConcatenatedInSentenceTransformersOrder() throws Exception {
        // Listed here in another order on purpose: the output order is cls, max, mean, mean_sqrt_len.
        float[][] got = encodeWith("pooling_mode_mean_sqrt_len_tokens", "pooling_mode_mean_tokens",
                "pooling_mode_max_tokens", "pooling_mode_cls_token");
        for (int s = 0; s < 2; s++) {
            assertClose(got[s], concat(cls(s), max(s), mean(s), meanSqrtLen(s)), "sentence " + (s == 0 ? 2 : 14));
        }
    }

    @Test
    void meanAndWeightedMeanConcatenateMeanFirst() throws Exception {
        float[][] got = encodeWith("pooling_mode_weightedmean_tokens", "pooling_mode_mean_tokens");
        for (int s = 0; s < 2; s++) {
            assertClose(got[s], concat(mean(s), weightedMean(s)), "sentence " + (s == 0 ? 2 : 14));
        }
    }
}
