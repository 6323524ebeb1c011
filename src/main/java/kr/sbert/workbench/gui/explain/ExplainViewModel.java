package kr.sbert.workbench.gui.explain;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import kr.sbert.workbench.core.explain.PairExplanation;
import kr.sbert.workbench.gui.service.LoadedModel;
import kr.sbert.workbench.gui.status.StatusViewModel;
import kr.sbert.workbench.gui.task.TaskHandle;
import kr.sbert.workbench.gui.task.TaskRunner;

/**
 * The selected pair explained by every ticked neural model (baselines have no tokens to
 * explain), computed in the background; a newer request cancels the one still running. Holds
 * the heatmap cell the user clicked.
 */
public final class ExplainViewModel {
    private final TaskRunner runner;
    private final StatusViewModel status;
    private final ObservableList<PairExplanation> explanations = FXCollections.observableArrayList();
    private final ObjectProperty<AlignmentMark> mark = new SimpleObjectProperty<>();
    private TaskHandle running;

    public ExplainViewModel(TaskRunner runner, StatusViewModel status) {
        this.runner = runner;
        this.status = status;
    }

    /** One explanation per ticked neural model, in the models panel's order. */
    public ObservableList<PairExplanation> explanations() {
        return explanations;
    }

    /** The clicked alignment cell, or null. */
    public ObjectProperty<AlignmentMark> markProperty() {
        return mark;
    }

    private final javafx.collections.ObservableList<String> notes = javafx.collections.FXCollections.observableArrayList();

    /** Why some ticked models are not explained (e.g. a Dense layer after the pooling), one line each. */
    public javafx.collections.ObservableList<String> notes() {
        return notes;
    }

    /** The explanation of one model, when it has one. */
    public Optional<PairExplanation> of(String model) {
        return explanations.stream().filter(e -> e.model().equals(model)).findFirst();
    }

    /**
     * Explains a pair with the given models (those without tokens are left out).
     *
     * @param models model id → loaded model, in display order
     */
    public void explain(String sentence1, String sentence2, List<? extends java.util.Map.Entry<String, LoadedModel>> models) {
        if (running != null) {
            running.cancel();
            running = null;
        }
        mark.set(null);
        if (sentence1 == null || sentence2 == null || sentence1.isBlank() || sentence2.isBlank()) {
            explanations.clear();
            notes.clear();
            return;
        }
        List<java.util.Map.Entry<String, LoadedModel>> neural = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (var m : models) {
            String noShares = m.getValue().info().map(kr.sbert.workbench.core.explain.PairExplainer::whyNoTokenShares)
                    .orElse(null);
            if (noShares != null) {
                skipped.add(m.getKey() + ": " + noShares + ".");
            } else if (m.getValue().tokenizer().isPresent()) {
                neural.add(m);
            }
        }
        notes.setAll(skipped);
        if (neural.isEmpty()) {
            explanations.clear();
            return;
        }
        TaskHandle h = runner.submit("Explaining the pair with " + neural.size() + " model(s)", (progress, cancel) -> {
            List<PairExplanation> out = new ArrayList<>();
            for (int k = 0; k < neural.size(); k++) {
                progress.update("explaining", k, neural.size());
                var m = neural.get(k);
                m.getValue().explain(sentence1, sentence2, cancel).ifPresent(e -> out.add(rename(e, m.getKey())));
            }
            return out;
        }, out -> {
            running = null;
            explanations.setAll(out);
        }, e -> status.report("explaining the pair", e));
        if (!h.state().finished()) {
            running = h;
        }
    }

    /** The explanation under the id the window shows (a model's own name may be its folder name). */
    private static PairExplanation rename(PairExplanation e, String id) {
        return e.model().equals(id) ? e : new PairExplanation(id, e.cosine(), e.a(), e.b(), e.shares(), e.alignment());
    }
}
