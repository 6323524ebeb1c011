package kr.sbert.workbench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import kr.sbert.workbench.testing.TrainFixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train} as an experiment: the verdict with its intervals, {@code --test} checked against
 * {@code eval}, early stopping, the run record, and {@code runs} listing two runs side by side.
 */
class RunsCommandTest {
    @TempDir
    Path tmp;
    Path base;
    Path train;
    Path dev;

    @BeforeEach
    void data() throws Exception {
        base = TrainFixtures.tinyWithDropout(tmp.resolve("base"), 0.0, 0.0);
        train = TrainFixtures.korStsHead("sts-train.tsv", 65, tmp.resolve("train.tsv"));
        dev = TrainFixtures.korStsHead("sts-dev.tsv", 41, tmp.resolve("dev.tsv"));
    }

    private Cli.Result train(Path out, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("train", "--model", base.toString(), "--train",
                train.toString(), "--dev", dev.toString(), "--out", out.toString(), "--epochs", "2", "--batch-size",
                "8", "--warmup-steps", "3", "--eval-steps", "4", "--no-shuffle"));
        args.addAll(List.of(more));
        return Cli.run(args.toArray(String[]::new));
    }

    @Test
    void twoRunsAreTwoRowsWithTheirNamesIntervalsAndCurves() throws Exception {
        Path runs = tmp.resolve("runs");
        Cli.Result a = train(runs.resolve("lr-5e-4"), "--lr", "0.0005");
        Cli.Result b = train(runs.resolve("lr-1e-4"), "--lr", "0.0001", "--loss", "cosent");
        assertThat(a.code()).as(a.err()).isZero();
        assertThat(b.code()).as(b.err()).isZero();
        assertThat(a.out()).containsPattern("verdict: (best|final) \\(step \\d+\\) − base: dev Δ spearman "
                + "[+-]\\d\\.\\d{4} \\[[+-]\\d\\.\\d{4}, [+-]\\d\\.\\d{4}\\] \\(n=40\\)");

        Cli.Result table = Cli.run("runs", runs.toString());
        assertThat(table.code()).as(table.err()).isZero();
        List<String> lines = table.out().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("run ").contains("dev gain [95% CI]", "state");
        assertThat(lines.get(1)).startsWith("lr-1e-4").contains("cosent", "finished");
        assertThat(lines.get(2)).startsWith("lr-5e-4").contains("cosine", "finished");

        Cli.Result json = Cli.run("runs", "--json", runs.resolve("lr-5e-4").toString(), runs.resolve("lr-1e-4").toString());
        assertThat(json.code()).as(json.err()).isZero();
        List<JsonObject> rows = json.jsonLines();
        assertThat(rows).extracting(o -> o.get("run").getAsString()).containsExactly("lr-5e-4", "lr-1e-4");
        for (JsonObject row : rows) {
            JsonObject gain = row.getAsJsonObject("dev_gain");
            assertThat(gain.get("low").getAsDouble()).isLessThanOrEqualTo(gain.get("spearman").getAsDouble());
            assertThat(gain.get("high").getAsDouble()).isGreaterThanOrEqualTo(gain.get("spearman").getAsDouble());
            assertThat(gain.get("n").getAsInt()).isEqualTo(40);
            // evaluations at steps 0, 4, 8 (epoch 1 ends), 12, 16: x in epochs 0, 0.5, 1, 1.5, 2
            JsonArray curve = row.getAsJsonArray("dev_curve");
            assertThat(curve).hasSize(5);
            assertThat(curve.get(1).getAsJsonObject().get("epoch").getAsDouble()).isEqualTo(0.5);
            assertThat(row.get("state").getAsString()).isEqualTo("finished");
        }
        assertThat(rows.get(0).get("lr").getAsDouble()).isEqualTo(5e-4);
    }

    @Test
    void eachEvaluationIsLoggedOnceAlsoWhenAnEvalStepEndsAnEpoch() throws Exception {
        Path out = tmp.resolve("run");
        Cli.Result r = train(out, "--lr", "0.0005");
        assertThat(r.code()).as(r.err()).isZero();
        List<Integer> evalSteps = Files.readAllLines(out.resolve("train-log.jsonl"), StandardCharsets.UTF_8).stream()
                .map(l -> JsonParser.parseString(l).getAsJsonObject())
                .filter(o -> o.get("type").getAsString().equals("eval"))
                .map(o -> o.get("step").getAsInt()).toList();
        // step 8 is both the 2nd eval step and epoch 1's end, 16 both the 4th and the run's end
        assertThat(evalSteps).containsExactly(0, 4, 8, 12, 16);
    }

    @Test
    void theTestDifferenceIsWhatEvalComputesForBaseAndTheChosenModel() throws Exception {
        Path test = TrainFixtures.korStsHead("sts-test.tsv", 61, tmp.resolve("test.tsv"));
        Path out = tmp.resolve("run");
        Cli.Result r = train(out, "--lr", "0.0005", "--test", test.toString());
        assertThat(r.code()).as(r.err()).isZero();
        JsonObject record = JsonParser.parseString(Files.readString(out.resolve("run.json"))).getAsJsonObject();
        JsonObject verdict = record.getAsJsonObject("verdict");
        String chosen = verdict.get("chosen").getAsString();
        JsonObject testDiff = verdict.getAsJsonObject("test");
        assertThat(testDiff.get("n").getAsInt()).isEqualTo(60);
        assertThat(r.out()).contains("test Δ spearman").contains("on the test pairs");

        Cli.Result eval = Cli.run("eval", "--json", "-m", base.toString(), "-m",
                out.resolve(chosen).toString(), "--data", test.toString());
        assertThat(eval.code()).as(eval.err()).isZero();
        JsonObject diff = JsonParser.parseString(eval.out()).getAsJsonObject().getAsJsonArray("differences").get(0)
                .getAsJsonObject();
        assertThat(testDiff.get("delta_spearman").getAsDouble())
                .isCloseTo(diff.get("spearman_cosine").getAsDouble(), within(1e-12));
        JsonArray interval = diff.getAsJsonArray("spearman_cosine_interval");
        assertThat(testDiff.get("low").getAsDouble()).isCloseTo(interval.get(0).getAsDouble(), within(1e-12));
        assertThat(testDiff.get("high").getAsDouble()).isCloseTo(interval.get(1).getAsDouble(), within(1e-12));
    }

    @Test
    void devPairsSharingTrainingSentencesAreCountedInAWarning() throws Exception {
        // The training file as dev: every one of its 64 pairs shares its sentences.
        Path out = tmp.resolve("run");
        Cli.Result r = Cli.run("train", "--model", base.toString(), "--train", train.toString(), "--dev",
                train.toString(), "--out", out.toString(), "--epochs", "1", "--batch-size", "32", "--no-shuffle");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("warning: 64 of 64 dev pairs share a sentence with the training pairs");
    }

    @Test
    void earlyStoppingEndsTheRunAfterNEvaluationsWithoutANewBest() throws Exception {
        // The CoSENT data of TrainCommandTest, whose dev Spearman falls below the untrained one:
        // 48 pairs, batch 8 = 6 steps, evaluated every step.
        List<String> trainLines = Files.readAllLines(kr.sbert.workbench.testing.Fixtures.shared()
                .resolve("data/korsts/sts-train.tsv"));
        List<String> devLines = Files.readAllLines(kr.sbert.workbench.testing.Fixtures.shared()
                .resolve("data/korsts/sts-dev.tsv"));
        Path t = tmp.resolve("t.tsv");
        Path d = tmp.resolve("d.tsv");
        Files.write(t, java.util.stream.Stream.concat(Stream.of(trainLines.get(0)), trainLines.subList(65, 113).stream())
                .toList());
        Files.write(d, java.util.stream.Stream.concat(Stream.of(devLines.get(0)), devLines.subList(41, 81).stream())
                .toList());
        Path out = tmp.resolve("run");
        Cli.Result r = Cli.run("train", "-m", base.toString(), "--train", t.toString(), "--dev", d.toString(),
                "--out", out.toString(), "--loss", "cosent", "--epochs", "1", "--batch-size", "8", "--lr", "0.0004",
                "--warmup-steps", "2", "--no-shuffle", "--eval-steps", "1", "--early-stopping", "2");
        assertThat(r.code()).as(r.err()).isZero();
        List<JsonObject> log = Files.readAllLines(out.resolve("train-log.jsonl")).stream()
                .map(l -> JsonParser.parseString(l).getAsJsonObject()).toList();
        List<JsonObject> evals = log.stream().filter(o -> o.get("type").getAsString().equals("eval")).toList();
        // Replay the rule on the logged numbers: the run stops at the 2nd evaluation in a row
        // that does not beat the best so far (step 0's at first).
        double bar = evals.get(0).get("spearman_cosine").getAsDouble();
        int without = 0;
        int expectedStop = -1;
        for (JsonObject e : evals.subList(1, evals.size())) {
            double s = e.get("spearman_cosine").getAsDouble();
            if (s > bar) {
                bar = s;
                without = 0;
            } else if (++without == 2) {
                expectedStop = e.get("step").getAsInt();
                break;
            }
        }
        assertThat(expectedStop).as("the data makes the run stop early").isBetween(2, 5);
        JsonObject record = JsonParser.parseString(Files.readString(out.resolve("run.json"))).getAsJsonObject();
        assertThat(record.get("stopped_early_at").getAsInt()).isEqualTo(expectedStop);
        assertThat(r.out()).contains("early stopping: stopped at step " + expectedStop);
        assertThat(log.stream().filter(o -> o.get("type").getAsString().equals("step"))).hasSize(expectedStop);
        assertThat(evals.get(evals.size() - 1).get("step").getAsInt()).isEqualTo(expectedStop);
        assertThat(out.resolve("final")).isDirectory();
    }
}
