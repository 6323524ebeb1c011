package kr.sbert.workbench.testing;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import kr.sbert.workbench.core.data.SentencePair;
import kr.sbert.workbench.core.train.LossKind;
import kr.sbert.workbench.core.train.TrainPair;
import kr.sbert.workbench.core.train.TrainSettings;

/** The training fixtures made by sentence-transformers 2.3.1 {@code fit()} (tests only). */
public final class TrainFixtures {

    private TrainFixtures() {
    }

    public static JsonObject expected(String loss) {
        return oracle("tiny-kr-sbert.train-" + loss);
    }

    /** A training oracle by its file name without {@code .expected.json}, e.g. {@code tiny-xlmr-unigram.train-cosent}. */
    public static JsonObject oracle(String name) {
        return Fixtures.readJson(Fixtures.shared().resolve("fixtures/" + name + ".expected.json")).getAsJsonObject();
    }

    /** The oracle's base model folder in {@code ../shared/fixtures} (named before {@code .train-}). */
    public static Path baseModel(String oracleName) {
        return Fixtures.shared().resolve("fixtures/" + oracleName.substring(0, oracleName.indexOf(".train-")));
    }

    /** The fixture's settings as ours. */
    public static TrainSettings settings(JsonObject expected) {
        JsonObject s = expected.getAsJsonObject("settings");
        return new TrainSettings(LossKind.valueOf(s.get("loss").getAsString().toUpperCase(java.util.Locale.ROOT)),
                s.get("epochs").getAsInt(), s.get("batch_size").getAsInt(), s.get("lr").getAsDouble(),
                s.get("warmup_steps").getAsInt(), 0.1, s.get("weight_decay").getAsDouble(),
                s.get("max_grad_norm").getAsDouble(), s.get("evaluation_steps").getAsInt(),
                s.get("shuffle").getAsBoolean(), 42, 0);
    }

    public static List<TrainPair> trainPairs(JsonObject expected) {
        List<TrainPair> pairs = new ArrayList<>();
        for (JsonElement e : expected.getAsJsonArray("train_pairs")) {
            JsonObject o = e.getAsJsonObject();
            pairs.add(new TrainPair(o.get("sentence1").getAsString(), o.get("sentence2").getAsString(),
                    o.get("score").getAsDouble() / 5.0));
        }
        return pairs;
    }

    public static List<SentencePair> devPairs(JsonObject expected) {
        List<SentencePair> pairs = new ArrayList<>();
        for (JsonElement e : expected.getAsJsonArray("dev_pairs")) {
            JsonObject o = e.getAsJsonObject();
            pairs.add(new SentencePair(o.get("sentence1").getAsString(), o.get("sentence2").getAsString(),
                    o.get("score").getAsDouble(), o.get("line").getAsInt()));
        }
        return pairs;
    }

    /**
     * KorSTS files holding the fixture's lines: the header and lines 2..{@code lastLine} of
     * {@code data/korsts/<name>}, byte for byte.
     */
    public static Path korStsHead(String name, int lastLine, Path target) throws IOException {
        List<String> lines = Files.readAllLines(Fixtures.shared().resolve("data/korsts/" + name), StandardCharsets.UTF_8);
        Files.write(target, lines.subList(0, lastLine), StandardCharsets.UTF_8);
        return target;
    }

    /** A copy of the tiny model with its config's dropout rates set (the fixtures used 0). */
    public static Path tinyWithDropout(Path target, double hidden, double attention) throws IOException {
        return withDropout(Fixtures.tinyModel(), target, hidden, attention);
    }

    /** A copy of a fixture model (without a {@code pytorch_model.bin} beside safetensors) with its dropout rates set. */
    public static Path withDropout(Path model, Path target, double hidden, double attention) throws IOException {
        boolean both = Files.exists(model.resolve("model.safetensors")) && Files.exists(model.resolve("pytorch_model.bin"));
        if (both) {
            Fixtures.copyModel(model, target, "pytorch_model.bin");
        } else {
            Fixtures.copyModel(model, target);
        }
        Path config = target.resolve("config.json");
        JsonObject o = Fixtures.readJson(config).getAsJsonObject();
        o.addProperty("hidden_dropout_prob", hidden);
        o.addProperty("attention_probs_dropout_prob", attention);
        Files.writeString(config, o.toString(), StandardCharsets.UTF_8);
        return target;
    }
}
