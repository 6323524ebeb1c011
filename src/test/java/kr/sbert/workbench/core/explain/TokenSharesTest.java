package kr.sbert.workbench.core.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import kr.sbert.workbench.core.data.SentencePair;
import kr.sbert.workbench.core.model.PoolingMode;
import kr.sbert.workbench.core.model.SentenceTransformerModel;
import kr.sbert.workbench.core.model.TokenEmbeddings;
import kr.sbert.workbench.core.task.CancelToken;
import kr.sbert.workbench.testing.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * Token shares against the formulas: on the token vectors sentence-transformers
 * computed ({@code last_hidden_state_batch} of the tiny fixture), on many pairs through the
 * model, and on hand-worked examples for cls, max and concatenated pooling.
 */
class TokenSharesTest {
    private static final Set<Integer> NFC_SENSITIVE = Set.of(26, 27, 28);

    /** The fixture's last hidden state, each row cut to the positions its attention mask keeps. */
    private static List<float[][]> fixtureTokenVectors() {
        JsonObject batch = Fixtures.tinyExpected().getAsJsonObject("last_hidden_state_batch");
        JsonArray hidden = batch.getAsJsonArray("last_hidden_state");
        JsonArray masks = batch.getAsJsonArray("attention_mask");
        List<float[][]> out = new ArrayList<>();
        for (int r = 0; r < hidden.size(); r++) {
            List<float[]> kept = new ArrayList<>();
            JsonArray mask = masks.get(r).getAsJsonArray();
            for (int t = 0; t < mask.size(); t++) {
                if (mask.get(t).getAsInt() == 1) {
                    kept.add(Fixtures.floats(hidden.get(r).getAsJsonArray().get(t).getAsJsonArray()));
                }
            }
            out.add(kept.toArray(new float[0][]));
        }
        return out;
    }

    @Test
    void meanSharesOnSentenceTransformersTokenVectorsFollowTheFormula() {
        List<float[][]> vectors = fixtureTokenVectors();
        float[][] h = vectors.get(0);
        float[][] g = vectors.get(1);
        double[] u = mean(h);
        double[] v = mean(g);
        double nu = Math.sqrt(dot(u, u));
        double nv = Math.sqrt(dot(v, v));
        TokenShares shares = TokenShares.of(h, g, List.of(PoolingMode.MEAN));
        assertThat(shares.a()).hasSize(h.length);
        assertThat(shares.b()).hasSize(g.length);
        for (int i = 0; i < h.length; i++) {
            double expected = dot(toDouble(h[i]), v) / (h.length * nu * nv);
            assertThat(shares.a()[i]).as("share_a[%d]", i).isCloseTo(expected, within(1e-5));
        }
        for (int j = 0; j < g.length; j++) {
            double expected = dot(toDouble(g[j]), u) / (g.length * nu * nv);
            assertThat(shares.b()[j]).as("share_b[%d]", j).isCloseTo(expected, within(1e-5));
        }
        assertThat(sum(shares.a())).isCloseTo(dot(u, v) / (nu * nv), within(1e-6));
        assertThat(sum(shares.b())).isCloseTo(dot(u, v) / (nu * nv), within(1e-6));
    }

    @Test
    void modelTokenVectorsAreSentenceTransformersLastHiddenState() throws Exception {
        JsonObject batch = Fixtures.tinyExpected().getAsJsonObject("last_hidden_state_batch");
        List<String> texts = Fixtures.strings(batch.getAsJsonArray("texts"));
        List<float[][]> expected = fixtureTokenVectors();
        try (SentenceTransformerModel model = SentenceTransformerModel.load(Fixtures.tinyModel())) {
            List<TokenEmbeddings> got = model.encodeWithTokens(texts, CancelToken.NONE);
            float[][] pooled = model.encode(texts);
            for (int r = 0; r < texts.size(); r++) {
                assertThat(got.get(r).tokens()).hasDimensions(expected.get(r).length, expected.get(r)[0].length);
                for (int t = 0; t < expected.get(r).length; t++) {
                    for (int d = 0; d < expected.get(r)[t].length; d++) {
                        assertThat(got.get(r).tokens()[t][d]).isCloseTo(expected.get(r)[t][d], within(1e-5f));
                    }
                }
                assertThat(got.get(r).pooled()).containsExactly(pooled[r], within(1e-6f));
            }
        }
    }

