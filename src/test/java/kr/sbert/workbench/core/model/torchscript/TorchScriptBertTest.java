package kr.sbert.workbench.core.model.torchscript;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import kr.sbert.workbench.core.model.BertConfig;
import kr.sbert.workbench.core.model.weights.WeightFiles;
import kr.sbert.workbench.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The TorchScript archive {@link TorchScriptBert} writes loads in libtorch and computes what
 * transformers 4.33 computed for the fixtures: the BERT fixture's last hidden state of a padded
 * batch, and for RoBERTa and XLM-R (whose oracles keep sentence embeddings only) the mean-pooled,
 * for XLM-R also normalised, embeddings of every sentence, run as one padded batch.
 */
class TorchScriptBertTest {
    private static final double TOLERANCE = 1e-5;

    @TempDir
    Path tmp;

    private static JsonObject expected(String fixture) {
        return Fixtures.readJson(Fixtures.shared().resolve("fixtures/" + fixture + ".expected.json")).getAsJsonObject();
    }

    private Path archiveOf(String fixture) throws Exception {
        Path folder = Fixtures.shared().resolve("fixtures/" + fixture);
        Path pt = tmp.resolve(fixture + ".pt");
        TorchScriptBert.write(pt, BertConfig.read(folder.resolve("config.json")),
                WeightFiles.read(WeightFiles.choose(folder)));
        return pt;
    }

    @Test
    void bertLastHiddenStateOfAPaddedBatchMatchesTransformers() throws Exception {
        JsonObject batch = expected("tiny-kr-sbert").getAsJsonObject("last_hidden_state_batch");
        JsonArray shape = batch.getAsJsonArray("shape");
        int b = shape.get(0).getAsInt();
        int len = shape.get(1).getAsInt();
        int hidden = shape.get(2).getAsInt();
        long[] ids = flatLongs(batch.getAsJsonArray("input_ids"));
        long[] mask = flatLongs(batch.getAsJsonArray("attention_mask"));
        float[] want = flatFloats(batch.getAsJsonArray("last_hidden_state"));
        assertThat(want).hasSize(b * len * hidden);

        try (TorchScriptBert model = TorchScriptBert.load(archiveOf("tiny-kr-sbert"))) {
            float[] got = model.forward(ids, mask, b, len);
            assertThat(got).hasSize(want.length);
            for (int i = 0; i < want.length; i++) {
                assertThat((double) got[i]).as("element %d", i).isCloseTo(want[i], within(TOLERANCE));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tiny-ko-sroberta", "tiny-xlmr-unigram"})
    void robertaFamilyPooledEmbeddingsMatchSentenceTransformers(String fixture) throws Exception {
        JsonObject expected = expected(fixture);
        boolean normalize = false;
        for (JsonElement m : expected.getAsJsonArray("modules")) {
            normalize |= m.getAsString().equals("Normalize");
        }
        List<JsonObject> sentences = new ArrayList<>();
        expected.getAsJsonArray("sentences").forEach(e -> sentences.add(e.getAsJsonObject()));
        int b = sentences.size();
        int len = sentences.stream().mapToInt(s -> s.getAsJsonArray("input_ids").size()).max().orElseThrow();
        int pad = BertConfig.read(Fixtures.shared().resolve("fixtures/" + fixture + "/config.json")).padTokenId();
        long[] ids = new long[b * len];
        long[] mask = new long[b * len];
        java.util.Arrays.fill(ids, pad);
        for (int r = 0; r < b; r++) {
            long[] row = Fixtures.longs(sentences.get(r).getAsJsonArray("input_ids"));
            for (int c = 0; c < row.length; c++) {
                ids[r * len + c] = row[c];
                mask[r * len + c] = 1;
            }
        }

        try (TorchScriptBert model = TorchScriptBert.load(archiveOf(fixture))) {
            float[] states = model.forward(ids, mask, b, len);
            int hidden = states.length / (b * len);
            for (int r = 0; r < b; r++) {
                float[] want = Fixtures.floats(sentences.get(r).getAsJsonArray("embedding"));
                assertThat(want).hasSize(hidden);
                double[] pooled = new double[hidden];
                int n = 0;
                for (int c = 0; c < len; c++) {
                    if (mask[r * len + c] == 1) {
                        n++;
                        for (int d = 0; d < hidden; d++) {
                            pooled[d] += states[(r * len + c) * hidden + d];
                        }
                    }
                }
                double norm = 0;
                for (int d = 0; d < hidden; d++) {
                    pooled[d] /= n;
                    norm += pooled[d] * pooled[d];
                }
                norm = normalize ? Math.max(Math.sqrt(norm), 1e-12) : 1;
                for (int d = 0; d < hidden; d++) {
                    assertThat(pooled[d] / norm).as("sentence %d dim %d", r, d).isCloseTo(want[d], within(TOLERANCE));
                }
            }
        }
    }

    private static long[] flatLongs(JsonArray rows) {
        List<Long> out = new ArrayList<>();
        rows.forEach(row -> row.getAsJsonArray().forEach(v -> out.add(v.getAsLong())));
        return out.stream().mapToLong(Long::longValue).toArray();
    }

    private static float[] flatFloats(JsonElement nested) {
        List<Float> out = new ArrayList<>();
        collect(nested, out);
        float[] f = new float[out.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = out.get(i);
        }
        return f;
    }

    private static void collect(JsonElement e, List<Float> out) {
        if (e.isJsonArray()) {
            e.getAsJsonArray().forEach(x -> collect(x, out));
        } else {
            out.add(e.getAsFloat());
        }
    }
}
