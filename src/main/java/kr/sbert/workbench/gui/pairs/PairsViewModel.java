package kr.sbert.workbench.gui.pairs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import kr.sbert.workbench.core.InvalidInputException;
import kr.sbert.workbench.core.data.GoldField;
import kr.sbert.workbench.core.data.ReadOptions;
import kr.sbert.workbench.core.data.SentencePair;
import kr.sbert.workbench.core.eval.PredictionsCsv;
import kr.sbert.workbench.gui.main.ScoringResult;
import kr.sbert.workbench.gui.models.ModelEntry;
import kr.sbert.workbench.gui.service.PairFile;
import kr.sbert.workbench.gui.service.WorkbenchBackend;
import kr.sbert.workbench.gui.status.StatusViewModel;
import kr.sbert.workbench.gui.task.TaskRunner;

/**
 * The pairs table's state: rows, the selected row, the file they came from and whether they
 * were edited since, plus the quick-compare box. Edits of any row mark the table dirty and
 * fire {@link #setOnEdited}.
 */
public final class PairsViewModel {
    private final WorkbenchBackend backend;
    private final TaskRunner runner;
    private final StatusViewModel status;
    private final ObservableList<PairRow> rows = FXCollections.observableArrayList(
            r -> new javafx.beans.Observable[] {r.sentence1Property(), r.sentence2Property(), r.goldProperty()});
    private final ObjectProperty<PairRow> selected = new SimpleObjectProperty<>();
    private final ObjectProperty<Path> openedFile = new SimpleObjectProperty<>();
    private final BooleanProperty dirty = new SimpleBooleanProperty();
    private final StringProperty quickSentence1 = new SimpleStringProperty("");
    private final StringProperty quickSentence2 = new SimpleStringProperty("");
    private final ObservableList<QuickResult> quickResults = FXCollections.observableArrayList();
    private final ObjectProperty<GoldField> goldField = new SimpleObjectProperty<>(GoldField.LABEL);
    private final BooleanProperty skipBadRows = new SimpleBooleanProperty();
    private final StringProperty filter = new SimpleStringProperty("");
    private final FilteredList<PairRow> filtered = new FilteredList<>(rows);
    private Predicate<String> confirmDiscard = q -> true;
    private Runnable onEdited = () -> { };
    private boolean replacing;

    public PairsViewModel(WorkbenchBackend backend, TaskRunner runner, StatusViewModel status) {
        this.backend = backend;
        this.runner = runner;
        this.status = status;
        filter.addListener((o, was, now) -> filtered.setPredicate(matching(now)));
        rows.addListener((ListChangeListener<PairRow>) c -> {
            if (!replacing) {
                dirty.set(true);
                onEdited.run();
            }
        });
    }

    /** Rows holding {@code text} in a sentence (case-insensitive), or null (all rows) for blank text. */
    static Predicate<PairRow> matching(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String needle = text.strip().toLowerCase(java.util.Locale.ROOT);
        return r -> r.sentence1().toLowerCase(java.util.Locale.ROOT).contains(needle)
                || r.sentence2().toLowerCase(java.util.Locale.ROOT).contains(needle);
    }

    public ObservableList<PairRow> rows() {
        return rows;
    }

    public ObjectProperty<PairRow> selectedProperty() {
        return selected;
    }

    public ObjectProperty<Path> openedFileProperty() {
        return openedFile;
    }

    public BooleanProperty dirtyProperty() {
        return dirty;
    }

    public StringProperty quickSentence1Property() {
        return quickSentence1;
    }

    public StringProperty quickSentence2Property() {
        return quickSentence2;
    }

    public ObservableList<QuickResult> quickResults() {
        return quickResults;
    }

    /** Asked (with a question) before unsaved edits are discarded; true = go ahead. */
    public void setConfirmDiscard(Predicate<String> confirm) {
        this.confirmDiscard = confirm;
    }

    public void setOnEdited(Runnable r) {
        this.onEdited = r;
    }

