package kr.sbert.workbench.core.model.torchscript;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import kr.sbert.workbench.core.model.BertConfig;
import kr.sbert.workbench.core.model.EncoderFamily;
import kr.sbert.workbench.core.model.RandomBertModel;
import kr.sbert.workbench.core.model.SentenceTransformerModel;
import kr.sbert.workbench.core.model.weights.RawTensor;
import kr.sbert.workbench.core.model.weights.SafetensorsWriter;
import kr.sbert.workbench.core.model.weights.TensorConversions;
import kr.sbert.workbench.core.model.weights.TensorDType;
import kr.sbert.workbench.core.model.weights.WeightFiles;
import kr.sbert.workbench.core.task.CancelToken;
import kr.sbert.workbench.core.task.ProgressListener;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * No fixture has a {@code gelu_new} or {@code relu} model, so for those activations the traced
 * graph is checked against the workbench's own encoder (an independent implementation) on a
 * random model: mean-pooled embeddings of a padded batch must agree. The weights are scaled to
 * HF's {@code initializer_range} 0.2 so the activations' inputs are large enough for exact GELU,
 * its tanh form and ReLU to give visibly different results.
 */
class TorchScriptActivationsTest {
    private static final double TOLERANCE = 1e-5;

    @TempDir
    Path tmp;

    @ParameterizedTest
    @CsvSource({"gelu_new, BERT", "relu, BERT", "gelu_new, ROBERTA"})
    void tracedGraphAgreesWithTheWorkbenchEncoder(String activation, EncoderFamily family) throws Exception {
        Path dir = tmp.resolve("model");
        BertConfig shape = BertConfig.of(family, 600, 16, 2, 2, 32, 24);
        RandomBertModel.writeFolder(dir, shape, 24, null, 5);
        Path configFile = dir.resolve("config.json");
        JsonObject json = JsonParser.parseString(Files.readString(configFile, StandardCharsets.UTF_8)).getAsJsonObject();
        json.addProperty("hidden_act", activation);
        Files.writeString(configFile, json.toString(), StandardCharsets.UTF_8);
        Path weightsFile = dir.resolve("model.safetensors");
        Map<String, RawTensor> scaled = scaled(WeightFiles.read(weightsFile), 10f);
        Files.delete(weightsFile);
        SafetensorsWriter.write(weightsFile, scaled, Map.of("format", "pt"));
        BertConfig config = BertConfig.read(configFile);
        assertThat(config.activation().name()).isEqualTo(activation.equals("relu") ? "RELU" : "GELU_TANH");

        int pad = config.padTokenId();
        List<long[]> rows = List.of(new long[] {10, 200, 300, 400, 500, 11}, new long[] {10, 42, 11},
                new long[] {10, 7, 8, 9, 11});
        int len = 6;
        long[] ids = new long[rows.size() * len];
        long[] mask = new long[ids.length];
        java.util.Arrays.fill(ids, pad);
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < rows.get(r).length; c++) {
                ids[r * len + c] = rows.get(r)[c];
                mask[r * len + c] = 1;
            }
        }
        Path pt = tmp.resolve("model.pt");
        TorchScriptBert.write(pt, config, WeightFiles.read(weightsFile));
        float[][] ours;
        try (SentenceTransformerModel model = SentenceTransformerModel.load(dir)) {
            ours = model.encodeTokenized(rows, ProgressListener.NONE, CancelToken.NONE);
        }
        try (TorchScriptBert traced = TorchScriptBert.load(pt)) {
            float[] states = traced.forward(ids, mask, rows.size(), len);
            int hidden = config.hiddenSize();
            for (int r = 0; r < rows.size(); r++) {
                int n = rows.get(r).length;
                for (int d = 0; d < hidden; d++) {
                    double sum = 0;
                    for (int t = 0; t < n; t++) {
                        sum += states[(r * len + t) * hidden + d];
                    }
                    assertThat(sum / n).as("row %d dim %d", r, d).isCloseTo(ours[r][d], within(TOLERANCE));
                }
            }
        }
    }

    /** Every tensor but the LayerNorms ×{@code factor}. */
    private static Map<String, RawTensor> scaled(Map<String, RawTensor> tensors, float factor) throws Exception {
        Map<String, RawTensor> out = new LinkedHashMap<>();
        for (RawTensor t : tensors.values()) {
            float[] v = TensorConversions.toFloats(t);
            if (!t.name().contains("LayerNorm")) {
                for (int i = 0; i < v.length; i++) {
                    v[i] *= factor;
                }
            }
            ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            b.asFloatBuffer().put(v);
            out.put(t.name(), new RawTensor(t.name(), TensorDType.F32, t.shape(), b));
        }
        return out;
    }
}
