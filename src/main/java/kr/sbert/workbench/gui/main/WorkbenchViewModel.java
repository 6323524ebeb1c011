package kr.sbert.workbench.gui.main;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import kr.sbert.workbench.core.data.SentencePair;
import kr.sbert.workbench.core.task.CancelToken;
import kr.sbert.workbench.core.task.CancelledException;
import kr.sbert.workbench.core.task.ProgressListener;
import kr.sbert.workbench.core.text.TextTokenizer;
import kr.sbert.workbench.gui.metrics.MetricsViewModel;
import kr.sbert.workbench.gui.models.ModelEntry;
import kr.sbert.workbench.gui.models.ModelState;
import kr.sbert.workbench.gui.models.ModelsViewModel;
import kr.sbert.workbench.gui.pairs.PairRow;
import kr.sbert.workbench.gui.pairs.PairScore;
import kr.sbert.workbench.gui.pairs.PairsViewModel;
import kr.sbert.workbench.gui.scatter.ScatterViewModel;
import kr.sbert.workbench.gui.service.LoadedModel;
import kr.sbert.workbench.gui.service.ModelEvaluation;
import kr.sbert.workbench.gui.service.PairedDifference;
import kr.sbert.workbench.gui.service.WorkbenchBackend;
import kr.sbert.workbench.gui.status.StatusViewModel;
import kr.sbert.workbench.gui.task.TaskHandle;
import kr.sbert.workbench.gui.task.TaskRunner;
import kr.sbert.workbench.gui.task.TaskState;
import kr.sbert.workbench.gui.tokens.TokenizerPreviews;
import kr.sbert.workbench.gui.tokens.TokensViewModel;
import kr.sbert.workbench.gui.workspace.Workspace;
import kr.sbert.workbench.gui.workspace.WorkspaceStore;

/**
 * The window's state and its one workflow: whenever the ticked ready models or the pairs
 * change, bring the scores up to date in the background — encoding only sentences no model
 * has seen (the core's embedding cache), recomputing only the metrics when only gold
 * changed — have the core evaluate the scores, and show them in the table, scatter and
 * metrics. Requests during a run coalesce into one more run. The workspace is saved after
 * every change.
 */
public final class WorkbenchViewModel {
    /** The baseline ticked on a first start. */
    public static final String DEFAULT_BASELINE = "baseline:char-ngram";
    private static final String NOT_SCORED = "not scored (cancelled): press Score";

