package kr.sbert.workbench.gui.metrics;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import kr.sbert.workbench.gui.main.ScoringResult;
import kr.sbert.workbench.gui.service.ModelEvaluation;
import kr.sbert.workbench.gui.service.PairedDifference;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** The metrics table's rows, formatted from the core's evaluation of the last scoring run. */
public final class MetricsViewModel {
    static final String[] HEADER = {"model", "n", "pearson_cosine [95% CI]", "spearman_cosine [95% CI]",
        "f1@3", "accuracy@3", "mse (calibrated)", "mae (calibrated)"};

    private final ObservableList<MetricsRow> rows = FXCollections.observableArrayList();

    public ObservableList<MetricsRow> rows() {
        return rows;
    }

    public void show(ScoringResult r) {
        List<MetricsRow> out = new ArrayList<>();
        for (ModelEvaluation ev : r.evaluations()) {
            ModelEvaluation.Metrics m = ev.metrics();
            if (m == null) {
                out.add(new MetricsRow(ev.model(), "0", "no gold", "", "", "", "", ""));
            } else {
                out.add(new MetricsRow(ev.model(), Integer.toString(m.n()), interval(m.pearson()),
                        interval(m.spearman()), num(m.f1()), num(m.accuracy()), num(m.mse()), num(m.mae())));
            }
        }
        PairedDifference d = r.difference();
        if (d != null) {
            out.add(new MetricsRow("Δ " + d.metric() + ": " + d.modelA() + " − " + d.modelB(), "",
                    "", interval(d.difference()), "", "", "", ""));
        }
        rows.setAll(out);
    }

    static String interval(ModelEvaluation.Interval i) {
        return String.format(Locale.ROOT, "%.4f [%.4f, %.4f]", i.value(), i.low(), i.high());
    }

    static String num(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.4f", v);
    }

    /** Writes the table as UTF-8 CSV with a header. */
    public void exportCsv(Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             CSVPrinter csv = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader(HEADER).build())) {
            for (MetricsRow r : rows) {
                csv.printRecord(r.model(), r.n(), r.pearson(), r.spearman(), r.f1(), r.accuracy(), r.mse(), r.mae());
            }
        }
    }
}
