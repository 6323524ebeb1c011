package kr.sbert.workbench.gui.models;

import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import kr.sbert.workbench.core.InvalidInputException;
import kr.sbert.workbench.core.hub.ModelRef;
import kr.sbert.workbench.gui.service.CatalogVariant;
import kr.sbert.workbench.gui.service.WorkbenchBackend;
import kr.sbert.workbench.gui.status.StatusViewModel;
import kr.sbert.workbench.gui.task.TaskHandle;
import kr.sbert.workbench.gui.task.TaskRunner;
import kr.sbert.workbench.gui.task.TaskState;

/**
 * The models panel: baselines (always available), catalog variants and added models. Ticking
 * a model that is not loaded downloads and loads it in the background; whenever the set of
 * ticked, ready models changes, {@link #setOnReadySelectionChanged} is told.
 */
public final class ModelsViewModel {
    private final WorkbenchBackend backend;
    private final TaskRunner runner;
    private final StatusViewModel status;
    private final ObservableList<ModelEntry> entries = FXCollections.observableArrayList();
    private Runnable onReadySelectionChanged = () -> { };
    private Predicate<ModelEntry> confirmDownload = e -> true;
    private Predicate<ModelEntry> confirmMemory = e -> true;

    public ModelsViewModel(WorkbenchBackend backend, TaskRunner runner, StatusViewModel status) {
        this.backend = backend;
        this.runner = runner;
        this.status = status;
    }

    public ObservableList<ModelEntry> entries() {
        return entries;
    }

    public void setOnReadySelectionChanged(Runnable r) {
        this.onReadySelectionChanged = r;
    }

    /**
     * Asked before a catalog variant that is not downloaded is fetched (the entry's state
     * text names its size); false leaves it unticked and nothing is downloaded.
     */
    public void setConfirmDownload(Predicate<ModelEntry> confirm) {
        this.confirmDownload = confirm;
    }

    /**
     * Asked before a model that is not loaded is loaded (after the download question): false
     * leaves it unticked. The window asks when the model needs more memory than is free.
     */
    public void setConfirmMemory(Predicate<ModelEntry> confirm) {
        this.confirmMemory = confirm;
    }

    /** Lists baselines and catalog variants (call once at start). */
    public void populate() {
        for (String b : backend.baselines()) {
            add(new ModelEntry(b, ModelKind.BASELINE, "built-in lexical baseline", "", true));
        }
        List<CatalogVariant> catalog;
        try {
            catalog = backend.catalog();
        } catch (RuntimeException e) {
            status.report("model catalog", e);
            catalog = List.of();
        }
        for (CatalogVariant v : catalog) {
            add(new ModelEntry(v.id(), ModelKind.CATALOG, v.description(), v.size(), v.cached(), v.kind()));
        }
    }

    private ModelEntry add(ModelEntry e) {
        entries.add(e);
        e.selectedProperty().addListener((obs, was, now) -> selectionChanged(e, now));
        return e;
    }

    public Optional<ModelEntry> find(String id) {
        return entries.stream().filter(e -> e.id().equals(id)).findFirst();
    }

    /**
     * Adds a model folder or hub id (if new) and ticks it, which loads it. A folder that does
     * not exist, or text that is neither a folder nor a hub id, is refused: nothing is added,
     * the status bar says why, and the result is null.
     */
    public ModelEntry addModel(String idOrFolder) {
        String id = idOrFolder.strip();
        if (id.isEmpty()) {
            throw new IllegalArgumentException("empty model id");
        }
        if (find(id).isEmpty()) {
            try {
                ModelRef ref = ModelRef.parse(id);
                if (ref.kind() == ModelRef.Kind.FOLDER && !Files.isDirectory(ref.folder())) {
                    throw new InvalidInputException(Files.exists(ref.folder())
                            ? id + " is a file, not a model folder" : "no such folder: " + id);
                }
                if (ref.kind() == ModelRef.Kind.FOLDER) {
                    // A folder that is not a model (no config.json, a broken modules.json) is refused
                    // with the reason, as a missing one is; only its small JSON files are read here.
                    kr.sbert.workbench.core.model.ModelFolder.read(ref.folder()).requireBertConfig();
                }
            } catch (InvalidInputException | kr.sbert.workbench.core.model.MalformedModelException e) {
                status.report("adding a model", e);
                return null;
            }
        }
        ModelEntry entry = find(id).orElseGet(() -> add(new ModelEntry(id, ModelKind.ADDED, describeAdded(id), "", true)));
        if (entry.isSelected()) {
            selectionChanged(entry, true);
        } else {
            entry.setSelected(true);
        }
        return entry;
    }

