package kr.sbert.workbench.gui.models;

import java.io.File;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import kr.sbert.workbench.gui.ModelNames;
import kr.sbert.workbench.gui.TextWidths;
import kr.sbert.workbench.gui.main.WorkbenchViewModel;

/** Binds the models list (checkbox, state, progress, cancel) and the facts of the selected model. */
public final class ModelsController {
    private final ModelsViewModel vm;
    @FXML private ListView<ModelEntry> list;
    @FXML private TextField addField;
    @FXML private TextArea facts;
    @FXML private Button removeButton;
    @FXML private javafx.scene.control.ChoiceBox<String> poolingBox;
    @FXML private TextField promptField;
    @FXML private Button applyChoicesButton;

    public ModelsController(WorkbenchViewModel main) {
        this.vm = main.models();
    }

    @FXML
    private void initialize() {
        list.setItems(vm.entries());
        list.setCellFactory(v -> new EntryCell());
        vm.entries().addListener((javafx.collections.ListChangeListener<ModelEntry>) c -> {
            if (list.getSelectionModel().isEmpty() && !vm.entries().isEmpty()) {
                list.getSelectionModel().selectFirst();
            }
        });
        facts.textProperty().bind(Bindings.select(list.getSelectionModel().selectedItemProperty(), "facts"));
        removeButton.disableProperty().bind(Bindings.createBooleanBinding(
                () -> list.getSelectionModel().getSelectedItem() == null
                        || list.getSelectionModel().getSelectedItem().kind() != ModelKind.ADDED,
                list.getSelectionModel().selectedItemProperty()));
        poolingBox.getItems().setAll(POOLING_CHOICES);
        poolingBox.setTooltip(poolingTip);
        list.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> showChoices(now, true));
        // a model that finishes loading tells whether its pooling can be chosen (what is typed stays)
        facts.textProperty().addListener((o, was, now) -> showChoices(list.getSelectionModel().getSelectedItem(), false));
        showChoices(list.getSelectionModel().getSelectedItem(), true);
    }

    private final javafx.scene.control.Tooltip poolingTip = new javafx.scene.control.Tooltip();

    /** The pooling box's items: the model's default (its modules.json, else mean), then the modes a folder without modules.json may use. */
    private static final java.util.List<String> POOLING_CHOICES = java.util.List.of("default", "mean", "cls", "max");

    /** Shows the selected model's pooling and prompt; pooling only for a loaded folder without modules.json. */
    private void showChoices(ModelEntry entry, boolean newSelection) {
        boolean neural = entry != null && entry.kind() != ModelKind.BASELINE;
        java.util.Optional<kr.sbert.workbench.core.model.ModelInfo> info = entry == null || entry.loaded() == null
                ? java.util.Optional.empty() : entry.loaded().info();
        kr.sbert.workbench.gui.service.ModelChoices c = entry == null
                ? kr.sbert.workbench.gui.service.ModelChoices.DEFAULT : entry.choicesProperty().get();
        poolingBox.setValue(c.pooling() == null ? POOLING_CHOICES.get(0) : c.pooling().label());
        boolean choosable = neural && (c.pooling() != null || info.map(i -> !i.modulesListed()).orElse(false));
        poolingBox.setDisable(!choosable);
        poolingTip.setText(choosable
                ? "This folder has no modules.json: mean pooling unless you choose (KoSimCSE-style models want cls)"
                : "The pooling is set by the model's modules.json (choosable only for folders without one)");
        promptField.setDisable(!neural);
        applyChoicesButton.setDisable(!neural);
        if (newSelection) {
            promptField.setText(c.prompt() == null ? "" : c.prompt());
        }
        promptField.setPromptText(info.map(i -> i.prompt().isEmpty() ? "none (e.g. 'query: ' for e5)"
                : "the model's default: '" + i.prompt() + "'").orElse("none (e.g. 'query: ' for e5)"));
    }

    @FXML
    private void applyChoices() {
        ModelEntry entry = list.getSelectionModel().getSelectedItem();
        if (entry == null || entry.kind() == ModelKind.BASELINE) {
            return;
        }
        String pooling = poolingBox.getValue();
        kr.sbert.workbench.core.model.PoolingMode mode = pooling == null || pooling.equals(POOLING_CHOICES.get(0))
                ? null : java.util.Arrays.stream(kr.sbert.workbench.core.model.PoolingMode.values())
                        .filter(m -> m.label().equals(pooling)).findFirst().orElse(null);
        String prompt = promptField.getText();
        vm.setChoices(entry, new kr.sbert.workbench.gui.service.ModelChoices(mode,
                prompt == null || prompt.isEmpty() ? null : prompt));
    }

    @FXML
    private void add() {
        String id = addField.getText();
        if (id != null && !id.isBlank()) {
            ModelEntry e = vm.addModel(id);
            if (e != null) {
                // Refused (e.g. no such folder): the text stays for the user to correct; the status bar says why.
                list.getSelectionModel().select(e);
                addField.clear();
            }
        }
    }

    @FXML
    private void openFolder() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Open a sentence-transformers model folder");
        File dir = chooser.showDialog(list.getScene().getWindow());
        if (dir != null) {
            ModelEntry e = vm.addModel(dir.toPath().toString());
            if (e != null) {
                list.getSelectionModel().select(e);
            }
        }
    }

    @FXML
    private void remove() {
        ModelEntry e = list.getSelectionModel().getSelectedItem();
        if (e != null) {
            vm.remove(e);
        }
    }

    /**
     * A row: the checkbox with the model's name in full (bold, wrapped at its hyphens), then
     * where it comes from (hub owner, parent folder, baseline) with its state, progress and
     * cancel while busy. The whole id is on hover.
     */
    private final class EntryCell extends ListCell<ModelEntry> {
        /** The cell's padding and the check box's mark before the name, and a little slack. */
        private static final double NAME_INDENT = 20 + 28;
        private final CheckBox check = new CheckBox();
        private final Label source = new Label();
        private final Label state = new Label();
        private final Tooltip stateTip = new Tooltip();
        private final ProgressBar progress = new ProgressBar();
        private final Button cancel = new Button("Cancel");
        private final HBox busy = new HBox(4, progress, cancel);
        private final HBox stateLine = new HBox(4, source, state, busy);
        /** A catalog variant's graph and vocabulary, e.g. "RoBERTa · WordPiece", muted under its state. */
        private final Label family = new Label();
        private final VBox box = new VBox(2, check, stateLine, family);
        private final javafx.beans.value.ChangeListener<ModelState> stateListener = (o, was, now) -> styleState(now);
        private ModelEntry bound;

        EntryCell() {
            busy.setAlignment(Pos.CENTER_LEFT);
            stateLine.setAlignment(Pos.BASELINE_LEFT);
            progress.setPrefWidth(90);
            HBox.setHgrow(state, Priority.ALWAYS);
            // Long errors wrap in the row, and the whole text shows on hover.
            state.setWrapText(true);
            state.setMinWidth(0);
            state.setMaxWidth(Double.MAX_VALUE);
            state.setTooltip(stateTip);
            stateTip.setWrapText(true);
            stateTip.setMaxWidth(500);
            // A deep folder is cut at its start ("…/fixtures"): the part next to the name is the useful one.
            source.getStyleClass().add("model-source");
            source.setTextOverrun(OverrunStyle.LEADING_ELLIPSIS);
            source.setMinWidth(0);
            source.maxWidthProperty().bind(box.widthProperty().multiply(0.45));
            box.setMinWidth(0);
            box.prefWidthProperty().bind(widthProperty().subtract(20));
            box.maxWidthProperty().bind(widthProperty().subtract(20));
            family.getStyleClass().add("model-source");
            family.setMinWidth(0);
            family.setWrapText(true);
            check.getStyleClass().add("model-name");
            check.setWrapText(true);
            // Names hold underscores (klueNLItriplet_PARpair): they are text, not mnemonics.
            check.setMnemonicParsing(false);
            check.setMinWidth(0);
            check.setMaxWidth(Double.MAX_VALUE);
            check.setMinHeight(Region.USE_PREF_SIZE);
            widthProperty().addListener((o, was, now) -> fitName());
            cancel.setOnAction(e -> {
                if (bound != null) {
                    vm.cancel(bound);
                }
            });
        }

        @Override
        protected void updateItem(ModelEntry item, boolean empty) {
            super.updateItem(item, empty);
            if (bound != null) {
                check.selectedProperty().unbindBidirectional(bound.selectedProperty());
                state.textProperty().unbind();
                stateTip.textProperty().unbind();
                progress.progressProperty().unbind();
                busy.visibleProperty().unbind();
                busy.managedProperty().unbind();
                family.textProperty().unbind();
                family.visibleProperty().unbind();
                family.managedProperty().unbind();
                bound.stateProperty().removeListener(stateListener);
                bound = null;
            }
            if (empty || item == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            bound = item;
            fitName();
            String from = ModelNames.source(item.id());
            source.setText(from.isEmpty() ? "" : from + " ·");
            source.setVisible(!from.isEmpty());
            // A hub owner is short and shown whole; a folder gives way to the state.
            boolean folder = from.contains("/") || from.contains(File.separator);
            source.setMinWidth(folder ? 0 : Region.USE_PREF_SIZE);
            source.setManaged(!from.isEmpty());
            family.textProperty().bind(item.familyProperty());
            family.visibleProperty().bind(item.familyProperty().isNotEmpty());
            family.managedProperty().bind(family.visibleProperty());
            check.selectedProperty().bindBidirectional(item.selectedProperty());
            // "467 MB" stays on one line when the state wraps.
            state.textProperty().bind(Bindings.createStringBinding(() -> item.stateTextProperty().get()
                    .replaceAll("(\\d) (kB|MB|GB)", "$1\u00A0$2"), item.stateTextProperty()));
            stateTip.textProperty().bind(item.stateTextProperty());
            progress.progressProperty().bind(item.progressProperty());
            busy.visibleProperty().bind(Bindings.createBooleanBinding(() -> item.state().busy(), item.stateProperty()));
            busy.managedProperty().bind(busy.visibleProperty());
            item.stateProperty().addListener(stateListener);
            styleState(item.state());
            setTooltip(new Tooltip(item.id() + (item.description().isEmpty() ? "" : "\n" + item.description())));
            setGraphic(box);
        }

        /** The name broken between its parts to the row's width (recomputed when the list is resized). */
        private void fitName() {
            if (bound == null) {
                return;
            }
            String name = ModelNames.name(bound.id());
            double width = getWidth() - NAME_INDENT;
            check.setText(width <= 0 ? name : ModelNames.wrap(name, width, s -> TextWidths.of(s, true)));
        }

        private void styleState(ModelState s) {
            state.getStyleClass().removeAll("model-state-ready", "model-state-error", "model-state-busy");
            state.getStyleClass().add(s == ModelState.READY ? "model-state-ready"
                    : s == ModelState.ERROR ? "model-state-error" : "model-state-busy");
        }
    }
}
