package kr.sbert.workbench.gui.main;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import kr.sbert.workbench.core.data.SentencePair;
import kr.sbert.workbench.core.text.TextTokenizer;
import kr.sbert.workbench.gui.metrics.MetricsViewModel;
import kr.sbert.workbench.gui.models.ModelEntry;
import kr.sbert.workbench.gui.models.ModelsViewModel;
import kr.sbert.workbench.gui.pairs.PairRow;
import kr.sbert.workbench.gui.pairs.PairScore;
import kr.sbert.workbench.gui.pairs.PairsViewModel;
import kr.sbert.workbench.gui.scatter.ScatterViewModel;
import kr.sbert.workbench.gui.service.ModelEvaluation;
import kr.sbert.workbench.gui.service.PairedDifference;
import kr.sbert.workbench.gui.service.WorkbenchBackend;
import kr.sbert.workbench.gui.status.StatusViewModel;
import kr.sbert.workbench.gui.task.TaskHandle;
import kr.sbert.workbench.gui.task.TaskRunner;
import kr.sbert.workbench.gui.tokens.TokensViewModel;
import kr.sbert.workbench.gui.workspace.Workspace;
import kr.sbert.workbench.gui.workspace.WorkspaceStore;

/**
 * The window's state and its one workflow: whenever the ticked ready models or the pairs
 * change, score every pair with every model in the background (the previous run is
 * cancelled), have the core evaluate the scores, and show them in the table, scatter and
 * metrics. The workspace is saved after every change.
 */
public final class WorkbenchViewModel {
    /** The baseline ticked on a first start. */
    public static final String DEFAULT_BASELINE = "baseline:char-ngram";

    private final WorkbenchBackend backend;
    private final TaskRunner runner;
    private final WorkspaceStore store;
    private final Executor saveExecutor;
    private final StatusViewModel status;
    private final ModelsViewModel models;
    private final PairsViewModel pairs;
    private final TokensViewModel tokens;
    private final ScatterViewModel scatter;
    private final MetricsViewModel metrics;
    private final kr.sbert.workbench.gui.explain.ExplainViewModel explain;
    private final kr.sbert.workbench.gui.vocab.VocabViewModel vocab;
    private final kr.sbert.workbench.gui.slices.SliceSelectorViewModel slices;
    private final ObjectProperty<ScoringResult> result = new SimpleObjectProperty<>(ScoringResult.EMPTY);
    private final ObservableList<String> scoredModels = FXCollections.observableArrayList();
    private final BooleanProperty stale = new SimpleBooleanProperty();
    private final ObjectProperty<Workspace.WindowLayout> layout = new SimpleObjectProperty<>();
    private TaskHandle scoring;
    private boolean restoring;

    /**
     * @param saveExecutor where workspace files are written (a background thread in the app,
     *                     {@code Runnable::run} in tests)
     */
    public WorkbenchViewModel(WorkbenchBackend backend, TaskRunner runner, WorkspaceStore store, Executor saveExecutor) {
        this.backend = backend;
        this.runner = runner;
        this.store = store;
        this.saveExecutor = saveExecutor;
        this.status = new StatusViewModel(runner);
        this.models = new ModelsViewModel(backend, runner, status);
        this.pairs = new PairsViewModel(backend, runner, status);
        this.tokens = new TokensViewModel(status);
        this.scatter = new ScatterViewModel(pairs.selectedProperty());
        this.metrics = new MetricsViewModel();
        this.explain = new kr.sbert.workbench.gui.explain.ExplainViewModel(runner, status);
        this.vocab = new kr.sbert.workbench.gui.vocab.VocabViewModel(runner, status);
        this.slices = new kr.sbert.workbench.gui.slices.SliceSelectorViewModel(backend, runner, status, metrics, scatter,
                result);
        models.setOnReadySelectionChanged(() -> {
            updateTokenizers();
            explainSelected();
            autosave();
            if (!restoring) {
                score();
            }
        });
        pairs.setOnEdited(() -> {
            stale.set(true);
            autosave();
        });
        pairs.selectedProperty().addListener((obs, was, now) -> {
            if (now != null) {
                tokens.textProperty().set(now.sentence1());
            }
            explainSelected();
        });
    }

    /** The selected pair's explanations (token shares, alignment) per ticked neural model. */
    public kr.sbert.workbench.gui.explain.ExplainViewModel explain() {
        return explain;
    }

    /** Vocabulary statistics of the loaded pairs per ticked model. */
    public kr.sbert.workbench.gui.vocab.VocabViewModel vocab() {
        return vocab;
    }

    /** The metrics view's slice selector. */
    public kr.sbert.workbench.gui.slices.SliceSelectorViewModel slices() {
        return slices;
    }

    private void explainSelected() {
        PairRow row = pairs.selectedProperty().get();
        List<Map.Entry<String, kr.sbert.workbench.gui.service.LoadedModel>> ready = new ArrayList<>();
        for (ModelEntry e : models.selectedReady()) {
            ready.add(Map.entry(e.id(), e.loaded()));
        }
        explain.explain(row == null ? null : row.sentence1(), row == null ? null : row.sentence2(), ready);
    }

    public StatusViewModel status() {
        return status;
    }

    public ModelsViewModel models() {
        return models;
    }

    public PairsViewModel pairs() {
        return pairs;
    }

    public TokensViewModel tokens() {
        return tokens;
    }

    public ScatterViewModel scatter() {
        return scatter;
    }

    public MetricsViewModel metrics() {
        return metrics;
    }

    public TaskRunner runner() {
        return runner;
    }

    public ObjectProperty<ScoringResult> resultProperty() {
        return result;
    }

