package kr.sbert.workbench.gui.slices;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import kr.sbert.workbench.core.InvalidInputException;
import kr.sbert.workbench.core.data.SentencePair;
import kr.sbert.workbench.core.eval.SliceKeys;
import kr.sbert.workbench.gui.main.ScoringResult;
import kr.sbert.workbench.gui.metrics.MetricsViewModel;
import kr.sbert.workbench.gui.pairs.PairRow;
import kr.sbert.workbench.gui.scatter.ScatterViewModel;
import kr.sbert.workbench.gui.scatter.SliceColors;
import kr.sbert.workbench.gui.service.ModelEvaluation;
import kr.sbert.workbench.gui.service.PairedDifference;
import kr.sbert.workbench.gui.service.WorkbenchBackend;
import kr.sbert.workbench.gui.status.StatusViewModel;
import kr.sbert.workbench.gui.task.TaskHandle;
import kr.sbert.workbench.gui.task.TaskRunner;

/**
 * Chooses how to slice the last scoring result ({@link #keyProperty()}: all pairs, gold band,
 * or a column of the file) and which slice to measure ({@link #sliceProperty()}). The metrics
 * of a slice are the core's evaluation of that slice alone, computed in the background; the
 * scatter colours its points by slice and greys the others out.
 */
public final class SliceSelectorViewModel {
    /** The key that does not slice. */
    public static final String ALL = "all pairs";
    /** Gold bands 0–1 … 4–5. */
    public static final String GOLD = "gold band";

    private final WorkbenchBackend backend;
    private final TaskRunner runner;
    private final StatusViewModel status;
    private final MetricsViewModel metrics;
    private final ScatterViewModel scatter;
    private final ObjectProperty<ScoringResult> result;
    private final ObservableList<String> keys = FXCollections.observableArrayList(ALL, GOLD);
    private final StringProperty key = new SimpleStringProperty(ALL);
    private final ObservableList<String> slices = FXCollections.observableArrayList();
    private final StringProperty slice = new SimpleStringProperty();
    private final StringProperty summary = new SimpleStringProperty("");
    private String[] labels = new String[0];
    private TaskHandle running;

    public SliceSelectorViewModel(WorkbenchBackend backend, TaskRunner runner, StatusViewModel status,
                                  MetricsViewModel metrics, ScatterViewModel scatter, ObjectProperty<ScoringResult> result) {
        this.backend = backend;
        this.runner = runner;
        this.status = status;
        this.metrics = metrics;
        this.scatter = scatter;
        this.result = result;
        result.addListener((obs, was, now) -> resultChanged());
        key.addListener((obs, was, now) -> keyChanged());
        slice.addListener((obs, was, now) -> measure());
    }

    /** {@link #ALL}, {@link #GOLD}, then the file's columns. */
    public ObservableList<String> keys() {
        return keys;
    }

    public StringProperty keyProperty() {
        return key;
    }

    /** The slices of the chosen key, in reading order. */
    public ObservableList<String> slices() {
        return slices;
    }

    /** The slice whose metrics are shown, or null for all pairs. */
    public StringProperty sliceProperty() {
        return slice;
    }

    /** What the metrics view shows now, e.g. {@code genre = main-news: 300 pairs}. */
    public StringProperty summaryProperty() {
        return summary;
    }

    private void resultChanged() {
        List<String> k = new ArrayList<>(List.of(ALL, GOLD));
        Set<String> columns = new LinkedHashSet<>();
        for (PairRow r : result.get().rows()) {
            columns.addAll(r.attributes().keySet());
        }
        k.addAll(columns);
        // The choosers clear their value when their items change: the choice is put back, so a
        // new scoring run (a model ticked, a gold edited) keeps the slice the user chose.
        String previousKey = key.get();
        if (!k.equals(keys)) {
            keys.setAll(k);
        }
        if (previousKey == null || !keys.contains(previousKey)) {
            key.set(ALL);
        } else if (!previousKey.equals(key.get())) {
            key.set(previousKey);
        } else {
            keyChanged();
        }
    }