    /** The rows as core pairs; {@code line} is the 1-based row number. */
    public List<SentencePair> pairs() {
        List<SentencePair> out = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            out.add(rows.get(i).toPair(i + 1));
        }
        return out;
    }

    /** Replaces all rows without marking them edited (file opened, workspace restored). */
    public void replaceAll(Collection<PairRow> newRows, Path file, boolean isDirty) {
        replacing = true;
        try {
            rows.setAll(newRows);
        } finally {
            replacing = false;
        }
        openedFile.set(file);
        dirty.set(isDirty);
        selected.set(rows.isEmpty() ? null : rows.get(0));
        onEdited.run();
    }

    public PairRow addRow() {
        PairRow row = new PairRow("", "", null);
        rows.add(row);
        selected.set(row);
        return row;
    }

    public void delete(Collection<PairRow> which) {
        rows.removeAll(List.copyOf(which));
    }

    /** Appends rows pasted as tab-separated text; returns how many were added. */
    public int paste(String text) {
        List<PairRow> pasted;
        try {
            pasted = PastedRows.parse(text);
        } catch (InvalidInputException e) {
            status.report("paste", e);
            return 0;
        }
        if (pasted.isEmpty()) {
            status.info("paste: the clipboard holds no rows");
            return 0;
        }
        rows.addAll(pasted);
        status.info("pasted " + pasted.size() + (pasted.size() == 1 ? " row" : " rows"));
        return pasted.size();
    }

    /** Whether the rows hold edits not saved to a file. */
    public boolean hasUnsavedEdits() {
        return dirty.get() && !rows.isEmpty();
    }

    /** Whether Save can write back to {@code file} itself (a TSV or CSV file; others are saved under a new name). */
    public static boolean savesInPlace(Path file) {
        if (file == null || file.getFileName() == null) {
            return false;
        }
        String n = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return n.endsWith(".tsv") || n.endsWith(".csv");
    }

    /**
     * Drops the edits: the rows become the opened file as it is on disk (read again, with the
     * same options), or the sample data when they came from no file or the file is gone.
     * Runs on the calling thread (the window is closing).
     */
    public void revertToSaved() {
        Path file = openedFile.get();
        try {
            if (file != null && java.nio.file.Files.isRegularFile(file)) {
                PairFile f = backend.readPairs(file, new ReadOptions(null, goldField.get(), skipBadRows.get()));
                replaceAll(f.pairs().stream().map(PairRow::of).toList(), file, false);
            } else {
                show(backend.samplePairs());
            }
        } catch (Exception e) {
            status.report("discarding the edits", e);
            replaceAll(List.of(), null, false);
        }
    }

    /** Whether unsaved edits may be dropped (asks when there are some). */
    public boolean mayDiscardEdits() {
        if (!hasUnsavedEdits()) {
            return true;
        }
        String where = openedFile.get() == null ? "the pairs table" : openedFile.get().getFileName().toString();
        return confirmDiscard.test("Discard unsaved edits to " + where + "?");
    }

    /** Opens a pairs file in the background (asking first when edits would be lost). */
    public void open(Path file) {
        if (!mayDiscardEdits()) {
            return;
        }
        ReadOptions options = new ReadOptions(null, goldField.get(), skipBadRows.get());
        runner.submit("Opening " + file.getFileName(), (progress, cancel) -> backend.readPairs(file, options),
                this::show,
                e -> status.report("opening " + file.getFileName(), e));
    }

    /** Shows pairs read from a file; the status line lists every skipped line. */
    public void show(PairFile f) {
        replaceAll(f.pairs().stream().map(PairRow::of).toList(), f.file(), false);
        StringBuilder sb = new StringBuilder();
        sb.append(f.file() == null ? "sample data" : f.file().getFileName().toString())
                .append(": ").append(f.pairs().size()).append(" pairs, ").append(f.format())
                .append(", ").append(f.encoding());
        long skipped = f.notes().stream().filter(n -> n.startsWith("skipped line")).count();
        if (skipped > 0) {
            sb.append("; ").append(skipped).append(skipped == 1 ? " line skipped" : " lines skipped");
        }
        f.notes().forEach(n -> sb.append("; ").append(n));
        status.info(sb.toString());
    }

    /** Which KLUE label is the gold when a KLUE-STS JSON / JSONL file is opened. */
    public ObjectProperty<GoldField> goldFieldProperty() {
        return goldField;
    }

    /** Whether Open leaves malformed rows out (listing them) instead of refusing the file. */
    public BooleanProperty skipBadRowsProperty() {
        return skipBadRows;
    }

    /** Text that rows must contain (in either sentence) to be shown; empty shows all. */
    public StringProperty filterProperty() {
        return filter;
    }

    /** The rows the filter lets through, in table order (a live view of {@link #rows}). */
    public FilteredList<PairRow> filteredRows() {
        return filtered;
    }

    /** Empties the table (asking first when edits would be lost): a new, untitled workspace. */
    public void clear() {
        if (!mayDiscardEdits()) {
            return;
        }
        replaceAll(List.of(), null, false);
        status.info("new empty table: add rows, paste, or open a file");
    }

    /**
     * Writes what {@code eval --out} writes for these scores (the core's {@link PredictionsCsv}):
     * the scored rows with their gold, then per model the cosine and the 0–5 score.
     */
    public void savePredictions(Path file, List<SentencePair> scoredPairs, List<PredictionsCsv.Column> columns) {
        runner.submit("Saving predictions to " + file.getFileName(), (progress, cancel) -> {
                    PredictionsCsv.write(file, scoredPairs, columns);
                    return file;
                },
                saved -> status.info("saved the predictions of " + columns.size()
                        + (columns.size() == 1 ? " model" : " models") + " for " + scoredPairs.size() + " pairs to " + saved),
                e -> status.report("saving predictions", e));
    }

    /**
     * Saves the rows with their gold as TSV or CSV by the file's extension. A name ending in
     * {@code .csv.tsv} / {@code .tsv.csv} (a file dialog appended its filter's extension to a
     * name the user typed with one) loses the appended part; a name with neither gets {@code .tsv}.
     */
    public void save(Path chosen) {
        save(chosen, () -> { });
    }

    /** As {@link #save(Path)}, then runs {@code afterSaved} on success (quitting after Save). */
    public void save(Path chosen, Runnable afterSaved) {
        Path file = saveTarget(chosen);
        List<SentencePair> pairs = pairs();
        runner.submit("Saving " + file.getFileName(), (progress, cancel) -> {
                    backend.writePairs(file, pairs);
                    return file;
                },
                saved -> {
                    openedFile.set(saved);
                    dirty.set(false);
                    status.info("saved " + pairs.size() + " pairs to " + saved);
                    afterSaved.run();
                },
                e -> status.report("saving " + file.getFileName(), e));
    }

    static Path saveTarget(Path chosen) {
        Path name = chosen.getFileName();
        if (name == null) {
            return chosen;
        }
        String n = name.toString();
        String lower = n.toLowerCase(java.util.Locale.ROOT);
        if (lower.endsWith(".csv.tsv") || lower.endsWith(".tsv.csv")) {
            return chosen.resolveSibling(n.substring(0, n.length() - 4));
        }
        if (!lower.endsWith(".tsv") && !lower.endsWith(".csv")) {
            return chosen.resolveSibling(n + ".tsv");
        }
        return chosen;
    }

    /**
     * Scores the quick-compare pair with every given model (in the background) and puts it on
     * the table's 0–5 scale ({@link QuickCompare}): the same calibration the table's rows get.
     */
    public void quickCompare(List<ModelEntry> models, ScoringResult table) {
        String s1 = quickSentence1.get();
        String s2 = quickSentence2.get();
        if (s1.isBlank() || s2.isBlank()) {
            quickResults.clear();
            status.info("quick compare: type both sentences");
            return;
        }
        List<QuickCompare.Model> chosen = models.stream()
                .map(m -> new QuickCompare.Model(m.id(), m.loaded().scorer())).toList();
        runner.submit("Quick compare", (progress, cancel) -> QuickCompare.score(s1, s2, chosen, table, progress, cancel),
                r -> {
                    quickResults.setAll(r);
                    status.info("quick compare: " + r.size() + (r.size() == 1 ? " model" : " models"));
                },
                e -> status.report("quick compare", e));
    }
}