    /** Models that have a score column, in column order. */
    public ObservableList<String> scoredModels() {
        return scoredModels;
    }

    /** True when the pairs changed since the last scoring run started. */
    public BooleanProperty staleProperty() {
        return stale;
    }

    public ObjectProperty<Workspace.WindowLayout> layoutProperty() {
        return layout;
    }

    /**
     * Starts the window's work: lists the models, restores the saved workspace (or the sample
     * data with the default baseline on a first start) and scores.
     */
    public void start() {
        models.populate();
        Optional<Workspace> saved = Optional.empty();
        try {
            saved = store.load();
        } catch (IOException e) {
            status.report("restoring the workspace", e);
        }
        restoring = true;
        try {
            if (saved.isPresent()) {
                Workspace w = saved.get();
                if (w.pairs().isEmpty()) {
                    loadSample();
                } else {
                    pairs.replaceAll(w.pairs().stream().map(p -> new PairRow(p.sentence1(), p.sentence2(), p.gold()))
                            .toList(), w.openedFile() == null ? null : Path.of(w.openedFile()), w.dirty());
                    status.info("workspace restored: " + w.pairs().size() + " pairs");
                }
                layout.set(w.window());
                models.restore(w.addedModels(), w.selectedModels());
            } else {
                loadSample();
                models.find(DEFAULT_BASELINE).ifPresent(e -> e.setSelected(true));
            }
        } finally {
            restoring = false;
        }
        updateTokenizers();
        score();
    }

    /** Replaces the pairs with the shipped sample data (asking first when edits would be lost). */
    public void loadSample() {
        if (!pairs.mayDiscardEdits()) {
            return;
        }
        try {
            pairs.show(backend.samplePairs());
        } catch (Exception e) {
            status.report("loading the sample data", e);
        }
    }

    private void updateTokenizers() {
        Map<String, TextTokenizer> byModel = new LinkedHashMap<>();
        for (ModelEntry e : models.selectedReady()) {
            e.loaded().tokenizer().ifPresent(t -> byModel.put(e.id(), t));
        }
        tokens.setTokenizers(byModel);
    }

    /** Scores all pairs with all ticked ready models, cancelling a run still going. */
    public void score() {
        if (scoring != null) {
            scoring.cancel();
            scoring = null;
        }
        stale.set(false);
        List<ModelEntry> chosen = models.selectedReady();
        List<PairRow> rows = List.copyOf(pairs.rows());
        List<SentencePair> input = pairs.pairs();
        Double[] gold = rows.stream().map(PairRow::gold).toArray(Double[]::new);
        if (chosen.isEmpty() || rows.isEmpty()) {
            apply(new ScoringResult(rows, gold, List.of(), null));
            return;
        }
        long total = (long) input.size() * chosen.size();
        TaskHandle handle = runner.submit("Scoring " + input.size() + " pairs × " + chosen.size() + " models",
                (progress, cancel) -> {
                    List<ModelEvaluation> evals = new ArrayList<>();
                    for (int k = 0; k < chosen.size(); k++) {
                        ModelEntry m = chosen.get(k);
                        long offset = (long) k * input.size();
                        double[] cos = m.loaded().scorer().score(input,
                                (what, done, all) -> progress.update(m.id(), offset + done, total), cancel);
                        cancel.throwIfCancelled();
                        evals.add(backend.evaluate(m.id(), input, cos, cancel));
                    }
                    PairedDifference diff = null;
                    if (evals.size() >= 2 && evals.get(0).metrics() != null && evals.get(1).metrics() != null) {
                        diff = backend.compare(input, evals.get(0), evals.get(1), cancel);
                    }
                    return new ScoringResult(rows, gold, evals, diff);
                },
                this::apply,
                e -> status.report("scoring", e));
        if (!handle.state().finished()) {
            scoring = handle;
        }
    }

    /** The running scoring task, if any. */
    public Optional<TaskHandle> scoringTask() {
        return Optional.ofNullable(scoring).filter(h -> !h.state().finished());
    }

    private void apply(ScoringResult r) {
        scoring = null;
        for (PairRow row : pairs.rows()) {
            row.scores().clear();
        }
        for (ModelEvaluation ev : r.evaluations()) {
            for (int i = 0; i < r.rows().size(); i++) {
                r.rows().get(i).scores().put(ev.model(), new PairScore(ev.cosine()[i], ev.scaled()[i]));
            }
        }
        List<String> names = r.evaluations().stream().map(ModelEvaluation::model).toList();
        if (!names.equals(scoredModels)) {
            scoredModels.setAll(names);
        }
        result.set(r);
        scatter.show(r);
        metrics.show(r);
    }

    /** The workspace as it stands now. */
    public Workspace snapshot() {
        List<Workspace.PairData> data = pairs.rows().stream()
                .map(r -> new Workspace.PairData(r.sentence1(), r.sentence2(), r.gold())).toList();
        Path file = pairs.openedFileProperty().get();
        return new Workspace(data, models.addedIds(), models.selectedIds(),
                file == null ? null : file.toString(), pairs.dirtyProperty().get(), layout.get());
    }

    /** Saves the workspace (on the save executor; errors go to the status bar). */
    public void autosave() {
        if (restoring) {
            return;
        }
        Workspace w = snapshot();
        saveExecutor.execute(() -> {
            try {
                store.save(w);
            } catch (IOException e) {
                try {
                    javafx.application.Platform.runLater(() -> status.report("saving the workspace", e));
                } catch (IllegalStateException noToolkit) {
                    status.report("saving the workspace", e);
                }
            }
        });
    }

    /** Saves now on the calling thread (window closing). */
    public void saveNow() throws IOException {
        store.save(snapshot());
    }
}
