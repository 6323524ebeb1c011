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
import kr.sbert.workbench.core.data.SentencePair;
import kr.sbert.workbench.core.eval.Calibration;
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
    private Predicate<String> confirmDiscard = q -> true;
    private Runnable onEdited = () -> { };
    private boolean replacing;

    public PairsViewModel(WorkbenchBackend backend, TaskRunner runner, StatusViewModel status) {
        this.backend = backend;
        this.runner = runner;
        this.status = status;
        rows.addListener((ListChangeListener<PairRow>) c -> {
            if (!replacing) {
                dirty.set(true);
                onEdited.run();
            }
        });
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
        } catch (IllegalArgumentException e) {
            status.report("paste", e);
            return 0;
        }
        rows.addAll(pasted);
        status.info("pasted " + pasted.size() + " rows");
        return pasted.size();
    }

    /** Whether unsaved edits may be dropped (asks when there are some). */
    public boolean mayDiscardEdits() {
        if (!dirty.get() || rows.isEmpty()) {
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
        runner.submit("Opening " + file.getFileName(), (progress, cancel) -> backend.readPairs(file),
                this::show,
                e -> status.report("opening " + file.getFileName(), e));
    }

    /** Shows pairs read from a file. */
    public void show(PairFile f) {
        replaceAll(f.pairs().stream().map(PairRow::of).toList(), f.file(), false);
        StringBuilder sb = new StringBuilder();
        sb.append(f.file() == null ? "sample data" : f.file().getFileName().toString())
                .append(": ").append(f.pairs().size()).append(" pairs, ").append(f.format())
                .append(", ").append(f.encoding());
        f.notes().forEach(n -> sb.append("; ").append(n));
        status.info(sb.toString());
    }

    /**
     * Saves the rows with their gold as TSV or CSV by the file's extension. A name ending in
     * {@code .csv.tsv} / {@code .tsv.csv} (a file dialog appended its filter's extension to a
     * name the user typed with one) loses the appended part; a name with neither gets {@code .tsv}.
     */
    public void save(Path chosen) {
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

    /** Scores the quick-compare pair with every given model (in the background). */
    public void quickCompare(List<ModelEntry> models) {
        String s1 = quickSentence1.get();
        String s2 = quickSentence2.get();
        if (s1.isBlank() || s2.isBlank()) {
            quickResults.clear();
            return;
        }
        List<SentencePair> one = List.of(new SentencePair(s1, s2, null, 0));
        runner.submit("Quick compare", (progress, cancel) -> {
                    List<QuickResult> out = new ArrayList<>();
                    for (ModelEntry m : models) {
                        double[] cos = m.loaded().scorer().score(one, progress, cancel);
                        out.add(new QuickResult(m.id(), cos[0], Calibration.plain(cos)[0]));
                    }
                    return out;
                },
                quickResults::setAll,
                e -> status.report("quick compare", e));
    }
}