    /** Removes an added model (not baselines or catalog variants). */
    public void remove(ModelEntry entry) {
        if (entry.kind() != ModelKind.ADDED) {
            return;
        }
        entry.setSelected(false);
        if (entry.taskProperty().get() != null) {
            entry.taskProperty().get().cancel();
        }
        entry.unload();
        entries.remove(entry);
    }

    /**
     * Sets the pooling and prompt of a model. A loaded model is reloaded with them at once (its
     * numbers change: it is scored anew); an unloaded one uses them when it next loads.
     */
    public void setChoices(ModelEntry entry, kr.sbert.workbench.gui.service.ModelChoices choices) {
        if (entry.kind() == ModelKind.BASELINE || choices.equals(entry.choicesProperty().get())) {
            return;
        }
        entry.choicesProperty().set(choices);
        if (entry.state().busy()) {
            cancel(entry);
        }
        if (entry.loaded() != null) {
            entry.unload();
            entry.setState(entry.restingState(), "");
            onReadySelectionChanged.run(); // the old model's scores go at once
        }
        if (entry.isSelected() && !entry.state().busy()) {
            load(entry);
        }
    }

    /** Cancels the entry's download or load. */
    public void cancel(ModelEntry entry) {
        TaskHandle t = entry.taskProperty().get();
        if (t != null) {
            t.cancel();
        }
    }

    /** Ticked models that are ready to score, in panel order. */
    public List<ModelEntry> selectedReady() {
        return entries.stream().filter(e -> e.isSelected() && e.state() == ModelState.READY).toList();
    }

    public List<String> selectedIds() {
        return entries.stream().filter(ModelEntry::isSelected).map(ModelEntry::id).toList();
    }

    /** The pooling and prompt chosen beside each model that has a choice, for the workspace. */
    public java.util.Map<String, kr.sbert.workbench.gui.workspace.Workspace.ModelChoiceData> choices() {
        java.util.Map<String, kr.sbert.workbench.gui.workspace.Workspace.ModelChoiceData> out = new java.util.LinkedHashMap<>();
        for (ModelEntry e : entries) {
            kr.sbert.workbench.gui.service.ModelChoices c = e.choicesProperty().get();
            if (!c.equals(kr.sbert.workbench.gui.service.ModelChoices.DEFAULT)) {
                out.put(e.id(), new kr.sbert.workbench.gui.workspace.Workspace.ModelChoiceData(
                        c.pooling() == null ? null : c.pooling().label(), c.prompt()));
            }
        }
        return out;
    }

    public List<String> addedIds() {
        return entries.stream().filter(e -> e.kind() == ModelKind.ADDED).map(ModelEntry::id).toList();
    }

    /** Restores added models and the selection (loading the ticked ones). */
    public void restore(List<String> added, List<String> selected) {
        restore(added, selected, java.util.Map.of());
    }

