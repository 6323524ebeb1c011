package kr.sbert.workbench.gui.main;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.animation.PauseTransition;
import javafx.concurrent.Task;
import javafx.util.Duration;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.BorderPane;
import javafx.stage.DirectoryChooser;
import javafx.stage.Stage;
import kr.sbert.workbench.gui.metrics.MetricsController;
import java.nio.file.Path;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import kr.sbert.workbench.gui.pairs.PairsController;
import kr.sbert.workbench.gui.pairs.PairsViewModel;
import kr.sbert.workbench.gui.pairs.QuickCompareController;
import kr.sbert.workbench.gui.scatter.YAxisMode;
import kr.sbert.workbench.gui.scatter.ScatterController;
import kr.sbert.workbench.gui.train.TrainController;
import kr.sbert.workbench.gui.workspace.Workspace;

/** The main window's controller: menus, split positions, the font warning. It only binds and delegates. */
public final class MainController {
    private final WorkbenchViewModel vm;
    @FXML private BorderPane root;
    @FXML private Label fontWarning;
    @FXML private SplitPane outerSplit;
    @FXML private SplitPane rightSplit;
    @FXML private TabPane views;
    @FXML private PairsController pairsController;
    @FXML private QuickCompareController quickCompareController;
    @FXML private ScatterController scatterController;
    @FXML private MetricsController metricsController;
    @FXML private TrainController trainController;
    @FXML private javafx.scene.control.Tab trainTab;
    @FXML private javafx.scene.control.MenuItem undoItem;
    @FXML private javafx.scene.control.MenuItem redoItem;
    @FXML private javafx.scene.control.MenuItem redoYItem;

    /** The pairs/views divider while the Train tab is shown. */
    private static final double TRAIN_DIVIDER = 0.1;
    /** The divider as the user left it, while the Train tab has moved it (else null). */
    private Double dividerOutsideTrain;

    public MainController(WorkbenchViewModel vm) {
        this.vm = vm;
    }

    @FXML
    private void initialize() {
        checkFonts();
        views.addEventFilter(javafx.scene.input.MouseEvent.MOUSE_CLICKED, e -> {
            if (e.getClickCount() == 2 && e.getButton() == javafx.scene.input.MouseButton.PRIMARY
                    && inTabHeader(e.getPickResult().getIntersectedNode())) {
                toggleViewsPane();
            }
        });
        undoItem.textProperty().bind(vm.pairs().undoTextProperty());
        undoItem.disableProperty().bind(vm.pairs().canUndoProperty().not());
        redoItem.textProperty().bind(vm.pairs().redoTextProperty());
        redoItem.disableProperty().bind(vm.pairs().canRedoProperty().not());
        redoYItem.disableProperty().bind(vm.pairs().canRedoProperty().not());
        trainTab.setOnSelectionChanged(e -> {
            if (trainTab.isSelected()) {
                trainController.refresh();
                // The curve and the runs table need the height: while Train is shown the pairs
                // table above shrinks to a few rows; leaving the tab puts the divider back.
                if (dividerOutsideTrain == null && rightSplit.getDividerPositions().length > 0) {
                    dividerOutsideTrain = rightSplit.getDividerPositions()[0];
                }
                rightSplit.setDividerPositions(TRAIN_DIVIDER);
            } else if (dividerOutsideTrain != null) {
                rightSplit.setDividerPositions(dividerOutsideTrain);
                dividerOutsideTrain = null;
            }
        });
        // Edits come in bursts (typing, pasting): score once they pause.
        PauseTransition debounce = new PauseTransition(Duration.millis(600));
        debounce.setOnFinished(e -> {
            if (vm.staleProperty().get()) {
                vm.score();
            }
        });
        vm.staleProperty().addListener((o, was, now) -> {
            if (now) {
                debounce.playFromStart();
            }
        });
    }

    /** Where the lower pane's divider was before it was enlarged (NaN: not enlarged). */
    private double dividerBeforeEnlarging = Double.NaN;

    /**
     * Enlarges the views pane (tabs) to nearly the whole right side, or puts it back: for the
     * scatter and the Train chart in a small window. Double-click a tab, or View → Enlarge.
     */
    @FXML
    public void toggleViewsPane() {
        if (Double.isNaN(dividerBeforeEnlarging)) {
            dividerBeforeEnlarging = rightSplit.getDividerPositions()[0];
            rightSplit.setDividerPositions(0.08);
        } else {
            rightSplit.setDividerPositions(dividerBeforeEnlarging);
            dividerBeforeEnlarging = Double.NaN;
        }
    }

