package kr.sbert.workbench.core.train;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import kr.sbert.workbench.core.eval.Interval;
import kr.sbert.workbench.core.eval.PairedDifference;
import kr.sbert.workbench.core.io.BoundedJson;

/**
 * {@code run.json}: how a run ended — its state, wall time, steps, the best and last dev Spearman,
 * early stopping, the verdict (chosen model minus base with paired-bootstrap intervals on dev and
 * test pairs) and how many dev/test pairs share a sentence with the training pairs. Written as
 * {@code running} when the run starts and replaced (atomically) when it ends, so a folder whose
 * record still says {@code running} belongs to a run in progress or one that was killed.
 *
 * @param state            how the run ended
 * @param wallSeconds      wall time from the first evaluation to the end
 * @param steps            optimizer steps taken
 * @param totalSteps       the steps the run was set to take
 * @param stepsPerEpoch    optimizer steps per epoch
 * @param stoppedEarlyAt   the step early stopping ended the run at, or -1
 * @param bestStep         the step of {@code best/}, or -1 when there is none
 * @param baseSpearman     the untrained model's dev Spearman
 * @param bestSpearman     {@code best/}'s dev Spearman (NaN without one)
 * @param lastSpearman     the last evaluation's dev Spearman
 * @param verdict          chosen minus base (null unless finished)
 * @param devShared        dev pairs sharing a sentence with a training pair
 * @param testShared       test pairs sharing a sentence with a training pair (-1: no test file)
 * @param testFile         the test file, or null
 * @param message          the line the run ended with (why it stopped), or ""
 */
