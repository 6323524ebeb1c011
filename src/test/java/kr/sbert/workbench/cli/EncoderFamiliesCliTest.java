package kr.sbert.workbench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import kr.sbert.workbench.core.eval.SimilarityFunction;
import kr.sbert.workbench.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands on the RoBERTa and XLM-R fixtures, with prompts and pooling choices. */
class EncoderFamiliesCliTest {
    @TempDir
    Path tmp;

    private static String fixture(String name) {
        return Fixtures.shared().resolve("fixtures/" + name).toString();
    }

    private static JsonObject expected(String name) {
        return Fixtures.readJson(Fixtures.shared().resolve("fixtures/" + name + ".expected.json")).getAsJsonObject();
    }

    @Test
    void similarityWithAPromptIsTheCosineOfTheFixturesPromptedEmbeddings() {
        JsonObject e = expected("tiny-xlmr-unigram");
        JsonArray prompted = e.getAsJsonObject("prompt").getAsJsonArray("embeddings");
        String a = e.getAsJsonArray("sentences").get(0).getAsJsonObject().get("text").getAsString();
        String b = e.getAsJsonArray("sentences").get(1).getAsJsonObject().get("text").getAsString();
        double want = SimilarityFunction.COSINE.apply(Fixtures.floats(prompted.get(0).getAsJsonArray()),
                Fixtures.floats(prompted.get(1).getAsJsonArray()));
        Cli.Result r = Cli.run("similarity", "-m", fixture("tiny-xlmr-unigram"), "--prompt", "query: ", a, b);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Double.parseDouble(r.out().strip())).isCloseTo(want, within(1e-6));
        double plain = e.getAsJsonArray("pairs").get(0).getAsJsonObject().get("cosine").getAsDouble();
        Cli.Result p = Cli.run("similarity", "-m", fixture("tiny-xlmr-unigram"), a, b);
        assertThat(Double.parseDouble(p.out().strip())).isCloseTo(plain, within(1e-6));
    }

    @Test
    void evalJsonRecordsEachModelsPoolingAndPrompt() throws Exception {
        Cli.Result r = Cli.run("eval", "-m", fixture("tiny-xlmr-unigram"), "-m", fixture("tiny-ko-sroberta"),
                "--prompt", "query: ", "--data", "sample-data/korean-sts-sample.tsv", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonObject doc = com.google.gson.JsonParser.parseString(r.out()).getAsJsonObject();
        JsonObject first = doc.getAsJsonArray("models").get(0).getAsJsonObject();
        assertThat(first.getAsJsonObject("inputs").get("prompt").getAsString()).isEqualTo("query: ");
        assertThat(first.getAsJsonObject("inputs").get("pooling").getAsString()).isEqualTo("mean");
    }

    @Test
    void poolingChoiceIsRefusedForAFolderWhoseModulesSetItAndNamedWhenUnknown() {
        Cli.Result r = Cli.run("similarity", "-m", fixture("tiny-ko-sroberta"), "--pooling", "cls", "a", "b");
        assertThat(r.code()).isEqualTo(4);
        assertThat(r.err().strip()).startsWith("error:").contains("modules.json sets the pooling").doesNotContain("\n");
        Cli.Result bad = Cli.run("similarity", "-m", fixture("tiny-ko-sroberta"), "--pooling", "sum", "a", "b");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("--pooling must be cls, mean or max");
    }

    @Test
    void explainOfAModelWithADenseHeadSaysThereIsNoExactTokenSplit() throws Exception {
        Path folder = Fixtures.copyModel(Fixtures.tinyModel(), tmp.resolve("dense"), "pytorch_model.bin");
        Path dense = Files.createDirectories(folder.resolve("2_Dense"));
        Files.writeString(dense.resolve("config.json"), "{\"in_features\": 32, \"out_features\": 32, \"bias\": false,"
                + " \"activation_function\": \"torch.nn.modules.activation.Tanh\"}");
        java.util.Map<String, kr.sbert.workbench.core.model.weights.RawTensor> t = new java.util.LinkedHashMap<>();
        java.nio.ByteBuffer w = java.nio.ByteBuffer.allocate(32 * 32 * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 32; i++) {
            w.putFloat((i * 32 + i) * 4, 1f); // identity matrix
        }
        t.put("linear.weight", new kr.sbert.workbench.core.model.weights.RawTensor("linear.weight",
                kr.sbert.workbench.core.model.weights.TensorDType.F32, new long[] {32, 32}, w));
        kr.sbert.workbench.core.model.weights.SafetensorsWriter.write(dense.resolve("model.safetensors"), t, java.util.Map.of());
        Path modules = folder.resolve("modules.json");
        Files.writeString(modules, Files.readString(modules).replaceFirst("\\]\\s*$",
                ", {\"idx\": 2, \"name\": \"2\", \"path\": \"2_Dense\", \"type\": \"sentence_transformers.models.Dense\"}]"));
        Cli.Result r = Cli.run("explain", "-m", folder.toString(), "한 남자가 말을 탄다.", "남자가 말을 탄다.");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().strip()).startsWith("error:").contains("Dense 32→32 tanh").contains("no exact token split")
                .doesNotContain("\n");
        Cli.Result s = Cli.run("similarity", "-m", folder.toString(), "한 남자가 말을 탄다.", "남자가 말을 탄다.");
        assertThat(s.code()).as(s.err()).isZero();
    }
}