    @Test
    void onManyPairsEachSideSumsToTheCosine() throws Exception {
        List<JsonObject> sentences = Fixtures.tinySentences();
        List<String> texts = new ArrayList<>();
        for (JsonObject s : sentences) {
            if (!NFC_SENSITIVE.contains(s.get("id").getAsInt())) {
                texts.add(s.get("text").getAsString());
            }
        }
        List<SentencePair> pairs = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            for (int j = i + 1; j < texts.size(); j++) {
                pairs.add(new SentencePair(texts.get(i), texts.get(j), null, 0));
            }
        }
        try (SentenceTransformerModel model = SentenceTransformerModel.load(Fixtures.tinyModel())) {
            List<PairExplanation> explained = PairExplainer.explain(model, pairs, CancelToken.NONE);
            assertThat(explained).hasSize(pairs.size()).hasSizeGreaterThan(400);
            for (PairExplanation e : explained) {
                assertThat(sum(e.shares().a())).isCloseTo(e.cosine(), within(1e-6));
                assertThat(sum(e.shares().b())).isCloseTo(e.cosine(), within(1e-6));
            }
        }
        // And the cosine is sentence-transformers' for the fixture's own pairs.
        try (SentenceTransformerModel model = SentenceTransformerModel.load(Fixtures.tinyModel())) {
            for (var p : Fixtures.tinyExpected().getAsJsonArray("pairs")) {
                JsonObject o = p.getAsJsonObject();
                int a = o.get("a").getAsInt();
                int b = o.get("b").getAsInt();
                if (NFC_SENSITIVE.contains(a) || NFC_SENSITIVE.contains(b)) {
                    continue;
                }
                PairExplanation e = PairExplainer.explain(model, List.of(new SentencePair(
                        sentences.get(a).get("text").getAsString(), sentences.get(b).get("text").getAsString(), null, 0)),
                        CancelToken.NONE).get(0);
                assertThat(sum(e.shares().a())).isCloseTo(o.get("cosine_float64").getAsDouble(), within(1e-5));
            }
        }
    }

    /** cls: u = [1,0], v = [1,1]; cos = 1/√2, all on each [CLS]. */
    @Test
    void clsPutsEverythingOnTheFirstToken() {
        TokenShares s = TokenShares.of(new float[][] {{1, 0}, {0, 1}}, new float[][] {{1, 1}, {5, 5}},
                List.of(PoolingMode.CLS));
        double r = 1 / Math.sqrt(2);
        assertThat(s.cosine()).isCloseTo(r, within(1e-12));
        assertThat(s.a()).containsExactly(new double[] {r, 0}, within(1e-12));
        assertThat(s.b()).containsExactly(new double[] {r, 0}, within(1e-12));
    }

    /**
     * max: a = [[1,0],[0,2]] → u = [1,2] (dimension 0 won by token 0, 1 by token 1);
     * b = [[3,1],[1,1]] → v = [3,1] (both won by token 0, the tie going to the first).
     * ‖u‖‖v‖ = √50, u·v = 5: share_a = [3, 2]/√50, share_b = [5, 0]/√50.
     */
    @Test
    void maxGivesEachDimensionToTheTokenThatWonIt() {
        TokenShares s = TokenShares.of(new float[][] {{1, 0}, {0, 2}}, new float[][] {{3, 1}, {1, 1}},
                List.of(PoolingMode.MAX));
        double n = Math.sqrt(50);
        assertThat(s.cosine()).isCloseTo(5 / n, within(1e-12));
        assertThat(s.a()).containsExactly(new double[] {3 / n, 2 / n}, within(1e-12));
        assertThat(s.b()).containsExactly(new double[] {5 / n, 0}, within(1e-12));
    }

    /**
     * cls+mean: a = [[1,0],[0,1]] → u = [1,0 | ½,½], ‖u‖² = 1.5; b = [[0,2],[2,0]] → v = [0,2 | 1,1],
     * ‖v‖² = 6; u·v = 1, cos = 1/3. a's token 0 gives [1,0 | ½,0]·v = ½, token 1 [0,0 | 0,½]·v = ½;
     * b's token 0 gives [0,2 | 0,1]·u = ½, token 1 [0,0 | 1,0]·u = ½; each over 3.
     */
    @Test
    void concatenatedModesAddUpOverBlocks() {
        TokenShares s = TokenShares.of(new float[][] {{1, 0}, {0, 1}}, new float[][] {{0, 2}, {2, 0}},
                List.of(PoolingMode.CLS, PoolingMode.MEAN));
        assertThat(s.cosine()).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(s.a()).containsExactly(new double[] {1.0 / 6, 1.0 / 6}, within(1e-12));
        assertThat(s.b()).containsExactly(new double[] {1.0 / 6, 1.0 / 6}, within(1e-12));
        // cls+max: u = [1,0 | 1,1], v = [0,2 | 2,2]; u·v = 4, ‖u‖ = √3, ‖v‖ = √12 → cos = 4/6.
        // a: token 0 [1,0 | 1,0]·v = 2, token 1 [0,0 | 0,1]·v = 2; b: token 0 [0,2 | 0,2]·u = 2, token 1 [0,0 | 2,0]·u = 2.
        TokenShares m = TokenShares.of(new float[][] {{1, 0}, {0, 1}}, new float[][] {{0, 2}, {2, 0}},
                List.of(PoolingMode.CLS, PoolingMode.MAX));
        assertThat(m.cosine()).isCloseTo(4.0 / 6, within(1e-12));
        assertThat(m.a()).containsExactly(new double[] {2.0 / 6, 2.0 / 6}, within(1e-12));
        assertThat(m.b()).containsExactly(new double[] {2.0 / 6, 2.0 / 6}, within(1e-12));
    }

    @Test
    void meanSqrtLenSharesEqualMeanShares() {
        float[][] a = {{1, 2, 0}, {0, 1, 3}, {2, 2, 2}};
        float[][] b = {{0, 1, 1}, {4, 0, 1}};
        TokenShares mean = TokenShares.of(a, b, List.of(PoolingMode.MEAN));
        TokenShares sqrt = TokenShares.of(a, b, List.of(PoolingMode.MEAN_SQRT_LEN));
        assertThat(sqrt.a()).containsExactly(mean.a(), within(1e-12));
        assertThat(sqrt.b()).containsExactly(mean.b(), within(1e-12));
    }

    @Test
    void alignmentIsTheTokenCosineMatrixWithBestMatches() {
        // a0 = [1,0] is parallel to b1 = [2,0]; a1 = [1,1] is closer to b0 = [1,2] (cos 3/√10) than to b1 (1/√2).
        TokenAlignment t = TokenAlignment.of(new float[][] {{1, 0}, {1, 1}}, new float[][] {{1, 2}, {2, 0}});
        assertThat(t.similarity()[0]).containsExactly(new double[] {1 / Math.sqrt(5), 1}, within(1e-12));
        assertThat(t.similarity()[1]).containsExactly(new double[] {3 / Math.sqrt(10), 1 / Math.sqrt(2)}, within(1e-12));
        assertThat(t.bestForA()).containsExactly(1, 0);
        assertThat(t.bestForB()).containsExactly(1, 0);
    }

    private static double[] mean(float[][] h) {
        double[] u = new double[h[0].length];
        for (float[] row : h) {
            for (int d = 0; d < u.length; d++) {
                u[d] += row[d] / (double) h.length;
            }
        }
        return u;
    }

    private static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    private static double dot(double[] x, double[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += x[i] * y[i];
        }
        return s;
    }

    private static double sum(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s;
    }
}
