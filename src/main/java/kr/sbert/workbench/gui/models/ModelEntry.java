package kr.sbert.workbench.gui.models;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import kr.sbert.workbench.core.model.ModelInfo;
import kr.sbert.workbench.gui.service.LoadedModel;
import kr.sbert.workbench.gui.task.TaskHandle;

/** One row of the models panel. Properties change on the FX thread. */
public final class ModelEntry {
    private final String id;
    private final ModelKind kind;
    private final String description;
    private final String size;
    private final BooleanProperty selected = new SimpleBooleanProperty();
    private final ObjectProperty<ModelState> state = new SimpleObjectProperty<>(ModelState.NOT_LOADED);
    private final StringProperty stateText = new SimpleStringProperty("");
    private final DoubleProperty progress = new SimpleDoubleProperty(-1);
    private final StringProperty facts = new SimpleStringProperty("");
    private final ObjectProperty<TaskHandle> task = new SimpleObjectProperty<>();
    private final StringProperty error = new SimpleStringProperty("");
    private final boolean cached;
    private final StringProperty family = new SimpleStringProperty("");
    private final ObjectProperty<kr.sbert.workbench.gui.service.ModelChoices> choices =
            new SimpleObjectProperty<>(kr.sbert.workbench.gui.service.ModelChoices.DEFAULT);
    private LoadedModel loaded;

    public ModelEntry(String id, ModelKind kind, String description, String size, boolean cached) {
        this(id, kind, description, size, cached, "");
    }

    /**
     * @param family graph and vocabulary of a catalog variant, e.g. {@code RoBERTa · WordPiece},
     *               shown beside its size while it is not downloaded ("" when unknown)
     */
    public ModelEntry(String id, ModelKind kind, String description, String size, boolean cached, String family) {
        this.family.set(family == null ? "" : family);
        this.id = id;
        this.kind = kind;
        this.description = description == null ? "" : description;
        this.size = size == null ? "" : size;
        this.cached = cached;
        setState(kind == ModelKind.CATALOG && !cached ? ModelState.NOT_DOWNLOADED : ModelState.NOT_LOADED, "");
        facts.set(this.description);
    }

    public String id() {
        return id;
    }

    public ModelKind kind() {
        return kind;
    }

    public String description() {
        return description;
    }

    /** Graph and vocabulary (e.g. {@code RoBERTa · WordPiece}): a catalog variant's from the start, any model's once loaded. */
    public String family() {
        return family.get();
    }

    public StringProperty familyProperty() {
        return family;
    }

    /** Download size as text (e.g. {@code 467 MB}), or empty when unknown. */
    public String size() {
        return size;
    }

    public BooleanProperty selectedProperty() {
        return selected;
    }

    public boolean isSelected() {
        return selected.get();
    }

    public void setSelected(boolean value) {
        selected.set(value);
    }

    public ObjectProperty<ModelState> stateProperty() {
        return state;
    }

    public ModelState state() {
        return state.get();
    }

    /** State and its detail as one line, e.g. "not downloaded · 467 MB" or "error: …". */
    public StringProperty stateTextProperty() {
        return stateText;
    }

    public DoubleProperty progressProperty() {
        return progress;
    }

    public StringProperty factsProperty() {
        return facts;
    }

    public ObjectProperty<TaskHandle> taskProperty() {
        return task;
    }

    public StringProperty errorProperty() {
        return error;
    }

    public LoadedModel loaded() {
        return loaded;
    }

    /** The pooling and prompt the user chose for this model (loads use them). */
    public ObjectProperty<kr.sbert.workbench.gui.service.ModelChoices> choicesProperty() {
        return choices;
    }

    /** The state of this entry when nothing is loaded: not downloaded (an uncached catalog variant) or not loaded. */
    ModelState restingState() {
        return kind == ModelKind.CATALOG && !cached ? ModelState.NOT_DOWNLOADED : ModelState.NOT_LOADED;
    }

    void setState(ModelState s, String detail) {
        state.set(s);
        String text = s.label();
        if (s == ModelState.NOT_DOWNLOADED && !size.isEmpty()) {
            text += " · " + size;
        }
        if (detail != null && !detail.isEmpty()) {
            text += s == ModelState.ERROR ? ": " + detail : " · " + detail;
        }
        stateText.set(text);
        error.set(s == ModelState.ERROR ? detail : "");
    }

    void setLoaded(LoadedModel model) {
        this.loaded = model;
        facts.set(describe(model));
        if (family.get().isEmpty()) {
            model.info().ifPresent(i -> family.set(i.family() + " · " + i.tokenizerKind()));
        }
    }

    /** Drops the loaded model (closing it) and returns to "not loaded". */
    void unload() {
        if (loaded != null) {
            loaded.close();
            loaded = null;
        }
    }

    private String describe(LoadedModel model) {
        List<String> lines = new ArrayList<>();
        if (!description.isEmpty()) {
            lines.add(description);
        }
        model.info().ifPresentOrElse(info -> lines.addAll(factLines(info)),
                () -> lines.add("lexical baseline: no download, no tokenizer"));
        if (model.revision().isPresent()) {
            lines.add("revision: " + model.revision().get());
        } else if (model.info().isPresent()) {
            lines.add("revision: " + ("local folder".equals(description) ? "none (local folder)" : "unknown"));
        }
        return String.join("\n", lines);
    }

    /** The facts of a loaded model, one per line, as the models panel lists them. */
    public static List<String> factLines(ModelInfo info) {
        List<String> lines = new ArrayList<>();
        lines.add("base model: " + (info.baseModel().isEmpty() ? "?" : info.baseModel()));
        lines.add("vocab size: " + info.vocabSize());
        lines.add("layers: " + info.layers() + ", hidden size: " + info.hiddenSize() + ", heads: " + info.heads());
        lines.add("max_seq_length: " + info.maxSeqLength());
        lines.add("pipeline: " + info.pipeline());
        lines.add("tokenizer: " + info.tokenizerKind());
        lines.add("pooling: " + String.join("+", info.pooling()) + (info.normalize() ? " + normalize" : "")
                + (info.modulesListed() ? "" : " (no modules.json: the pooling is your choice, below)"));
        lines.add("prompt: " + (info.prompt().isEmpty() ? "none" : "'" + info.prompt() + "'")
                + (info.offeredPrompts().isEmpty() ? "" : " (the model offers: " + String.join(", ",
                        info.offeredPrompts().entrySet().stream().map(e -> e.getKey() + " '" + e.getValue() + "'").toList()) + ")"));
        lines.add("weight file: " + info.weightFile());
        lines.add("folder: " + info.folder());
        for (String w : info.warnings()) {
            lines.add("warning: " + w);
        }
        return lines;
    }

    @Override
    public String toString() {
        return id;
    }
}