    /** Whether the views pane is enlarged now. */
    public boolean viewsPaneEnlarged() {
        return !Double.isNaN(dividerBeforeEnlarging);
    }

    private static boolean inTabHeader(javafx.scene.Node n) {
        for (javafx.scene.Node p = n; p != null; p = p.getParent()) {
            if (p.getStyleClass().contains("tab-header-area")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Saves the window layout (size, split positions, active tab, score mode) with the workspace
     * shortly after each change, so that a crash loses none of it.
     */
    public void saveLayoutOnChange(Stage stage) {
        PauseTransition settle = new PauseTransition(Duration.millis(400));
        settle.setOnFinished(e -> {
            vm.layoutProperty().set(captureLayout(stage));
            vm.autosave();
        });
        javafx.beans.InvalidationListener changed = o -> settle.playFromStart();
        for (SplitPane sp : splits()) {
            sp.getDividers().forEach(d -> d.positionProperty().addListener(changed));
        }
        views.getSelectionModel().selectedItemProperty().addListener(changed);
        vm.scatter().yModeProperty().addListener(changed);
        stage.widthProperty().addListener(changed);
        stage.heightProperty().addListener(changed);
        stage.xProperty().addListener(changed);
        stage.yProperty().addListener(changed);
        stage.maximizedProperty().addListener(changed);
        stage.addEventHandler(javafx.stage.WindowEvent.WINDOW_HIDING, e -> settle.stop());
    }

    private void checkFonts() {
        Task<Optional<String>> check = new Task<>() {
            @Override
            protected Optional<String> call() {
                return HangulFonts.find();
            }
        };
        check.setOnSucceeded(e -> {
            if (check.getValue().isEmpty()) {
                fontWarning.setText(HangulFonts.warning());
                fontWarning.setManaged(true);
                fontWarning.setVisible(true);
            }
        });
        Thread t = new Thread(check, "hangul-font-check");
        t.setDaemon(true);
        t.start();
    }

    /** The text of the font warning (empty when a Hangul font was found). */
    public String fontWarningText() {
        return fontWarning.isVisible() ? fontWarning.getText() : "";
    }

    private SplitPane[] splits() {
        return new SplitPane[] {outerSplit, rightSplit};
    }

    /** Window geometry, split positions, score mode and active view, for the workspace. */
    public Workspace.WindowLayout captureLayout(Stage stage) {
        List<Double> dividers = new ArrayList<>();
        for (SplitPane s : splits()) {
            dividers.add(s == rightSplit && dividerOutsideTrain != null ? dividerOutsideTrain
                    : s.getDividerPositions().length > 0 ? s.getDividerPositions()[0] : 0.5);
        }
        Tab active = views.getSelectionModel().getSelectedItem();
        return new Workspace.WindowLayout(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(),
                stage.isMaximized(), dividers, vm.scatter().yModeProperty().get().name(),
                active == null ? null : active.getText());
    }

    /** Restores the score mode and the active view saved earlier (unknown values are ignored). */
    public void applyViewState(Workspace.WindowLayout layout) {
        if (layout == null) {
            return;
        }
        for (YAxisMode m : YAxisMode.values()) {
            if (m.name().equals(layout.scoreMode())) {
                vm.scatter().yModeProperty().set(m);
            }
        }
        showView(layout.activeView());
    }

    /** Selects the view tab with this title (Scatter, Metrics, Tokens, Quick compare); false if there is none. */
    public boolean showView(String title) {
        for (Tab t : views.getTabs()) {
            if (t.getText().equals(title)) {
                views.getSelectionModel().select(t);
                return true;
            }
        }
        return false;
    }

    /** The title of the view tab shown now. */
    public String activeView() {
        Tab t = views.getSelectionModel().getSelectedItem();
        return t == null ? "" : t.getText();
    }

    public QuickCompareController quickCompare() {
        return quickCompareController;
    }

    public MetricsController metrics() {
        return metricsController;
    }

    /** Restores split positions saved earlier. */
    public void applyDividers(List<Double> dividers) {
        SplitPane[] s = splits();
        for (int i = 0; i < s.length && dividers != null && i < dividers.size(); i++) {
            Double d = dividers.get(i);
            if (d != null && d > 0.02 && d < 0.98) {
                if (s[i] == rightSplit && dividerOutsideTrain != null) {
                    dividerOutsideTrain = d; // the Train tab is shown: restored when it is left
                } else {
                    s[i].setDividerPositions(d);
                }
            }
        }
    }

    public PairsController pairs() {
        return pairsController;
    }

    public ScatterController scatter() {
        return scatterController;
    }

    public TrainController train() {
        return trainController;
    }

    /** Ctrl+Z: undoes the table's last edit — unless a text field is being typed in (it has its own undo). */
    @FXML
    private void undo() {
        if (!typingInAField()) {
            vm.pairs().undo();
        }
    }

    /** Ctrl+Shift+Z / Ctrl+Y: redoes the table's last undone edit. */
    @FXML
    private void redo() {
        if (!typingInAField()) {
            vm.pairs().redo();
        }
    }

    private boolean typingInAField() {
        javafx.scene.Node focus = root.getScene() == null ? null : root.getScene().getFocusOwner();
        return focus instanceof javafx.scene.control.TextInputControl t && t.isEditable();
    }

    @FXML
    private void openPairs() {
        pairsController.openFile();
    }

    @FXML
    private void savePairs() {
        pairsController.saveFile();
    }

    @FXML
    private void savePredictions() {
        pairsController.savePredictionsDialog();
    }

    @FXML
    private void clearPairs() {
        vm.pairs().clear();
    }

    @FXML
    private void loadSample() {
        vm.loadSample();
    }

    @FXML
    private void exportMetrics() {
        metricsController.exportCsv();
    }

    @FXML
    private void exportScatter() {
        scatterController.exportPng();
    }

    @FXML
    private void openModelFolder() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Open a sentence-transformers model folder");
        File dir = chooser.showDialog(root.getScene().getWindow());
        if (dir != null) {
            vm.models().addModel(dir.toPath().toString());
        }
    }

    /** Ctrl+Q: as closing the window, asking first when there are unsaved edits. */
    @FXML
    private void quit() {
        Stage stage = (Stage) root.getScene().getWindow();
        if (confirmQuit(stage::close)) {
            stage.close();
        }
    }

    /** The choices of the unsaved-edits question on quit. */
    public static final String SAVE_AS = "Save as…";
    public static final String OVERWRITE = "Overwrite";
    public static final String DISCARD = "Discard";
    public static final String CANCEL = "Cancel";

    /**
     * Whether the window may close now. With unsaved edits it asks: <em>Save as…</em> (the
     * default: a new file beside the opened one, never the opened file itself), <em>Overwrite</em>
     * the opened file (a deliberate second choice, offered only when that file may be written),
     * <em>Discard</em> (the table returns to the file as saved, or the sample data, so the
     * workspace does not bring the edits back) or <em>Cancel</em>. A save runs
     * {@code closeAfterSave} once the file is written.
     */
    public boolean confirmQuit(Runnable closeAfterSave) {
        PairsViewModel pairs = vm.pairs();
        if (!pairs.hasUnsavedEdits()) {
            return true;
        }
        Path file = pairs.openedFileProperty().get();
        String whyNot = pairs.whyNotOverwrite();
        ButtonType saveAs = new ButtonType(SAVE_AS, ButtonBar.ButtonData.YES);
        ButtonType overwrite = new ButtonType(OVERWRITE + (file == null ? "" : " " + file.getFileName()),
                ButtonBar.ButtonData.OTHER);
        ButtonType discard = new ButtonType(DISCARD, ButtonBar.ButtonData.NO);
        ButtonType cancel = new ButtonType(CANCEL, ButtonBar.ButtonData.CANCEL_CLOSE);
        List<ButtonType> buttons = new ArrayList<>(List.of(saveAs));
        if (whyNot == null) {
            buttons.add(overwrite);
        }
        buttons.addAll(List.of(discard, cancel));
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, "", buttons.toArray(ButtonType[]::new));
        alert.setTitle("Unsaved edits");
        alert.setHeaderText("The pairs table has edits that are not saved"
                + (file == null ? " to a file." : " to " + file.getFileName() + "."));
        String content = "Save as… writes them to a new file" + (file == null ? "" : " beside " + file.getFileName())
                + (whyNot == null ? "; Overwrite replaces " + file + " itself."
                : file == null ? "." : " (" + whyNot + ": it is not overwritten).")
                + " Discard drops them; Cancel keeps working.";
        alert.setContentText(content);
        alert.getDialogPane().setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        alert.getDialogPane().setMaxWidth(560);
        alert.initOwner(root.getScene().getWindow());
        ButtonType answer = alert.showAndWait().orElse(cancel);
        if (answer == discard) {
            pairs.revertToSaved();
            return true;
        }
        if (answer == overwrite) {
            pairs.save(file, closeAfterSave);
        } else if (answer == saveAs) {
            File chosen = pairsController.chooseSaveFile();
            if (chosen != null) {
                pairs.save(chosen.toPath(), closeAfterSave);
            }
        }
        return false;
    }
}