public record RunRecord(RunState state, double wallSeconds, int steps, int totalSteps, int stepsPerEpoch,
                        int stoppedEarlyAt, int bestStep, double baseSpearman, double bestSpearman,
                        double lastSpearman, Verdict verdict, int devShared, int testShared, String testFile,
                        String message) {

    /** Whether {@code best/} was written by a run that did not finish (cancelled, diverged, killed). */
    public boolean bestFromUnfinishedRun() {
        return bestStep >= 0 && state != RunState.FINISHED;
    }

    /** Writes the record, replacing an earlier one at once (never half a file). */
    public void write(Path file) throws IOException {
        JsonObject o = new JsonObject();
        o.addProperty("state", state.key());
        num(o, "wall_s", wallSeconds);
        o.addProperty("steps", steps);
        o.addProperty("total_steps", totalSteps);
        o.addProperty("steps_per_epoch", stepsPerEpoch);
        o.add("stopped_early_at", stoppedEarlyAt < 0 ? JsonNull.INSTANCE : new com.google.gson.JsonPrimitive(stoppedEarlyAt));
        o.add("best_step", bestStep < 0 ? JsonNull.INSTANCE : new com.google.gson.JsonPrimitive(bestStep));
        o.addProperty("best_from_unfinished_run", bestFromUnfinishedRun());
        num(o, "base_dev_spearman", baseSpearman);
        num(o, "best_dev_spearman", bestSpearman);
        num(o, "last_dev_spearman", lastSpearman);
        if (verdict != null) {
            JsonObject v = new JsonObject();
            v.addProperty("chosen", verdict.chosen());
            v.addProperty("chosen_step", verdict.chosenStep());
            v.add("dev", difference(verdict.devN(), verdict.devBase(), verdict.devChosen(), verdict.dev()));
            if (verdict.test() != null) {
                v.add("test", difference(verdict.testN(), verdict.testBase(), verdict.testChosen(), verdict.test()));
            }
            v.addProperty("improved", verdict.improved());
            v.addProperty("line", verdict.line());
            o.add("verdict", v);
        }
        JsonObject shared = new JsonObject();
        shared.addProperty("dev", devShared);
        if (testShared >= 0) {
            shared.addProperty("test", testShared);
        }
        o.add("pairs_sharing_a_training_sentence", shared);
        if (testFile != null) {
            o.addProperty("test_file", testFile);
        }
        o.addProperty("message", message);
        Path tmp = Files.createTempFile(file.getParent(), ".run-", ".json.tmp");
        try {
            Files.writeString(tmp, new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(o)
                    + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static JsonObject difference(int n, double base, double chosen, PairedDifference d) {
        JsonObject o = new JsonObject();
        o.addProperty("n", n);
        num(o, "base_spearman", base);
        num(o, "chosen_spearman", chosen);
        num(o, "delta_spearman", d.spearman());
        num(o, "low", d.spearmanInterval().lower());
        num(o, "high", d.spearmanInterval().upper());
        num(o, "delta_pearson", d.pearson());
        num(o, "pearson_low", d.pearsonInterval().lower());
        num(o, "pearson_high", d.pearsonInterval().upper());
        return o;
    }

    private static void num(JsonObject o, String key, double v) {
        if (Double.isFinite(v)) {
            o.addProperty(key, v);
        } else {
            o.add(key, JsonNull.INSTANCE);
        }
    }

    /**
     * Reads a record written by {@link #write}.
     *
     * @throws IOException when the file cannot be read or is not such a record (the message says why)
     */
    public static RunRecord read(Path file) throws IOException {
        if (Files.size(file) > 1 << 20) {
            throw new IOException(file + ": larger than 1 MB, not a run record");
        }
        JsonObject o;
        try {
            o = BoundedJson.parse(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (BoundedJson.JsonProblem | IllegalStateException e) {
            throw new IOException(file + ": not a run record (" + e.getMessage() + ")", e);
        }
        Verdict verdict = null;
        if (o.get("verdict") instanceof JsonObject v && v.get("dev") instanceof JsonObject dev) {
            JsonObject test = v.get("test") instanceof JsonObject t ? t : null;
            verdict = new Verdict(str(v, "chosen", "best"), integer(v, "chosen_step", 0), integer(dev, "n", 0),
                    dbl(dev, "base_spearman"), dbl(dev, "chosen_spearman"), difference(dev),
                    test == null ? 0 : integer(test, "n", 0), test == null ? Double.NaN : dbl(test, "base_spearman"),
                    test == null ? Double.NaN : dbl(test, "chosen_spearman"), test == null ? null : difference(test));
        }
        JsonObject shared = o.get("pairs_sharing_a_training_sentence") instanceof JsonObject s ? s : new JsonObject();
        return new RunRecord(RunState.of(str(o, "state", "running")), dbl(o, "wall_s"), integer(o, "steps", 0),
                integer(o, "total_steps", 0), integer(o, "steps_per_epoch", 0), integer(o, "stopped_early_at", -1),
                integer(o, "best_step", -1), dbl(o, "base_dev_spearman"), dbl(o, "best_dev_spearman"),
                dbl(o, "last_dev_spearman"), verdict, integer(shared, "dev", 0), integer(shared, "test", -1),
                o.has("test_file") ? str(o, "test_file", null) : null, str(o, "message", ""));
    }

    private static PairedDifference difference(JsonObject o) {
        return new PairedDifference(dbl(o, "delta_pearson"), new Interval(dbl(o, "pearson_low"), dbl(o, "pearson_high")),
                dbl(o, "delta_spearman"), new Interval(dbl(o, "low"), dbl(o, "high")), Double.NaN);
    }

    static double dbl(JsonObject o, String key) {
        JsonElement e = o.get(key);
        try {
            return e == null || e.isJsonNull() ? Double.NaN : e.getAsDouble();
        } catch (RuntimeException bad) {
            return Double.NaN;
        }
    }

    static int integer(JsonObject o, String key, int absent) {
        JsonElement e = o.get(key);
        try {
            return e == null || e.isJsonNull() ? absent : e.getAsInt();
        } catch (RuntimeException bad) {
            return absent;
        }
    }

    static String str(JsonObject o, String key, String absent) {
        JsonElement e = o.get(key);
        try {
            return e == null || e.isJsonNull() ? absent : e.getAsString();
        } catch (RuntimeException bad) {
            return absent;
        }
    }
}
