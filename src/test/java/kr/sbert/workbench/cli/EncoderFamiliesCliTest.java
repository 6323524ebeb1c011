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
    void choicesGoToTheModelsTheyFitAndPerModelChoicesToTheirModel() throws Exception {
        Path plain = Fixtures.copyModel(Fixtures.tinyModel(), tmp.resolve("kosimcse-like"), "modules.json");
        String xlmr = fixture("tiny-xlmr-unigram");
        JsonObject e = expected("tiny-xlmr-unigram");
        String a = e.getAsJsonArray("sentences").get(0).getAsJsonObject().get("text").getAsString();
        String b = e.getAsJsonArray("sentences").get(1).getAsJsonObject().get("text").getAsString();
        Path pairs = Files.writeString(tmp.resolve("pair.tsv"), "sentence1\tsentence2\tscore\n" + a + "\t" + b + "\t3.0\n");
        Cli.Result r = Cli.run("eval", "-m", plain.toString(), "-m", xlmr, "-m", fixture("tiny-ko-sroberta"),
                "--pooling", "cls", "--prompt-for", xlmr + "=query: ", "--data", pairs.toString(), "--json");
        assertThat(r.code()).as(r.err()).isZero();
        // --pooling fits only the folder without modules.json; the others are told, not failed
        assertThat(r.err()).contains("tiny-xlmr-unigram sets its pooling in modules.json")
                .contains("tiny-ko-sroberta sets its pooling in modules.json");
        JsonArray models = com.google.gson.JsonParser.parseString(r.out()).getAsJsonObject().getAsJsonArray("models");
        assertThat(models.get(0).getAsJsonObject().getAsJsonObject("inputs").get("pooling").getAsString()).isEqualTo("cls");
        assertThat(models.get(1).getAsJsonObject().getAsJsonObject("inputs").get("prompt").getAsString()).isEqualTo("query: ");
        assertThat(models.get(2).getAsJsonObject().getAsJsonObject("inputs").get("prompt").getAsString()).isEmpty();
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
        Cli.Result r = Cli.run("explain", "-m", Fixtures.tinyModel().toString(), "-m", folder.toString(),
                "한 남자가 말을 탄다.", "남자가 말을 탄다.");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().strip()).startsWith("error:").contains("Dense 32→32 tanh").contains("no exact token split")
                .doesNotContain("\n");
        Cli.Result s = Cli.run("similarity", "-m", folder.toString(), "한 남자가 말을 탄다.", "남자가 말을 탄다.");
        assertThat(s.code()).as(s.err()).isZero();
    }
}
