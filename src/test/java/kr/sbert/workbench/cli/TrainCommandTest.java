package kr.sbert.workbench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import kr.sbert.workbench.core.model.weights.RawTensor;
import kr.sbert.workbench.core.model.weights.WeightFiles;
import kr.sbert.workbench.core.train.TrainSettingsFile;
import kr.sbert.workbench.testing.Fixtures;
import kr.sbert.workbench.testing.TrainFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train} on the tiny model with the cosine fixture's settings and KorSTS lines: the saved
 * model embeds the probe sentences as sentence-transformers' trained model does, the folder has
 * a sentence-transformers folder's files, the log and settings files say what happened.
 */
class TrainCommandTest {
    @TempDir
    Path tmp;

    @Test
    void trainedFolderEmbedsTheProbesAsSentenceTransformersAndLogsEveryStep() throws Exception {
        JsonObject expected = TrainFixtures.expected("cosine");
        Path base = TrainFixtures.tinyWithDropout(tmp.resolve("base"), 0.0, 0.0);
        Path train = TrainFixtures.korStsHead("sts-train.tsv", 65, tmp.resolve("train.tsv"));
        Path dev = TrainFixtures.korStsHead("sts-dev.tsv", 41, tmp.resolve("dev.tsv"));
        Path out = tmp.resolve("run");

        Cli.Result r = Cli.run("train", "--model", base.toString(), "--train", train.toString(), "--dev",
                dev.toString(), "--out", out.toString(), "--loss", "cosine", "--epochs", "2", "--batch-size", "8",
                "--lr", "0.0005", "--warmup-steps", "3", "--weight-decay", "0.01", "--max-grad-norm", "0.3",
                "--eval-steps", "0", "--no-shuffle");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("final model: " + out.resolve("final"))
                .contains("best model: " + out.resolve("best") + " (step 16");

        Path trained = out.resolve("final");
        assertThat(files(trained)).containsExactlyInAnyOrder("1_Pooling/config.json", "config.json",
                "config_sentence_transformers.json", "model.safetensors", "modules.json",
                "sentence_bert_config.json", "special_tokens_map.json", "tokenizer_config.json", "vocab.txt");
        assertThat(files(out)).allMatch(f -> !f.startsWith("."), "no temporary folder is left");
        Map<String, RawTensor> before = WeightFiles.read(base.resolve("model.safetensors"));
        Map<String, RawTensor> after = WeightFiles.read(trained.resolve("model.safetensors"));
        assertThat(new TreeSet<>(after.keySet())).isEqualTo(new TreeSet<>(before.keySet()));
        assertThat(after.get("pooler.dense.weight").data()).as("the pooler gets no gradient")
                .isEqualTo(before.get("pooler.dense.weight").data());

        List<String> probes = Fixtures.strings(expected.getAsJsonArray("probe_texts"));
        List<String> args = new ArrayList<>(List.of("embed", "--model", trained.toString(), "--json"));
        args.addAll(probes);
        Cli.Result embedded = Cli.run(args.toArray(String[]::new));
        assertThat(embedded.code()).as(embedded.err()).isZero();
        JsonArray probeEmbeddings = expected.getAsJsonArray("probe_embeddings_after_epoch").get(1).getAsJsonObject()
                .getAsJsonArray("embeddings");
        List<JsonObject> lines = embedded.jsonLines();
        for (int i = 0; i < probes.size(); i++) {
            float[] got = Fixtures.floats(lines.get(i).getAsJsonArray("embedding"));
            float[] want = Fixtures.floats(probeEmbeddings.get(i).getAsJsonArray());
            for (int k = 0; k < want.length; k++) {
                assertThat((double) got[k]).as("probe %d[%d]", i, k).isCloseTo(want[k], within(1e-4));
            }
        }

        List<JsonObject> log = Files.readAllLines(out.resolve("train-log.jsonl"), StandardCharsets.UTF_8).stream()
                .map(l -> JsonParser.parseString(l).getAsJsonObject()).toList();
        List<JsonObject> steps = log.stream().filter(o -> o.get("type").getAsString().equals("step")).toList();
        List<JsonObject> evals = log.stream().filter(o -> o.get("type").getAsString().equals("eval")).toList();
        assertThat(steps).hasSize(16);
        assertThat(steps.get(0).keySet()).containsExactly("type", "step", "epoch", "lr", "loss", "grad_norm", "time_s");
        assertThat(evals.get(0).keySet()).containsExactly("type", "step", "epoch", "pearson_cosine", "spearman_cosine");
        assertThat(evals).extracting(o -> o.get("step").getAsInt()).containsExactly(0, 8, 16);
        JsonArray expectedSteps = expected.getAsJsonArray("steps");
        for (int i = 0; i < 16; i++) {
            double lr = expectedSteps.get(i).getAsJsonObject().get("lr").getAsDouble();
            assertThat(steps.get(i).get("lr").getAsDouble()).isCloseTo(lr, within(lr * 1e-6));
        }

        JsonObject settings = JsonParser.parseString(Files.readString(out.resolve("train-settings.json")))
                .getAsJsonObject();
        assertThat(settings.getAsJsonObject("settings").get("warmup_steps").getAsInt()).isEqualTo(3);
        assertThat(settings.getAsJsonObject("base_model").get("model").getAsString()).isEqualTo(base.toString());
        JsonObject trainEntry = settings.getAsJsonArray("data").get(0).getAsJsonObject();
        assertThat(trainEntry.get("sha256").getAsString()).isEqualTo(TrainSettingsFile.sha256(train))
                .hasSize(64);
        assertThat(settings.getAsJsonObject("versions").get("libtorch").getAsString()).isNotBlank();

        Cli.Result again = Cli.run("train", "--model", base.toString(), "--train", train.toString(), "--dev",
                dev.toString(), "--out", out.toString());
        assertThat(again.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(again.err()).contains("already holds a training run");
    }

    @Test
    void aRunThatNeverBeatsTheOriginalSaysSoAndWritesNoBest() throws Exception {
        // The CoSENT fixture's dev Spearman falls from 0.518 (untrained) to 0.491 after epoch 1.
        Path base = TrainFixtures.tinyWithDropout(tmp.resolve("base"), 0.0, 0.0);
        List<String> trainLines = Files.readAllLines(Fixtures.shared().resolve("data/korsts/sts-train.tsv"));
        List<String> devLines = Files.readAllLines(Fixtures.shared().resolve("data/korsts/sts-dev.tsv"));
        Path train = Files.write(tmp.resolve("train.tsv"), concat(trainLines.get(0), trainLines.subList(65, 113)));
        Path dev = Files.write(tmp.resolve("dev.tsv"), concat(devLines.get(0), devLines.subList(41, 81)));
        Path out = tmp.resolve("run");

        Cli.Result r = Cli.run("train", "-m", base.toString(), "--train", train.toString(), "--dev", dev.toString(),
                "--out", out.toString(), "--loss", "cosent", "--epochs", "1", "--batch-size", "8", "--lr", "0.0004",
                "--warmup-steps", "2", "--no-shuffle");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("fine-tuning did not improve on the original").contains("0.5183");
        assertThat(out.resolve("final/model.safetensors")).exists();
        assertThat(out.resolve("best")).doesNotExist();
    }

    @Test
    void theUsersFilesInTheOutputFolderAreNeverDeleted() throws Exception {
        Path base = TrainFixtures.tinyWithDropout(tmp.resolve("base"), 0.0, 0.0);
        Path train = TrainFixtures.korStsHead("sts-train.tsv", 17, tmp.resolve("train.tsv"));
        Path dev = TrainFixtures.korStsHead("sts-dev.tsv", 11, tmp.resolve("dev.tsv"));
        Path out = tmp.resolve("run");
        // Names that match the temporary folders' pattern (.*-writing-*) but are the user's.
        Path thesis = Files.createDirectories(out.resolve(".thesis-writing-2024"));
        Files.writeString(thesis.resolve("chapter1.md"), "draft");
        Path notes = Files.writeString(out.resolve(".essay-writing-notes.txt"), "notes");

        Cli.Result r = Cli.run("train", "-m", base.toString(), "--train", train.toString(), "--dev", dev.toString(),
                "--out", out.toString(), "--epochs", "1", "--batch-size", "8", "--lr", "0.0005", "--no-shuffle");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(thesis.resolve("chapter1.md")).hasContent("draft");
        assertThat(notes).hasContent("notes");
        assertThat(out.resolve("final")).isDirectory();
    }

    @Test
    void aLearningRateThatMakesTheWeightsNaNStopsWithOneLineNamingTheStep() throws Exception {
        Path base = TrainFixtures.tinyWithDropout(tmp.resolve("base"), 0.0, 0.0);
        Path train = TrainFixtures.korStsHead("sts-train.tsv", 17, tmp.resolve("train.tsv"));
        Path dev = TrainFixtures.korStsHead("sts-dev.tsv", 11, tmp.resolve("dev.tsv"));
        for (String[] wild : new String[][] {{"--lr", "1e9"}, {"--lr", "1e30"}, {"--weight-decay", "1e308"}}) {
            Path out = tmp.resolve("run" + wild[1]);
            // 16 pairs in one batch: one step, whose update makes the weights non-finite; the
            // epoch-end evaluation finds it.
            Cli.Result r = Cli.run("train", "-m", base.toString(), "--train", train.toString(), "--dev",
                    dev.toString(), "--out", out.toString(), "--epochs", "1", "--batch-size", "64", "--warmup-steps",
                    "0", wild[0], wild[1], "--no-shuffle");
            assertThat(r.code()).as(String.join(" ", wild) + ": " + r.err()).isEqualTo(ExitCodes.BAD_INPUT);
            List<String> errors = r.err().lines().filter(l -> l.startsWith("error:")).toList();
            assertThat(errors).as(r.err()).hasSize(1);
            assertThat(errors.get(0)).startsWith("error: step 1: ").contains("learning rate too high?")
                    .doesNotContain("NaN is not allowed");
            assertThat(errors.get(0)).containsAnyOf("NaN", "Infinity");
            assertThat(out.resolve("final")).doesNotExist();
            assertThat(Files.readString(out.resolve("run.json"))).contains("\"state\": \"diverged\"");
        }
    }

    @Test
    void aBatchLargerThanTheDataIsOneStepPerEpochEvenAtIntegerMax() throws Exception {
        Path base = TrainFixtures.tinyWithDropout(tmp.resolve("base"), 0.0, 0.0);
        Path train = TrainFixtures.korStsHead("sts-train.tsv", 17, tmp.resolve("train.tsv"));
        Path dev = TrainFixtures.korStsHead("sts-dev.tsv", 11, tmp.resolve("dev.tsv"));
        Path out = tmp.resolve("run");

        Cli.Result r = Cli.run("train", "-m", base.toString(), "--train", train.toString(), "--dev", dev.toString(),
                "--out", out.toString(), "--epochs", "2", "--batch-size", "2147483647", "--lr", "0.0005",
                "--warmup-steps", "0", "--no-shuffle");

        assertThat(r.code()).as(r.err()).isZero();
        List<JsonObject> steps = Files.readAllLines(out.resolve("train-log.jsonl"), StandardCharsets.UTF_8).stream()
                .map(l -> JsonParser.parseString(l).getAsJsonObject())
                .filter(o -> o.get("type").getAsString().equals("step")).toList();
        assertThat(steps).extracting(o -> o.get("step").getAsInt()).containsExactly(1, 2);
        Map<String, RawTensor> before = WeightFiles.read(base.resolve("model.safetensors"));
        Map<String, RawTensor> after = WeightFiles.read(out.resolve("final/model.safetensors"));
        assertThat(after.get("encoder.layer.0.attention.self.query.weight").data()).as("the model was trained")
                .isNotEqualTo(before.get("encoder.layer.0.attention.self.query.weight").data());
    }

    @Test
    void helpStatesTheDefaults() {
        Cli.Result r = Cli.run("train", "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out().replaceAll("\\s+", " ")).contains("--epochs=N", "(default: 4)", "(default: 16)", "(default: 2.0E-5)",
                "(default: 0.1)", "(default: 1000)", "training_stsbenchmark.py");
    }

    private static List<String> concat(String header, List<String> rows) {
        List<String> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        return all;
    }

    private static List<String> files(Path dir) throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).toList();
        }
    }
}