    private void keyChanged() {
        List<PairRow> rows = result.get().rows();
        List<SentencePair> pairs = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            pairs.add(rows.get(i).toPair(i + 1));
        }
        String k = key.get();
        try {
            labels = k == null || ALL.equals(k) ? new String[0] : GOLD.equals(k) ? SliceKeys.byGold(pairs)
                    : SliceKeys.byColumn(pairs, k, "the pairs");
        } catch (InvalidInputException e) {
            labels = new String[0];
        }
        Set<String> distinct = new java.util.TreeSet<>((x, y) -> {
            int c = SliceKeys.compare(x, y);
            return c != 0 ? c : x.compareTo(y);
        });
        distinct.addAll(List.of(labels));
        String previous = slice.get();
        if (!slices.equals(new ArrayList<>(distinct))) {
            slices.setAll(distinct);
        }
        if (previous != null && slices.contains(previous)) {
            if (!previous.equals(slice.get())) {
                slice.set(previous); // measures
            } else {
                measure();
            }
        } else if (slice.get() != null) {
            slice.set(null); // measures
        } else {
            measure();
        }
    }

    /** Shows the chosen slice's metrics and colours the scatter. */
    private void measure() {
        if (running != null) {
            running.cancel();
            running = null;
        }
        ScoringResult full = result.get();
        String chosen = slice.get();
        if (labels.length == 0) {
            scatter.sliceColorsProperty().set(null);
            summary.set("");
            metrics.show(full);
            return;
        }
        Map<Object, String> labelOf = new IdentityHashMap<>();
        for (int i = 0; i < labels.length; i++) {
            labelOf.put(full.rows().get(i), labels[i]);
        }
        scatter.sliceColorsProperty().set(new SliceColors(labelOf, List.copyOf(slices), chosen));
        if (chosen == null) {
            summary.set(key.get() + ": " + slices.size() + " slices");
            metrics.show(full);
            return;
        }
        List<Integer> members = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            if (labels[i].equals(chosen)) {
                members.add(i);
            }
        }
        summary.set(key.get() + " = " + chosen + ": " + members.size() + " pairs");
        List<PairRow> rows = members.stream().map(full.rows()::get).toList();
        Double[] gold = members.stream().map(i -> full.gold()[i]).toArray(Double[]::new);
        List<SentencePair> pairs = new ArrayList<>();
        for (int k = 0; k < rows.size(); k++) {
            pairs.add(rows.get(k).toPair(k + 1));
        }
        List<ModelEvaluation> evaluations = full.evaluations();
        TaskHandle h = runner.submit("Metrics of " + chosen, (progress, cancel) -> {
            List<ModelEvaluation> out = new ArrayList<>();
            for (ModelEvaluation ev : evaluations) {
                double[] cos = members.stream().mapToDouble(i -> ev.cosine()[i]).toArray();
                out.add(backend.evaluate(ev.model(), pairs, cos, cancel));
            }
            PairedDifference diff = null;
            if (out.size() >= 2 && out.get(0).metrics() != null && out.get(1).metrics() != null) {
                diff = backend.compare(pairs, out.get(0), out.get(1), cancel);
            }
            return new ScoringResult(rows, gold, out, diff);
        }, r -> {
            running = null;
            if (chosen.equals(slice.get())) {
                metrics.show(r);
            }
        }, e -> status.report("measuring the slice " + chosen, e));
        if (!h.state().finished()) {
            running = h;
        }
    }

    /** Slice sizes for the current key, label → pairs (for the selector's labels). */
    public Map<String, Integer> sizes() {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (String s : slices) {
            m.put(s, 0);
        }
        for (String l : labels) {
            m.merge(l, 1, Integer::sum);
        }
        return m;
    }
}