    /** Restores added models, the pooling and prompt chosen beside them, and the selection (loading the ticked ones). */
    public void restore(List<String> added, List<String> selected,
                        java.util.Map<String, kr.sbert.workbench.gui.workspace.Workspace.ModelChoiceData> choices) {
        for (String id : added) {
            if (find(id).isEmpty()) {
                add(new ModelEntry(id, ModelKind.ADDED, describeAdded(id), "", true));
            }
        }
        choices.forEach((id, c) -> find(id).ifPresent(e -> e.choicesProperty().set(new kr.sbert.workbench.gui.service.ModelChoices(
                c.pooling() == null ? null : java.util.Arrays.stream(kr.sbert.workbench.core.model.PoolingMode.values())
                        .filter(m -> m.label().equals(c.pooling())).findFirst().orElse(null), c.prompt()))));
        for (ModelEntry e : entries) {
            e.setSelected(selected.contains(e.id()));
        }
    }

    /** "local folder", "local folder (missing)" or "hub model", by what the id names. */
    static String describeAdded(String id) {
        try {
            ModelRef ref = ModelRef.parse(id);
            if (ref.kind() == ModelRef.Kind.FOLDER) {
                return Files.isDirectory(ref.folder()) ? "local folder" : "local folder (missing)";
            }
            return ref.kind() == ModelRef.Kind.HUB ? "hub model" : "";
        } catch (InvalidInputException e) {
            return "";
        }
    }

    private void selectionChanged(ModelEntry entry, boolean selected) {
        boolean needsDownload = entry.state() == ModelState.NOT_DOWNLOADED
                || entry.state() == ModelState.ERROR && entry.restingState() == ModelState.NOT_DOWNLOADED;
        if (selected && entry.loaded() == null && !entry.state().busy() && needsDownload
                && !confirmDownload.test(entry)) {
            entry.setSelected(false);
            return;
        }
        if (selected && entry.loaded() == null && !entry.state().busy() && entry.kind() != ModelKind.BASELINE
                && !confirmMemory.test(entry)) {
            entry.setSelected(false);
            return;
        }
        if (selected && entry.loaded() == null && !entry.state().busy()) {
            load(entry);
        } else {
            onReadySelectionChanged.run();
        }
    }

    private void load(ModelEntry entry) {
        // After a failed attempt the entry shows an error; what to do next depends on what it
        // was at rest (an uncached catalog variant is downloaded, not just loaded).
        ModelState before = entry.state() == ModelState.ERROR ? entry.restingState() : entry.state();
        entry.setState(before == ModelState.NOT_DOWNLOADED ? ModelState.DOWNLOADING : ModelState.LOADING, "");
        TaskHandle handle = runner.submit((before == ModelState.NOT_DOWNLOADED ? "Downloading " : "Loading ") + entry.id(),
                (progress, cancel) -> backend.load(entry.id(), entry.choicesProperty().get(), progress, cancel),
                model -> {
                    entry.taskProperty().set(null);
                    entry.progressProperty().unbind();
                    if (!entries.contains(entry)) {
                        model.close();
                        return;
                    }
                    entry.setLoaded(model);
                    entry.setState(ModelState.READY, "");
                    onReadySelectionChanged.run();
                },
                error -> {
                    entry.taskProperty().set(null);
                    entry.progressProperty().unbind();
                    entry.setState(ModelState.ERROR, StatusViewModel.oneLine(error));
                    status.report("loading " + entry.id(), error);
                    // The entry was not ready and is not now: the ready set is unchanged, so
                    // nothing is re-scored (that re-ran a whole file for every failed load).
                });
        if (!handle.state().finished()) {
            entry.taskProperty().set(handle);
            entry.progressProperty().bind(handle.progressProperty());
            handle.stateProperty().addListener((obs, was, now) -> {
                if (now == TaskState.CANCELLED) {
                    entry.taskProperty().set(null);
                    entry.progressProperty().unbind();
                    entry.setState(before, "cancelled");
                    entry.setSelected(false);
                }
            });
        } else if (handle.state() == TaskState.CANCELLED) {
            entry.setState(before, "cancelled");
            entry.setSelected(false);
        }
    }
}
