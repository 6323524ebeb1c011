package kr.sbert.workbench.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import kr.sbert.workbench.core.InvalidInputException;
import kr.sbert.workbench.core.UserText;
import kr.sbert.workbench.core.eval.PairedDifference;
import kr.sbert.workbench.core.train.RunFolder;
import kr.sbert.workbench.core.train.RunRecord;
import kr.sbert.workbench.core.train.Verdict;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code runs}: the training runs in some folders side by side, as the Train tab's Runs view lists them. */
@Command(name = "runs", mixinStandardHelpOptions = true,
        description = {"List training runs side by side: base model, data, loss, lr, epochs, batch, warmup, the best"
                + " step, dev Spearman at the best step and at the end, the gain over the base with its paired-bootstrap"
                + " 95%% interval on the dev pairs (and on the test pairs when the run had --test), wall time and state"
                + " (finished, cancelled, diverged, running or killed).",
            "Each DIR is a run folder (train --out) or a folder of run folders (the window's runs folder)."})
final class RunsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "DIR", description = "Run folders, or folders holding run folders.")
    List<Path> dirs;

    @Option(names = "--json", description = "One JSON object per run, one a line.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Set<Path> found = new LinkedHashSet<>();
        for (Path d : dirs) {
            try {
                List<Path> runs = RunFolder.find(d);
                if (runs.isEmpty()) {
                    spec.commandLine().getErr().println("warning: " + UserText.quote(d) + ": holds no training run");
                }
                found.addAll(runs);
            } catch (IOException e) {
                throw new InvalidInputException(e.getMessage(), e);
            }
        }
        List<RunFolder> runs = new ArrayList<>();
        for (Path p : found) {
            try {
                runs.add(RunFolder.read(p));
            } catch (IOException e) {
                throw new InvalidInputException(e.getMessage(), e);
            }
        }
        if (json) {
            for (RunFolder r : runs) {
                out.println(Json.compact(toJson(r)));
            }
        } else {
            printTable(runs, out);
        }
        out.flush();
        return ExitCodes.OK;
    }

    static void printTable(List<RunFolder> runs, PrintWriter o) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"run", "base", "train", "dev", "test", "loss", "lr", "epochs", "batch", "warmup",
            "best step", "dev@best", "dev@end", "dev gain [95% CI]", "test gain [95% CI]", "wall", "state"});
        for (RunFolder r : runs) {
            RunRecord rec = r.record();
            Verdict v = rec.verdict();
            rows.add(new String[] {show(r.name()), show(name(r.baseModel())), show(name(r.train())), show(name(r.dev())), show(name(r.test())),
                r.loss(), Double.toString(r.lr()).replace(".0E", "e").replace('E', 'e'), "" + r.epochs(), "" + r.batchSize(),
                "" + r.warmupSteps(), rec.bestStep() < 0 ? "-" : "" + rec.bestStep(), num(rec.bestSpearman()),
                num(rec.lastSpearman()), v == null ? "-" : Verdict.delta(v.dev()),
                v == null || v.test() == null ? "-" : Verdict.delta(v.test()), wall(rec.wallSeconds()),
                r.stateLabel()});
        }
        int[] width = TextTable.widths(rows);
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < row.length; c++) {
                line.append(c == 0 ? "" : "  ").append(row[c]).append(" ".repeat(width[c] - row[c].length()));
            }
            o.println(line.toString().stripTrailing());
        }
        if (runs.isEmpty()) {
            o.println("(no runs)");
        }
    }

    static JsonObject toJson(RunFolder r) {
        RunRecord rec = r.record();
        JsonObject o = new JsonObject();
        o.addProperty("run", r.name());
        o.addProperty("dir", r.dir().toAbsolutePath().toString());
        o.addProperty("base_model", r.baseModel());
        o.addProperty("train", r.train());
        o.addProperty("dev", r.dev());
        o.add("test", r.test().isEmpty() ? JsonNull.INSTANCE : new JsonPrimitive(r.test()));
        o.addProperty("loss", r.loss());
        num(o, "lr", r.lr());
        o.addProperty("epochs", r.epochs());
        o.addProperty("batch_size", r.batchSize());
        o.addProperty("warmup_steps", r.warmupSteps());
        o.addProperty("steps", rec.steps());
        o.addProperty("total_steps", rec.totalSteps());
        o.add("best_step", rec.bestStep() < 0 ? JsonNull.INSTANCE : new JsonPrimitive(rec.bestStep()));
        num(o, "base_dev_spearman", rec.baseSpearman());
        num(o, "best_dev_spearman", rec.bestSpearman());
        num(o, "last_dev_spearman", rec.lastSpearman());
        Verdict v = rec.verdict();
        o.add("dev_gain", v == null ? JsonNull.INSTANCE : gain(v.dev(), v.devN()));
        o.add("test_gain", v == null || v.test() == null ? JsonNull.INSTANCE : gain(v.test(), v.testN()));
        o.add("verdict", v == null ? JsonNull.INSTANCE : new JsonPrimitive(v.conclusion()));
        o.add("stopped_early_at", rec.stoppedEarlyAt() < 0 ? JsonNull.INSTANCE
                : new JsonPrimitive(rec.stoppedEarlyAt()));
        num(o, "wall_s", rec.wallSeconds());
        o.addProperty("state", rec.state().key());
        o.addProperty("state_label", r.stateLabel());
        o.addProperty("has_best", r.hasBest());
        o.addProperty("has_final", r.hasFinal());
        o.addProperty("best_from_unfinished_run", rec.bestFromUnfinishedRun() && r.hasBest());
        JsonArray curve = new JsonArray();
        r.evaluations().forEach(e -> {
            JsonObject p = new JsonObject();
            p.addProperty("step", e.step());
            num(p, "epoch", r.epochOf(e.step()));
            num(p, "spearman_cosine", e.spearman());
            curve.add(p);
        });
        o.add("dev_curve", curve);
        return o;
    }

    private static JsonObject gain(PairedDifference d, int n) {
        JsonObject g = new JsonObject();
        g.addProperty("n", n);
        num(g, "spearman", d.spearman());
        num(g, "low", d.spearmanInterval().lower());
        num(g, "high", d.spearmanInterval().upper());
        return g;
    }

    private static void num(JsonObject o, String key, double v) {
        if (Double.isFinite(v)) {
            o.addProperty(key, v);
        } else {
            o.add(key, JsonNull.INSTANCE);
        }
    }

    private static String name(String path) {
        if (path == null || path.isEmpty()) {
            return "-";
        }
        try {
            Path p = Path.of(path).getFileName();
            return p == null ? path : p.toString();
        } catch (java.nio.file.InvalidPathException e) {
            return path;
        }
    }

    private static String show(String s) {
        return UserText.show(s, 80);
    }

    private static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v) : "-";
    }

    static String wall(double seconds) {
        if (!Double.isFinite(seconds)) {
            return "-";
        }
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60)
                : s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
    }
}
