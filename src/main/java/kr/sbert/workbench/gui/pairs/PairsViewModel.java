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
import kr.sbert.workbench.core.data.StsRewriter;
import kr.sbert.workbench.core.data.StsSource;
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
    private final ObjectProperty<StsSource> source = new SimpleObjectProperty<>();
    // The opened file's size and time when read: Overwrite is refused once it changed on disk.
    private FileStamp openedStamp;
    private final EditHistory history = new EditHistory();
    private Predicate<String> confirmDiscard = q -> true;
    private Predicate<String> confirmDelete = q -> true;
    private Runnable onEdited = () -> { };
    private boolean replacing;
    // Undo or redo is changing the rows: not a new step.
    private boolean applying;
    // The rows after the last structural change: the "before" of the next one.
    private List<PairRow> mirror = List.of();
    // Names the next add/remove step ("paste of 3 rows"); null: named by what changed.
    private String nextStep;
    // The table before the last step that removed rows, kept in the workspace so a restart can undo it.
    private List<PairRow> beforeLastRemoval = List.of();
    private final javafx.beans.value.ChangeListener<Object> cellListener = this::cellEdited;

    public PairsViewModel(WorkbenchBackend backend, TaskRunner runner, StatusViewModel status) {
        this.backend = backend;
        this.runner = runner;
        this.status = status;
        filter.addListener((o, was, now) -> filtered.setPredicate(matching(now)));
        rows.addListener((ListChangeListener<PairRow>) this::rowsChanged);
        history.atSavedProperty().addListener((o, was, now) -> dirty.set(!now));
    }

    /** Rows more than this many are deleted only after asking. */
    public static final int ASK_BEFORE_DELETING = 5;

    private void rowsChanged(ListChangeListener.Change<? extends PairRow> c) {
        List<PairRow> removed = new ArrayList<>();
        List<PairRow> added = new ArrayList<>();
        boolean structural = false;
        while (c.next()) {
            if (c.wasPermutated() || c.wasAdded() || c.wasRemoved()) {
                structural = true;
            }
            removed.addAll(c.getRemoved());
            added.addAll(c.getAddedSubList());
        }
        removed.forEach(this::unwatch);
        added.forEach(this::watch);
        PairRow current = selected.get();
        if (current != null && !removed.isEmpty() && removed.stream().anyMatch(r -> r == current)
                && rows.stream().noneMatch(r -> r == current)) {
            // the selected pair is gone: no view may keep showing it (details, tokens, explain)
            selected.set(null);
        }
        if (structural) {
            List<PairRow> before = mirror;
            List<PairRow> after = List.copyOf(rows);
            mirror = after;
            if (!replacing && !applying) {
                String what = nextStep != null ? nextStep : describe(before.size(), after.size());
                if (after.size() < before.size()) {
                    beforeLastRemoval = before;
                }
                history.record(step(what, () -> rows.setAll(before), () -> rows.setAll(after)));
            }
            nextStep = null;
        }
        if (!replacing) {
            if (!applying && !structural) {
                return; // a cell edit: cellEdited records it and says so
            }
            onEdited.run();
        }
    }

    private static String describe(int before, int after) {
        int n = Math.abs(after - before);
        return after < before ? "deletion of " + rowCount(n) : after > before ? "addition of " + rowCount(n) : "row change";
    }

    private static String rowCount(int n) {
        return String.format(java.util.Locale.ROOT, "%,d %s", n, n == 1 ? "row" : "rows");
    }

    private void watch(PairRow r) {
        r.sentence1Property().addListener(cellListener);
        r.sentence2Property().addListener(cellListener);
        r.goldProperty().addListener(cellListener);
    }

    private void unwatch(PairRow r) {
        r.sentence1Property().removeListener(cellListener);
        r.sentence2Property().removeListener(cellListener);
        r.goldProperty().removeListener(cellListener);
    }

    @SuppressWarnings("unchecked")
    private void cellEdited(javafx.beans.value.ObservableValue<?> changed, Object was, Object now) {
        if (replacing) {
            return;
        }
        if (!applying) {
            javafx.beans.property.Property<Object> cell = (javafx.beans.property.Property<Object>) changed;
            PairRow row = (PairRow) cell.getBean();
            history.record(step("edit of " + cell.getName(), () -> {
                cell.setValue(was);
                selected.set(row);
            }, () -> {
                cell.setValue(now);
                selected.set(row);
            }));
        }
        onEdited.run();
    }

    private EditHistory.Step step(String what, Runnable undo, Runnable redo) {
        return new EditHistory.Step() {
            @Override
            public String what() {
                return what;
            }

            @Override
            public void undo() {
                applying(undo);
            }

            @Override
            public void redo() {
                applying(redo);
            }
        };
    }

    private void applying(Runnable r) {
        applying = true;
        try {
            r.run();
        } finally {
            applying = false;
        }
    }

    /** Undoes the last edit of the table (cell, paste, add, delete, clear, open); false when there is none. */
    public boolean undo() {
        String what = history.undoTextProperty().get();
        if (!history.undo()) {
            status.info("nothing to undo");
            return false;
        }
        status.info(what.replaceFirst("^Undo", "undone:") + " (" + rowCount(rows.size()) + ")");
        return true;
    }

    /** Redoes the last undone edit; false when there is none. */
    public boolean redo() {
        String what = history.redoTextProperty().get();
        if (!history.redo()) {
            status.info("nothing to redo");
            return false;
        }
        status.info(what.replaceFirst("^Redo", "redone:") + " (" + rowCount(rows.size()) + ")");
        return true;
    }

    /** "Undo deletion of 3 rows" (or "Undo"): the Edit menu's text. */
    public javafx.beans.property.ReadOnlyStringProperty undoTextProperty() {
        return history.undoTextProperty();
    }

    public javafx.beans.property.ReadOnlyStringProperty redoTextProperty() {
        return history.redoTextProperty();
    }

    public javafx.beans.property.ReadOnlyBooleanProperty canUndoProperty() {
        return history.canUndoProperty();
    }

    public javafx.beans.property.ReadOnlyBooleanProperty canRedoProperty() {
        return history.canRedoProperty();
    }

    /** How many steps can be undone now. */
    public int undoDepth() {
        return history.depth();
    }

    /** The table before the last step that removed rows (delete, clear, open over it), or empty. */
    public List<PairRow> beforeLastRemoval() {
        return beforeLastRemoval;
    }

    /**
     * Makes {@code earlier} (a table kept by the workspace from before its last removal) one undo
     * step back from the rows now: after a restart, Ctrl+Z still brings back what was deleted.
     */
    public void offerUndo(List<PairRow> earlier) {
        if (earlier.isEmpty()) {
            return;
        }
        List<PairRow> before = List.copyOf(earlier);
        List<PairRow> after = List.copyOf(rows);
        Path file = openedFile.get();
        StsSource src = source.get();
        beforeLastRemoval = before;
        boolean clean = !dirty.get();
        history.record(step("removal of " + rowCount(Math.max(before.size() - after.size(), 0))
                        + " (before the restart)",
                () -> replace(before, file, src), () -> replace(after, file, src)));
        if (clean) {
            history.markSaved();
        }
    }

    /** Asked (with a question) before more than {@link #ASK_BEFORE_DELETING} rows are deleted; true = go ahead. */
    public void setConfirmDelete(Predicate<String> confirm) {
        this.confirmDelete = confirm;
    }

    /** The opened file's size and time when it was read, or null. */
    public FileStamp openedStamp() {
        return openedStamp;
    }

    /**
     * Ties restored rows to the opened file again (after a restart): when the file is unchanged
     * since it was read ({@code stamp}), each row with an origin gets its record's other columns,
     * and saves keep the file's layout. Not an edit.
     */
    public void reattach(StsSource src, FileStamp stamp) {
        if (src == null || stamp == null || !stamp.equals(FileStamp.of(src.file()))
                || !src.file().equals(openedFile.get())) {
            return;
        }
        for (PairRow r : rows) {
            if (r.origin() >= 0 && r.origin() < src.size()) {
                r.attachOrigin(r.origin(), src.original(r.origin()).attributes());
            } else {
                r.attachOrigin(-1, r.attributes());
            }
        }
        source.set(src);
        openedStamp = stamp;
        onEdited.run(); // the rows have their columns again: slices can use them
    }

    /** The opened file as read (layout, columns), or null for rows from no file. */
    public ObjectProperty<StsSource> sourceProperty() {
        return source;
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

    /** Replaces all rows and forgets the undo steps (workspace restored, edits discarded on quit). */
    public void replaceAll(Collection<PairRow> newRows, Path file, boolean isDirty) {
        replace(newRows, file, null);
        history.reset(!isDirty);
        dirty.set(isDirty);
    }

    private void replace(Collection<PairRow> newRows, Path file, StsSource src) {
        replace(newRows, file, src, src == null ? null : FileStamp.of(file));
    }

    private void replace(Collection<PairRow> newRows, Path file, StsSource src, FileStamp stamp) {
        openedStamp = stamp;
        replacing = true;
        try {
            rows.setAll(newRows);
        } finally {
            replacing = false;
        }
        openedFile.set(file);
        source.set(src);
        selected.set(rows.isEmpty() ? null : rows.get(0));
        onEdited.run();
    }

    /** Replaces all rows as one undoable step (a file opened, a new table); {@code saved}: the result is a file's state. */
    private void replaceUndoably(List<PairRow> newRows, Path file, StsSource src, String what, boolean saved) {
        List<PairRow> before = List.copyOf(rows);
        Path fileBefore = openedFile.get();
        StsSource sourceBefore = source.get();
        FileStamp stampBefore = openedStamp;
        if (!before.isEmpty()) {
            beforeLastRemoval = before;
        }
        int savedBefore = history.savedPosition();
        replace(newRows, file, src);
        FileStamp stampAfter = openedStamp;
        List<PairRow> after = List.copyOf(rows);
        int[] savedAfter = {-1};
        // Undoing an open returns to the earlier file's rows, clean if they were as saved there.
        history.record(step(what, () -> {
            replace(before, fileBefore, sourceBefore, stampBefore);
            history.markSavedAt(savedBefore);
        }, () -> {
            replace(after, file, src, stampAfter);
            history.markSavedAt(savedAfter[0]);
        }));
        if (saved) {
            history.markSaved();
            savedAfter[0] = history.position();
        }
    }

    public PairRow addRow() {
        PairRow row = new PairRow("", "", null);
        nextStep = "addition of a row";
        rows.add(row);
        selected.set(row);
        return row;
    }

    /**
     * Deletes rows (one undo step); more than {@link #ASK_BEFORE_DELETING} only after asking,
     * naming the count. Returns whether they were deleted.
     */
    public boolean delete(Collection<PairRow> which) {
        if (which.isEmpty()) {
            return false;
        }
        int n = which.size();
        if (n > ASK_BEFORE_DELETING && !confirmDelete.test("Delete " + rowCount(n)
                + (n == rows.size() ? " — every row of the table" : "") + "? (Edit → Undo brings them back.)")) {
            status.info("nothing deleted");
            return false;
        }
        java.util.Set<PairRow> gone = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        gone.addAll(which);
        nextStep = "deletion of " + rowCount(n);
        rows.removeAll(gone);
        status.info("deleted " + rowCount(n) + " (Ctrl+Z brings them back)");
        return true;
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
        nextStep = "paste of " + rowCount(pasted.size());
        rows.addAll(pasted);
        status.info("pasted " + pasted.size() + (pasted.size() == 1 ? " row" : " rows"));
        return pasted.size();
    }

    /** Whether the rows hold edits not saved to a file. */
    public boolean hasUnsavedEdits() {
        return dirty.get();
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
                show(f);
                history.reset(true);
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
        List<PairRow> read = new ArrayList<>(f.pairs().size());
        for (int i = 0; i < f.pairs().size(); i++) {
            read.add(PairRow.of(f.pairs().get(i), f.source() == null ? -1 : i));
        }
        replaceUndoably(read, f.file(), f.source(),
                "opening " + (f.file() == null ? "the sample data" : f.file().getFileName()), true);
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
        replaceUndoably(List.of(), null, null, "new empty table", true);
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
     * Saves the rows. When the name fits the opened file's format they are written in its layout
     * (every column, encoding and line end kept, untouched rows as they were:
     * {@link kr.sbert.workbench.core.data.StsRewriter}); otherwise as TSV or CSV by the extension,
     * with the rows' other columns after the score. A name ending in {@code .csv.tsv} /
     * {@code .tsv.csv} (a file dialog appended its filter's extension to a name the user typed with
     * one) loses the appended part; a name with neither gets {@code .tsv}. Atomic; a read-only
     * file is never written.
     */
    public void save(Path chosen) {
        save(chosen, () -> { });
    }

    /** As {@link #save(Path)}, then runs {@code afterSaved} on success (quitting after Save). */
    public void save(Path chosen, Runnable afterSaved) {
        StsSource src = source.get();
        Path file = saveTarget(chosen, src);
        boolean keepsLayout = src != null && StsRewriter.fits(src, file);
        List<StsRewriter.Row> out = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            PairRow r = rows.get(i);
            out.add(new StsRewriter.Row(r.toPair(i + 1), src == null ? -1 : r.origin()));
        }
        int savedState = history.depth();
        ReadOptions options = new ReadOptions(null, goldField.get(), false);
        runner.submit("Saving " + file.getFileName(), (progress, cancel) -> {
                    backend.writePairs(file, src, out);
                    // A new layout: read back what was written, so later saves keep it (and its columns).
                    return keepsLayout ? src : backend.readPairs(file, options).source();
                },
                written -> {
                    openedFile.set(file);
                    source.set(written);
                    openedStamp = FileStamp.of(file);
                    if (!keepsLayout && written != null && written.size() == rows.size()
                            && history.depth() == savedState) {
                        for (int i = 0; i < rows.size(); i++) {
                            rows.get(i).attachOrigin(i, rows.get(i).attributes());
                        }
                    } else if (!keepsLayout) {
                        source.set(null);
                    }
                    if (history.depth() == savedState) {
                        history.markSaved();
                    }
                    Path saved = file;
                    status.info("saved " + rowCount(out.size()) + " to " + saved
                            + (keepsLayout ? " (" + src.format().cliName() + ", " + src.encoding() + ", every column kept)" : ""));
                    afterSaved.run();
                },
                e -> status.report("saving " + file.getFileName(), e));
    }

    /**
     * Why the opened file may not be overwritten (read-only, gone, not a layout a save can
     * write), or null when it may.
     */
    public String whyNotOverwrite() {
        Path file = openedFile.get();
        if (file == null) {
            return "the rows come from no file";
        }
        StsSource src = source.get();
        if (src == null || !StsRewriter.fits(src, file)) {
            return file.getFileName() + " was not read with its columns in this session";
        }
        String why = kr.sbert.workbench.core.io.UserFiles.whyNotWritable(file);
        if (why != null) {
            return file.getFileName() + " " + why;
        }
        if (openedStamp == null || !openedStamp.equals(FileStamp.of(file))) {
            return file.getFileName() + " changed on disk since it was opened";
        }
        return null;
    }

    /**
     * A name for Save as: beside the opened file, {@code NAME-edited.EXT} (then {@code -edited-2}, …)
     * so nothing existing is replaced; {@code pairs.tsv} when the rows come from no file.
     */
    public Path suggestedSaveName() {
        Path file = openedFile.get();
        if (file == null || file.getFileName() == null) {
            return Path.of("pairs.tsv");
        }
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot) : ".tsv";
        Path dir = file.toAbsolutePath().getParent();
        Path candidate = dir.resolve(stem + "-edited" + ext);
        for (int n = 2; java.nio.file.Files.exists(candidate); n++) {
            candidate = dir.resolve(stem + "-edited-" + n + ext);
        }
        return candidate;
    }

    static Path saveTarget(Path chosen, StsSource src) {
        Path name = chosen.getFileName();
        String lower = name == null ? "" : name.toString().toLowerCase(java.util.Locale.ROOT);
        if (src != null && StsRewriter.fits(src, chosen) && !lower.endsWith(".csv.tsv") && !lower.endsWith(".tsv.csv")) {
            return chosen;
        }
        return saveTarget(chosen);
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
