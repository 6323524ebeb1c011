package kr.sbert.workbench.gui.metrics;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import kr.sbert.workbench.core.data.SentencePair;
import kr.sbert.workbench.core.eval.Evaluator;
import kr.sbert.workbench.core.eval.PairedDifference;
import kr.sbert.workbench.gui.main.ScoringResult;
import kr.sbert.workbench.gui.service.ModelEvaluation;
import kr.sbert.workbench.gui.task.TaskHandle;
import kr.sbert.workbench.gui.task.TaskRunner;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The metrics table's rows from the core's evaluation of the last scoring run: one row per
 * model, then one paired-difference row per other model against the reference model the user
 * picks (the first model by default, as {@code eval} compares to its first {@code --model}).
 * The differences are the core's paired bootstrap, computed in the background.
 */
public final class MetricsViewModel {
    /** The CSV export's columns: numbers in their own columns (value, low, high). */
    static final String[] CSV_HEADER = {"model", "reference", "n",
        "pearson_cosine", "pearson_low", "pearson_high", "spearman_cosine", "spearman_low", "spearman_high",
        "f1_at_3", "accuracy_at_3", "mse_calibrated", "mae_calibrated"};

    private final ObservableList<MetricsRow> rows = FXCollections.observableArrayList();
    private final ObservableList<String> models = FXCollections.observableArrayList();
    private final ObjectProperty<String> reference = new SimpleObjectProperty<>();
    private final Evaluator evaluator = Evaluator.standard();
    private ScoringResult last = ScoringResult.EMPTY;
    private TaskRunner runner;
    private TaskHandle computing;
    /**
     * Identifies the latest request for differences: a cancelled task may still deliver its
     * result (cancel is cooperative), and only the latest one may add its rows.
     */
    private Object latestRequest;
    private boolean showing;

    public MetricsViewModel() {
        reference.addListener((o, was, now) -> {
            if (!showing && now != null && !now.equals(was)) {
                rebuild();
            }
        });
    }

    public ObservableList<MetricsRow> rows() {
        return rows;
    }

    /** The evaluated models, in column order (choices for the reference). */
    public ObservableList<String> models() {
        return models;
    }

    /** The model every other one is compared to. */
    public ObjectProperty<String> referenceProperty() {
        return reference;
    }

    /** Where the paired bootstraps run (the window's task runner); without one they run on the caller's thread. */
    public void setRunner(TaskRunner runner) {
        this.runner = runner;
    }

    /** Shows the metrics of a scoring run (and starts its paired differences). */
    public void show(ScoringResult r) {
        last = r;
        List<String> names = r.evaluations().stream().map(ModelEvaluation::model).toList();
        if (!names.equals(models)) {
            models.setAll(names);
        }
        if (reference.get() == null || !names.contains(reference.get())) {
            showing = true;
            try {
                reference.set(names.isEmpty() ? null : names.get(0));
            } finally {
                showing = false;
            }
        }
        rebuild();
    }

    private void rebuild() {
        ScoringResult r = last;
        List<MetricsRow> out = new ArrayList<>();
        for (ModelEvaluation ev : r.evaluations()) {
            ModelEvaluation.Metrics m = ev.metrics();
            out.add(m == null ? new MetricsRow(ev.model(), null, 0, null, null, Double.NaN, Double.NaN, Double.NaN, Double.NaN)
                    : new MetricsRow(ev.model(), null, m.n(), m.pearson(), m.spearman(), m.f1(), m.accuracy(), m.mse(),
                    m.mae()));
        }
        rows.setAll(out);
        latestRequest = null;
        if (computing != null) {
            computing.cancel();
            computing = null;
        }
        String ref = effectiveReference();
        ModelEvaluation refEval = r.evaluations().stream().filter(e -> e.model().equals(ref)).findFirst().orElse(null);
        List<SentencePair> pairs = new ArrayList<>();
        int gold = 0;
        for (int i = 0; i < r.rows().size(); i++) {
            pairs.add(new SentencePair(r.rows().get(i).sentence1(), r.rows().get(i).sentence2(), r.gold()[i], i + 1));
            gold += r.gold()[i] == null ? 0 : 1;
        }
        if (refEval == null || r.evaluations().size() < 2 || gold < 2) {
            return;
        }
        List<ModelEvaluation> others = r.evaluations().stream().filter(e -> e != refEval).toList();
        int n = gold;
        Object request = new Object();
        latestRequest = request;
        if (runner == null) {
            rows.addAll(differences(pairs, refEval, others, n));
            return;
        }
        TaskHandle h = runner.submit("Paired differences against " + ref, (progress, cancel) -> {
                    List<MetricsRow> diffs = new ArrayList<>();
                    for (ModelEvaluation other : others) {
                        cancel.throwIfCancelled();
                        diffs.addAll(differences(pairs, refEval, List.of(other), n));
                    }
                    return diffs;
                },
                diffs -> {
                    if (request != latestRequest) {
                        return;
                    }
                    computing = null;
                    if (last == r && ref.equals(effectiveReference())) {
                        rows.addAll(diffs);
                    }
                },
                e -> {
                    if (request == latestRequest) {
                        computing = null;
                    }
                });
        computing = h.state().finished() ? null : h;
    }

    /** The chosen reference, or the first model when none (or one no longer scored) is chosen. */
    private String effectiveReference() {
        String ref = reference.get();
        return ref != null && models.contains(ref) ? ref : models.isEmpty() ? null : models.get(0);
    }

    private List<MetricsRow> differences(List<SentencePair> pairs, ModelEvaluation ref, List<ModelEvaluation> others,
                                         int n) {
        List<MetricsRow> out = new ArrayList<>();
        for (ModelEvaluation other : others) {
            PairedDifference d = evaluator.compare(pairs, other.cosine(), ref.cosine());
            out.add(new MetricsRow(other.model(), ref.model(), n,
                    new ModelEvaluation.Interval(d.pearson(), d.pearsonInterval().lower(), d.pearsonInterval().upper()),
                    new ModelEvaluation.Interval(d.spearman(), d.spearmanInterval().lower(), d.spearmanInterval().upper()),
                    Double.NaN, Double.NaN, Double.NaN, Double.NaN));
        }
        return out;
    }

    /** Whether the paired differences are still being computed. */
    public boolean computing() {
        return computing != null && !computing.state().finished();
    }

    static String interval(ModelEvaluation.Interval i) {
        return i == null ? "" : String.format(Locale.ROOT, "%.4f [%.4f, %.4f]", i.value(), i.low(), i.high());
    }

    static String num(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.4f", v);
    }

    /**
     * Writes the table as UTF-8 CSV with a header: one row per model and per difference, every
     * number in its own column at full precision (empty when undefined).
     */
    public void exportCsv(Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             CSVPrinter csv = new CSVPrinter(w, CSVFormat.RFC4180.builder().setRecordSeparator("\n")
                     .setHeader(CSV_HEADER).get())) {
            for (MetricsRow r : rows) {
                List<String> cells = new ArrayList<>(List.of(r.model(), r.reference() == null ? "" : r.reference(),
                        Integer.toString(r.n())));
                for (ModelEvaluation.Interval i : new ModelEvaluation.Interval[] {r.pearson(), r.spearman()}) {
                    cells.add(i == null ? "" : full(i.value()));
                    cells.add(i == null ? "" : full(i.low()));
                    cells.add(i == null ? "" : full(i.high()));
                }
                cells.add(full(r.f1()));
                cells.add(full(r.accuracy()));
                cells.add(full(r.mse()));
                cells.add(full(r.mae()));
                csv.printRecord(cells);
            }
        }
    }

    private static String full(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "";
    }
}
