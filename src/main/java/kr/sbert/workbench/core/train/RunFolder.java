package kr.sbert.workbench.core.train;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import kr.sbert.workbench.core.io.BoundedJson;

/**
 * A run folder read back (for {@code runs} and the Runs view): its settings, data files, the
 * curve from {@code train-log.jsonl} and how it ended from {@code run.json}. A folder of an older
 * run without {@code run.json} is read from its log and models alone (finished when it has
 * {@code final/}).
 *
 * @param dir           the run folder
 * @param baseModel     the base model as the user named it
 * @param train         the training file
 * @param dev           the dev file (or what stood for it)
 * @param test          the test file, or ""
 * @param loss          the loss key
 * @param lr            peak learning rate
 * @param epochs        epochs
 * @param batchSize     batch size
 * @param warmupSteps   resolved warmup steps
 * @param steps         every step of the log
 * @param evaluations   every evaluation of the log
 * @param record        how the run ended
 * @param hasBest       whether {@code best/} exists
 * @param hasFinal      whether {@code final/} exists
 */
public record RunFolder(Path dir, String baseModel, String train, String dev, String test, String loss, double lr,
                        int epochs, int batchSize, int warmupSteps, List<StepRecord> steps,
                        List<EvalRecord> evaluations, RunRecord record, boolean hasBest, boolean hasFinal) {

    /** Log lines longer than this are not a run's and are skipped. */
    private static final int MAX_LINE = 10_000;
    /** At most this many log lines are read (a 100,000-step run has about that many). */
    private static final int MAX_LINES = 2_000_000;

    public RunFolder {
        steps = List.copyOf(steps);
        evaluations = List.copyOf(evaluations);
    }

    /** The folder's name: what the run is called everywhere. */
    public String name() {
        Path n = dir.getFileName();
        return n == null ? dir.toString() : n.toString();
    }

    /** Whether {@code dir} holds a run ({@code train-settings.json}). */
    public static boolean isRun(Path dir) {
        return Files.isRegularFile(dir.resolve(RunDirectory.SETTINGS));
    }

    /**
     * The runs {@code dir} stands for: itself when it is a run folder, else the run folders
     * directly inside it, by name.
     */
    public static List<Path> find(Path dir) throws IOException {
        if (isRun(dir)) {
            return List.of(dir);
        }
        if (!Files.isDirectory(dir)) {
            throw new IOException(dir + ": no such folder");
        }
        List<Path> runs = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                if (Files.isDirectory(p) && isRun(p)) {
                    runs.add(p);
                }
            }
        }
        runs.sort(null);
        return runs;
    }

    /**
     * Reads a run folder.
     *
     * @throws IOException naming the file when the folder is not a readable run
     */
    public static RunFolder read(Path dir) throws IOException {
        Path settingsFile = dir.resolve(RunDirectory.SETTINGS);
        if (!Files.isRegularFile(settingsFile)) {
            throw new IOException(dir + ": not a training run (no " + RunDirectory.SETTINGS + ")");
        }
        if (Files.size(settingsFile) > 1 << 20) {
            throw new IOException(settingsFile + ": larger than 1 MB, not a run's settings");
        }
        JsonObject root;
        try {
            root = BoundedJson.parse(Files.readString(settingsFile, StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (BoundedJson.JsonProblem | IllegalStateException e) {
            throw new IOException(settingsFile + ": " + e.getMessage(), e);
        }
        JsonObject s = root.get("settings") instanceof JsonObject o ? o : new JsonObject();
        JsonObject base = root.get("base_model") instanceof JsonObject o ? o : new JsonObject();
        String train = "";
        String dev = "";
        String test = "";
        if (root.get("data") instanceof JsonArray data) {
            for (JsonElement e : data) {
                if (e instanceof JsonObject d) {
                    String role = RunRecord.str(d, "role", "");
                    String file = RunRecord.str(d, "file", "");
                    switch (role) {
                        case "train" -> train = file;
                        case "dev" -> dev = file;
                        case "test" -> test = file;
                        default -> { }
                    }
                }
            }
        }
        List<StepRecord> steps = new ArrayList<>();
        List<EvalRecord> evals = new ArrayList<>();
        readLog(dir.resolve(RunDirectory.LOG), steps, evals);
        boolean hasBest = Files.isDirectory(dir.resolve(RunDirectory.BEST));
        boolean hasFinal = Files.isDirectory(dir.resolve(RunDirectory.FINAL));
        int perEpoch = RunRecord.integer(s, "steps_per_epoch", 0);
        RunRecord record;
        if (Files.isRegularFile(dir.resolve(RunDirectory.RECORD))) {
            record = RunRecord.read(dir.resolve(RunDirectory.RECORD));
        } else {
            record = fromLog(steps, evals, hasFinal, perEpoch, RunRecord.integer(s, "total_steps", 0));
        }
        return new RunFolder(dir, RunRecord.str(base, "model", ""), train, dev, test, RunRecord.str(s, "loss", ""),
                RunRecord.dbl(s, "lr"), RunRecord.integer(s, "epochs", 0), RunRecord.integer(s, "batch_size", 0),
                RunRecord.integer(s, "warmup_steps", 0), steps, evals, record, hasBest, hasFinal);
    }

    /** An older run's record, made from its log: best = the highest evaluation above step 0's. */
    private static RunRecord fromLog(List<StepRecord> steps, List<EvalRecord> evals, boolean hasFinal, int perEpoch,
                                     int total) {
        double base = evals.isEmpty() ? Double.NaN : evals.get(0).spearman();
        EvalRecord best = null;
        for (EvalRecord e : evals.subList(Math.min(1, evals.size()), evals.size())) {
            if (e.spearman() > (best == null ? base : best.spearman())) {
                best = e;
            }
        }
        double wall = steps.isEmpty() ? Double.NaN : steps.get(steps.size() - 1).timeS();
        return new RunRecord(hasFinal ? RunState.FINISHED : RunState.RUNNING, wall,
                steps.isEmpty() ? 0 : steps.get(steps.size() - 1).step(), total, perEpoch, -1,
                best == null ? -1 : best.step(), base, best == null ? Double.NaN : best.spearman(),
                evals.isEmpty() ? Double.NaN : evals.get(evals.size() - 1).spearman(), null, 0, -1, null,
                "(no run.json: an older run, read from its log)");
    }

    private static void readLog(Path log, List<StepRecord> steps, List<EvalRecord> evals) throws IOException {
        if (!Files.isRegularFile(log)) {
            return;
        }
        try (BufferedReader in = Files.newBufferedReader(log, StandardCharsets.UTF_8)) {
            String line;
            int n = 0;
            while ((line = in.readLine()) != null && n++ < MAX_LINES) {
                if (line.length() > MAX_LINE || line.isBlank()) {
                    continue;
                }
                JsonObject o;
                try {
                    o = BoundedJson.parse(line).getAsJsonObject();
                } catch (BoundedJson.JsonProblem | IllegalStateException e) {
                    continue; // a line cut by a crash
                }
                String type = RunRecord.str(o, "type", "");
                if (type.equals("step")) {
                    steps.add(new StepRecord(RunRecord.integer(o, "step", 0), RunRecord.integer(o, "epoch", 0),
                            RunRecord.dbl(o, "lr"), RunRecord.dbl(o, "loss"), RunRecord.dbl(o, "grad_norm"),
                            RunRecord.dbl(o, "time_s")));
                } else if (type.equals("eval")) {
                    evals.add(new EvalRecord(RunRecord.integer(o, "step", 0), RunRecord.integer(o, "epoch", 0),
                            RunRecord.dbl(o, "pearson_cosine"), RunRecord.dbl(o, "spearman_cosine")));
                }
            }
        }
    }

    /** The run's state in words, e.g. {@code finished}, {@code cancelled (best/ from step 7 of it)}. */
    public String stateLabel() {
        String s = record.state() == RunState.RUNNING ? "running or killed" : record.state().key();
        if (record.stoppedEarlyAt() >= 0) {
            s += " (early stop at step " + record.stoppedEarlyAt() + ")";
        }
        if (record.bestFromUnfinishedRun() && hasBest) {
            s += " (best/ from step " + record.bestStep() + " of the unfinished run)";
        }
        return s;
    }

    /** Epochs (fractional) of a step, so runs of different sizes line up. */
    public double epochOf(int step) {
        int perEpoch = record.stepsPerEpoch();
        return perEpoch > 0 ? (double) step / perEpoch : step;
    }
}
