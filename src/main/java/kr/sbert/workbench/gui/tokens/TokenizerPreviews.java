package kr.sbert.workbench.gui.tokens;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import kr.sbert.workbench.core.WorkbenchException;
import kr.sbert.workbench.gui.models.ModelEntry;
import kr.sbert.workbench.gui.models.ModelKind;
import kr.sbert.workbench.gui.models.ModelState;
import kr.sbert.workbench.gui.models.ModelsViewModel;
import kr.sbert.workbench.gui.service.TokenizerOnly;
import kr.sbert.workbench.gui.service.WorkbenchBackend;
import kr.sbert.workbench.gui.status.StatusViewModel;
import kr.sbert.workbench.gui.task.TaskHandle;
import kr.sbert.workbench.gui.task.TaskRunner;
import kr.sbert.workbench.gui.task.TaskState;

/**
 * Tokens of catalog variants whose weights are not downloaded, from their tokenizer alone. On
 * start, every such variant whose tokenizer needs no network (shipped with the workbench, or
 * already in the hub cache) is shown; any other is fetched — its tokenizer files only — when
 * the user asks ({@link #fetch}), in the background with progress and Cancel. A variant that
 * becomes ready is shown as the loaded model instead, and its tokenizer-only copy is closed.
 * Callbacks run on the FX thread.
 */
public final class TokenizerPreviews implements AutoCloseable {
    private final WorkbenchBackend backend;
    private final TaskRunner runner;
    private final StatusViewModel status;
    private final ModelsViewModel models;
    private final TokensViewModel tokens;
    private final Map<String, TokenizerOnly> shown = new LinkedHashMap<>();
    private final Set<String> fetching = new LinkedHashSet<>();
    private final ObservableList<String> fetchable = FXCollections.observableArrayList();

    public TokenizerPreviews(WorkbenchBackend backend, TaskRunner runner, StatusViewModel status,
                             ModelsViewModel models, TokensViewModel tokens) {
        this.backend = backend;
        this.runner = runner;
        this.status = status;
        this.models = models;
        this.tokens = tokens;
    }

    /** Catalog variants not downloaded and not shown yet: what {@link #fetch} can be asked for. */
    public ObservableList<String> fetchable() {
        return fetchable;
    }

    /** Ids shown from their tokenizer alone, in display order. */
    public List<String> shownIds() {
        return List.copyOf(shown.keySet());
    }

    /** Shows the variants whose tokenizer is available without network (call once, after the models are listed). */
    public void start() {
        List<String> ids = new ArrayList<>();
        for (ModelEntry e : models.entries()) {
            if (e.kind() == ModelKind.CATALOG) {
                e.stateProperty().addListener((obs, was, now) -> stateChanged(e));
                if (e.state() == ModelState.NOT_DOWNLOADED) {
                    ids.add(e.id());
                }
            }
        }
        if (ids.isEmpty()) {
            return;
        }
        fetching.addAll(ids);
        updateFetchable();
        TaskHandle handle = runner.submit("Reading tokenizers shipped or cached (no download)", (progress, cancel) -> {
            Local local = new Local(new ArrayList<>(), new ArrayList<>());
            try {
                for (String id : ids) {
                    cancel.throwIfCancelled();
                    try {
                        backend.loadTokenizer(id, false, progress, cancel).ifPresent(local.found()::add);
                    } catch (WorkbenchException e) {
                        local.failures().add(new WorkbenchException(id + ": " + e.getMessage(), e)); // the others still show
                    }
                }
            } catch (Exception | Error e) {
                local.found().forEach(TokenizerOnly::close);
                throw e;
            }
            return local;
        }, local -> {
            fetching.removeAll(ids);
            local.found().forEach(this::show);
            updateFetchable();
            if (!local.failures().isEmpty()) {
                status.report("reading a cached tokenizer", local.failures().get(0));
            }
        }, error -> {
            fetching.removeAll(ids);
            updateFetchable();
            status.report("reading the shipped tokenizers", error);
        });
        whenCancelled(handle, ids);
    }

    /**
     * Fetches one variant's tokenizer files (no weights; nothing when they are cached) and shows
     * its tokens. Offline, a variant whose tokenizer is not cached reports why in the status bar.
     */
    public void fetch(String id) {
        if (id == null || shown.containsKey(id) || fetching.contains(id)) {
            return;
        }
        fetching.add(id);
        updateFetchable();
        TaskHandle handle = runner.submit("Fetching the tokenizer of " + id + " (no weights)",
                (progress, cancel) -> backend.loadTokenizer(id, true, progress, cancel),
                (Optional<TokenizerOnly> found) -> {
                    fetching.remove(id);
                    if (found.isPresent()) {
                        show(found.get());
                    } else {
                        status.report("fetching the tokenizer of " + id,
                                new WorkbenchException("only whole models can be loaded here, not a tokenizer alone"));
                    }
                    updateFetchable();
                },
                error -> {
                    fetching.remove(id);
                    updateFetchable();
                    status.report("fetching the tokenizer of " + id, error);
                });
        whenCancelled(handle, List.of(id));
    }

    /** What the start found without network: tokenizers, and those that could not be read. */
    private record Local(List<TokenizerOnly> found, List<WorkbenchException> failures) {
    }

    private void whenCancelled(TaskHandle handle, List<String> ids) {
        Runnable cancelled = () -> {
            fetching.removeAll(ids);
            updateFetchable();
            status.info("cancelled: tokenizer of " + String.join(", ", ids));
        };
        if (handle.state() == TaskState.CANCELLED) {
            cancelled.run();
        } else if (!handle.state().finished()) {
            handle.stateProperty().addListener((obs, was, now) -> {
                if (now == TaskState.CANCELLED) {
                    cancelled.run();
                }
            });
        }
    }

    private void show(TokenizerOnly t) {
        boolean stillUndownloaded = models.find(t.id()).map(e -> e.state() != ModelState.READY).orElse(false);
        if (!stillUndownloaded || shown.containsKey(t.id())) {
            t.close();
            return;
        }
        shown.put(t.id(), t);
        publish();
    }

    /** Once the full model is ready its own tokenizer is shown: drop the tokenizer-only copy. */
    private void stateChanged(ModelEntry e) {
        if (e.state() == ModelState.READY && shown.containsKey(e.id())) {
            TokenizerOnly t = shown.remove(e.id());
            publish();
            t.close();
        }
        updateFetchable();
    }

    private void publish() {
        tokens.setTokenizerOnly(Collections.unmodifiableMap(new LinkedHashMap<>(shown)));
    }

    private void updateFetchable() {
        List<String> ids = models.entries().stream()
                .filter(e -> e.kind() == ModelKind.CATALOG && e.state() == ModelState.NOT_DOWNLOADED)
                .map(ModelEntry::id)
                .filter(id -> !shown.containsKey(id) && !fetching.contains(id))
                .toList();
        if (!ids.equals(fetchable)) {
            fetchable.setAll(ids);
        }
    }

    /** Closes the tokenizers shown (window closing). */
    @Override
    public void close() {
        shown.values().forEach(TokenizerOnly::close);
        shown.clear();
        tokens.setTokenizerOnly(Map.of());
    }
}