    private final WorkbenchBackend backend;
    private final TaskRunner runner;
    private final WorkspaceStore store;
    private final Executor saveExecutor;
    private final StatusViewModel status;
    private final ModelsViewModel models;
    private final PairsViewModel pairs;
    private final TokensViewModel tokens;
    private final TokenizerPreviews tokenizerPreviews;
    private final ScatterViewModel scatter;
    private final MetricsViewModel metrics;
    private final kr.sbert.workbench.gui.explain.ExplainViewModel explain;
    private final kr.sbert.workbench.gui.vocab.VocabViewModel vocab;
    private final kr.sbert.workbench.gui.slices.SliceSelectorViewModel slices;
    private final ObjectProperty<ScoringResult> result = new SimpleObjectProperty<>(ScoringResult.EMPTY);
    private final ObservableList<String> scoredModels = FXCollections.observableArrayList();
    private final BooleanProperty stale = new SimpleBooleanProperty();
    private final ObjectProperty<Workspace.WindowLayout> layout = new SimpleObjectProperty<>();
    private final ObservableList<String> notScored = FXCollections.observableArrayList();
    private TaskHandle scoring;
    private boolean restoring;
    private boolean busy;
    private boolean pending;
    private Scored scored = Scored.NONE;
    private Shown shown;
    private String lastSummary = "";
    private int rowsWhenInfoSet = -1;
    // The last message about the pairs (a file opened, rows pasted): a run's summary is added to it.
    private String stickyInfo = "";

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
        this.tokenizerPreviews = new TokenizerPreviews(backend, runner, status, models, tokens);
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
            clearScatterOfAnotherTable();
            autosave();
        });
        // A message about the pairs (a file opened, rows pasted) stays until the row count changes.
        status.infoProperty().addListener((obs, was, now) -> {
            if (!now.equals(lastSummary)) {
                rowsWhenInfoSet = pairs.rows().size();
                stickyInfo = now;
            }
        });
        pairs.selectedProperty().addListener((obs, was, now) -> {
            if (was != null) {
                was.sentence1Property().removeListener(selectedEdited);
                was.sentence2Property().removeListener(selectedEdited);
            }
            if (now != null) {
                now.sentence1Property().addListener(selectedEdited);
                now.sentence2Property().addListener(selectedEdited);
                tokens.textProperty().set(now.sentence1());
            }
            explainSelected();
        });
    }

    // An edit of the selected pair's sentences (typed, pasted over, undone) reaches every view
    // that shows it at once: Tokens (when it shows that sentence), Explain, Quick compare's copy.
    private final javafx.beans.value.ChangeListener<String> selectedEdited = this::selectedSentenceEdited;

    private void selectedSentenceEdited(javafx.beans.value.ObservableValue<? extends String> obs, String was, String now) {
        PairRow row = pairs.selectedProperty().get();
        if (row == null) {
            return;
        }
        boolean first = obs == row.sentence1Property();
        if (java.util.Objects.equals(tokens.textProperty().get(), was)) {
            tokens.textProperty().set(now);
        }
        String old1 = first ? was : row.sentence1();
        String old2 = first ? row.sentence2() : was;
        if (old1.equals(pairs.quickSentence1Property().get()) && old2.equals(pairs.quickSentence2Property().get())) {
            pairs.quickSentence1Property().set(row.sentence1());
            pairs.quickSentence2Property().set(row.sentence2());
            if (!pairs.quickResults().isEmpty()) {
                pairs.quickCompare(models.selectedReady(), result.get());
            }
        }
        explainSelected();
    }

    /**
     * A new table (a file opened, a new empty table) clears the scatter at once: the old file's
     * points must not stay up while the new one is scored.
     */
    private void clearScatterOfAnotherTable() {
        List<PairRow> shownRows = result.get().rows();
        if (shownRows.isEmpty()) {
            return;
        }
        PairRow first = shownRows.get(0);
        for (PairRow r : pairs.rows()) {
            if (r == first) {
                return;
            }
        }
        scatter.show(ScoringResult.EMPTY);
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

    /** Tokens of catalog variants that are not downloaded, from their tokenizer alone. */
    public TokenizerPreviews tokenizerPreviews() {
        return tokenizerPreviews;
    }

    public ScatterViewModel scatter() {
        return scatter;
    }

    public MetricsViewModel metrics() {
        return metrics;
    }

    /** Where the workspace is kept (the Train tab keeps its form and runs list beside it). */
    public WorkspaceStore store() {
        return store;
    }

    /** Where workspace files are written (a background thread in the app, the caller's in tests). */
    public Executor saveExecutor() {
        return saveExecutor;
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
                if (w.pairs().isEmpty() && w.undoPairs().isEmpty()) {
                    loadSample();
                } else {
                    pairs.replaceAll(rowsOf(w.pairs()), w.openedFile() == null ? null : Path.of(w.openedFile()), w.dirty());
                    // A table emptied by mistake (or cut down) comes back with Ctrl+Z after a restart too.
                    pairs.offerUndo(rowsOf(w.undoPairs()));
                    reattachOpenedFile(w);
                    status.info("workspace restored: " + w.pairs().size() + " pairs"
                            + (w.undoPairs().isEmpty() ? "" : "; Edit → Undo brings back the table of "
                            + w.undoPairs().size() + " pairs from before the last deletion"));
                }
                layout.set(w.window());
                models.restore(w.addedModels(), w.selectedModels(), w.modelChoices());
            } else {
                loadSample();
                models.find(DEFAULT_BASELINE).ifPresent(e -> e.setSelected(true));
            }
        } finally {
            restoring = false;
        }
        updateTokenizers();
        score();
        tokenizerPreviews.start(); // after the scoring task, which stays first in the status bar
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

    /**
     * The Score button: scores now, and says so when there is nothing to do (no ticked ready
     * model, no complete row, or every score already up to date).
     */
    public void scoreNow() {
        if (models.selectedReady().isEmpty()) {
            status.info("Score: nothing to score — tick a ready model first");
            return;
        }
        if (pairs.rows().stream().noneMatch(r -> !r.sentence1().isBlank() && !r.sentence2().isBlank())) {
            status.info("Score: nothing to score — no row has both sentences");
            return;
        }
        boolean upToDate = !busy && !stale.get() && shown != null
                && sameElements(shown.models(), models.selectedReady().stream().map(ModelEntry::loaded).toList())
                && shown.rows().size() == pairs.rows().stream()
                        .filter(r -> !r.sentence1().isBlank() && !r.sentence2().isBlank()).count();
        score();
        if (upToDate && scoring == null) {
            ScoringResult r = result.get();
            status.info("Score: nothing to do — the scores of " + r.rows().size() + " pairs × " + r.evaluations().size()
                    + (r.evaluations().size() == 1 ? " model are" : " models are") + " up to date");
        }
    }

    /**
     * Brings scores and metrics up to date with the pairs and the ticked ready models, doing
     * only the work that changed: when the sentences are those of the last run (a gold edit, an
     * incomplete row added, a model re-ticked) only the metrics are recomputed, in the
     * background; otherwise each model scores the pairs again, its embeddings coming from the
     * cache for every sentence it has seen. Rows missing a sentence are not scored. Requests
     * made while a run is going coalesce: when it ends, one more run brings everything to the
     * latest state, and only that run's result is shown.
     */
    public void score() {
        if (busy) {
            pending = true;
            return;
        }
        stale.set(false);
        List<ModelEntry> entries = models.selectedReady();
        // Taken now, on the UI thread: the run must not see an entry unloaded meanwhile.
        List<Chosen> chosen = entries.stream().map(e -> new Chosen(e.id(), e.loaded())).toList();
        List<PairRow> rows = new ArrayList<>();
        List<SentencePair> input = new ArrayList<>();
        List<PairRow> all = pairs.rows();
        for (int i = 0; i < all.size(); i++) {
            PairRow r = all.get(i);
            if (!r.sentence1().isBlank() && !r.sentence2().isBlank()) {
                rows.add(r);
                input.add(r.toPair(i + 1));
            }
        }
        int incomplete = all.size() - rows.size();
        Double[] gold = rows.stream().map(PairRow::gold).toArray(Double[]::new);
        if (chosen.isEmpty() || rows.isEmpty()) {
            apply(new ScoringResult(rows, gold, List.of(), null), incomplete);
            shown = null;
            return;
        }
        List<LoadedModel> loadedNow = chosen.stream().map(Chosen::model).toList();
        if (shown != null && sameElements(shown.models(), loadedNow) && sameElements(shown.rows(), rows)
                && sameSentences(shown.pairs(), input)
                && java.util.Arrays.equals(shown.gold(), gold)) {
            ScoringResult r = result.get(); // the scores are up to date; the row count may not be
            showSummary(new ScoringResult(r.rows(), r.gold(), r.evaluations(), r.difference(), r.notScored(), 0),
                    incomplete);
            return;
        }
        Map<LoadedModel, double[]> reuse = sameSentences(scored.pairs(), input) ? scored.cosines() : Map.of();
        List<String> toScore = chosen.stream().filter(m -> !reuse.containsKey(m.model())).map(Chosen::id).toList();
        String title = toScore.isEmpty() ? "Updating metrics of " + input.size() + " pairs"
                : "Scoring " + input.size() + " pairs × " + toScore.size() + (toScore.size() == 1 ? " model" : " models");
        busy = true;
        // A cancelled run ends CANCELLED (no result callback); what it finished arrives through here.
        AtomicReference<Outcome> partial = new AtomicReference<>();
        TaskHandle handle = runner.submit(title, (progress, cancel) -> {
                    Outcome o = run(chosen, input, rows, gold, reuse, progress, cancel);
                    if (o.result().cancelled()) {
                        partial.set(o);
                        throw new CancelledException();
                    }
                    return o;
                },
                outcome -> finished(outcome, incomplete),
                e -> {
                    finishedWithoutResult();
                    status.report("scoring", e);
                });
        if (handle.state() == TaskState.CANCELLED) {
            cancelled(partial.get(), toScore, incomplete);
        } else if (!handle.state().finished()) {
            scoring = handle;
            handle.stateProperty().addListener((o, was, now) -> {
                if (now == TaskState.CANCELLED && busy) {
                    cancelled(partial.get(), toScore, incomplete);
                }
            });
        }
    }

    /** A run was cancelled: show what it finished (if anything) and mark the rest not scored. */
    private void cancelled(Outcome partial, List<String> toScore, int incomplete) {
        if (partial == null) {
            cancelledBeforeAnyResult(toScore);
        } else {
            pending = false; // the user stopped the work: do not start it again unasked
            finished(partial, incomplete);
        }
    }

    /** The background part of a run: score what has no scores yet, evaluate every chosen model. */
    private Outcome run(List<Chosen> chosen, List<SentencePair> input, List<PairRow> rows, Double[] gold,
                        Map<LoadedModel, double[]> reuse, ProgressListener progress, CancelToken cancel)
            throws Exception {
        Map<LoadedModel, double[]> cosines = new IdentityHashMap<>(reuse);
        List<String> notScored = new ArrayList<>();
        long encodedBefore = encoded(chosen);
        long cachedBefore = chosen.stream().mapToLong(m -> m.model().cachedSentences()).sum();
        List<Chosen> toScore = chosen.stream().filter(m -> !cosines.containsKey(m.model())).toList();
        long total = (long) input.size() * toScore.size();
        boolean cancelled = false;
        for (int k = 0; k < toScore.size(); k++) {
            Chosen m = toScore.get(k);
            if (cancelled) {
                notScored.add(m.id());
                continue;
            }
            long offset = (long) k * input.size();
            try {
                cosines.put(m.model(), m.model().scorer().score(input,
                        (what, done, all) -> progress.update(m.id(), offset + done, total), cancel));
            } catch (CancelledException e) {
                cancelled = true;
                notScored.add(m.id());
            }
        }
        // Metrics take a moment, not minutes: once the encoding is done they are always finished.
        List<ModelEvaluation> evals = new ArrayList<>();
        for (Chosen m : chosen) {
            double[] cos = cosines.get(m.model());
            if (cos != null) {
                evals.add(backend.evaluate(m.id(), input, cos, CancelToken.NONE));
            }
        }
        PairedDifference diff = null;
        if (evals.size() >= 2 && evals.get(0).metrics() != null && evals.get(1).metrics() != null) {
            diff = backend.compare(input, evals.get(0), evals.get(1), CancelToken.NONE);
        }
        long encodedNow = encoded(chosen) - encodedBefore;
        long cachedNow = chosen.stream().mapToLong(m -> m.model().cachedSentences()).sum() - cachedBefore;
        return new Outcome(new Scored(input, cosines),
                new ScoringResult(rows, gold, evals, diff, notScored, encodedNow, cachedNow),
                new Shown(rows, input, gold, chosen.stream().map(Chosen::model).toList()));
    }

    private static long encoded(List<Chosen> models) {
        return models.stream().mapToLong(m -> m.model().encodedSentences()).sum();
    }

    /** The same objects in the same order (rows and loaded models are compared by identity). */
    private static boolean sameElements(List<?> a, List<?> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i) != b.get(i)) {
                return false;
            }
        }
        return true;
    }

    /** Same sentences in the same order (gold may differ). */
    private static boolean sameSentences(List<SentencePair> a, List<SentencePair> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).sentence1().equals(b.get(i).sentence1()) || !a.get(i).sentence2().equals(b.get(i).sentence2())) {
                return false;
            }
        }
        return true;
    }

    private void finished(Outcome outcome, int incomplete) {
        busy = false;
        scoring = null;
        // The work is kept even when its result is superseded: the next run reuses it.
        Set<LoadedModel> alive = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        models.entries().forEach(e -> alive.add(e.loaded()));
        Map<LoadedModel, double[]> kept = new IdentityHashMap<>(outcome.scored().cosines());
        kept.keySet().retainAll(alive);
        scored = new Scored(outcome.scored().pairs(), kept);
        if (pending) {
            pending = false;
            score();
            return;
        }
        apply(outcome.result(), incomplete);
        shown = outcome.result().cancelled() ? null : outcome.shown();
    }

    private void finishedWithoutResult() {
        busy = false;
        scoring = null;
        if (pending) {
            pending = false;
            score();
        }
    }

    private void cancelledBeforeAnyResult(List<String> ids) {
        shown = null;
        markNotScored(ids);
        lastSummary = "scoring cancelled: " + String.join(", ", ids) + " not scored; press Score to score "
                + (ids.size() == 1 ? "it" : "them");
        status.info(lastSummary);
        busy = false;
        scoring = null;
        pending = false;
    }

    /** The running scoring task, if any. */
    public Optional<TaskHandle> scoringTask() {
        return Optional.ofNullable(scoring).filter(h -> !h.state().finished());
    }

    /** Ticked ready models the last run did not score (it was cancelled); Score scores them. */
    public ObservableList<String> notScoredModels() {
        return notScored;
    }

    private void apply(ScoringResult r, int incomplete) {
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
        markNotScored(r.notScored());
        showSummary(r, incomplete);
    }

    private void showSummary(ScoringResult r, int incomplete) {
        String summary = summary(r, incomplete);
        // A message about the pairs stays while the row count is unchanged, with the run's summary
        // after it: every run says what it encoded.
        boolean sticky = !r.cancelled() && !stickyInfo.isEmpty() && pairs.rows().size() == rowsWhenInfoSet;
        String line = sticky ? stickyInfo + " · " + summary : summary;
        // A run that worked also clears an error left by an earlier action.
        if (sticky || r.cancelled() || status.infoProperty().get().equals(lastSummary)
                || pairs.rows().size() != rowsWhenInfoSet || !status.errorProperty().get().isEmpty()) {
            lastSummary = line;
            status.info(line);
        }
    }

    private String summary(ScoringResult r, int incomplete) {
        StringBuilder sb = new StringBuilder();
        sb.append(r.rows().size()).append(r.rows().size() == 1 ? " pair" : " pairs");
        if (incomplete > 0) {
            sb.append(" (").append(incomplete).append(incomplete == 1 ? " row lacks" : " rows lack")
                    .append(" a sentence: not scored)");
        }
        int models = r.evaluations().size();
        if (models > 0) {
            sb.append(" × ").append(models).append(models == 1 ? " model" : " models").append(" · ")
                    .append(String.format(java.util.Locale.ROOT, "%,d", r.encoded()))
                    .append(r.encoded() == 1 ? " sentence" : " sentences").append(" encoded");
            if (r.cached() > 0) {
                sb.append(String.format(java.util.Locale.ROOT, ", %,d from the cache", r.cached()));
            }
        }
        if (r.cancelled()) {
            sb.append(" · scoring cancelled: ").append(String.join(", ", r.notScored()))
                    .append(" not scored; press Score to score ").append(r.notScored().size() == 1 ? "it" : "them");
        }
        return sb.toString();
    }

    private void markNotScored(List<String> ids) {
        notScored.setAll(ids);
        for (ModelEntry e : models.entries()) {
            if (e.state() != ModelState.READY) {
                continue;
            }
            String text = e.stateTextProperty().get();
            if (ids.contains(e.id())) {
                e.stateTextProperty().set(ModelState.READY.label() + " · " + NOT_SCORED);
            } else if (text != null && text.contains(NOT_SCORED)) {
                e.stateTextProperty().set(ModelState.READY.label());
            }
        }
    }

    /** What the last runs computed: the sentences scored and each loaded model's cosines on them. */
    private record Scored(List<SentencePair> pairs, Map<LoadedModel, double[]> cosines) {
        static final Scored NONE = new Scored(List.of(), Map.of());
    }

    /** A ticked ready model as a run sees it. */
    private record Chosen(String id, LoadedModel model) {
    }

    /** A run's result and the work it did. */
    private record Outcome(Scored scored, ScoringResult result, Shown shown) {
    }

    /** What the shown result was computed from: sentences, gold and models. */
    private record Shown(List<PairRow> rows, List<SentencePair> pairs, Double[] gold, List<LoadedModel> models) {
    }

    /** The workspace as it stands now. */
    public Workspace snapshot() {
        Path file = pairs.openedFileProperty().get();
        kr.sbert.workbench.gui.pairs.FileStamp stamp = pairs.sourceProperty().get() == null ? null : pairs.openedStamp();
        return new Workspace(pairData(pairs.rows()), models.addedIds(), models.selectedIds(),
                file == null ? null : file.toString(), pairs.dirtyProperty().get(), layout.get(),
                pairData(pairs.beforeLastRemoval()), stamp == null ? null
                : new Workspace.OpenedFile(stamp.size(), stamp.modified(), pairs.goldFieldProperty().get().name()),
                models.choices());
    }

    private static List<Workspace.PairData> pairData(List<PairRow> rows) {
        return rows.stream().map(r -> new Workspace.PairData(r.sentence1(), r.sentence2(), r.gold(),
                r.origin() < 0 ? null : r.origin())).toList();
    }

    private static List<PairRow> rowsOf(List<Workspace.PairData> data) {
        return data.stream().map(p -> new PairRow(p.sentence1(), p.sentence2(), p.gold(), Map.of(),
                p.origin() == null ? -1 : p.origin())).toList();
    }

    /**
     * After a restart: reads the opened file again in the background and, when it is unchanged
     * since it was read, gives the rows back their columns (genre, source, …) and the file's
     * layout for saving. A file changed or gone meanwhile is left alone (and never overwritten).
     */
    private void reattachOpenedFile(Workspace w) {
        if (w.openedFile() == null || w.opened() == null) {
            return;
        }
        Path file = Path.of(w.openedFile());
        kr.sbert.workbench.gui.pairs.FileStamp stamp = new kr.sbert.workbench.gui.pairs.FileStamp(
                w.opened().size(), w.opened().modified());
        if (!stamp.equals(kr.sbert.workbench.gui.pairs.FileStamp.of(file))) {
            return;
        }
        kr.sbert.workbench.core.data.GoldField gold = kr.sbert.workbench.core.data.GoldField.LABEL;
        for (kr.sbert.workbench.core.data.GoldField g : kr.sbert.workbench.core.data.GoldField.values()) {
            if (g.name().equals(w.opened().goldField())) {
                gold = g;
            }
        }
        pairs.goldFieldProperty().set(gold);
        kr.sbert.workbench.core.data.ReadOptions options = new kr.sbert.workbench.core.data.ReadOptions(null, gold, true);
        runner.submit("Reading the columns of " + file.getFileName(), (progress, cancel) -> backend.readPairs(file, options),
                f -> pairs.reattach(f.source(), stamp),
                e -> status.report("reading the columns of " + file.getFileName(), e));
    }

    /** Saves the workspace (on the save executor; errors go to the status bar). */
    public void autosave() {
        if (restoring) {
            return;
        }
        Workspace w = snapshot();
        if (saveExecutor instanceof java.util.concurrent.ExecutorService es && es.isShutdown()) {
            return; // the window is closing: it saves the workspace itself, last
        }
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
