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
import kr.sbert.workbench.gui.pairs.PairsController;
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
    @FXML private SplitPane topSplit;
    @FXML private PairsController pairsController;
    @FXML private ScatterController scatterController;
    @FXML private MetricsController metricsController;
    @FXML private TrainController trainController;
    @FXML private javafx.scene.control.Tab trainTab;

    public MainController(WorkbenchViewModel vm) {
        this.vm = vm;
    }

    @FXML
    private void initialize() {
        checkFonts();
        trainTab.setOnSelectionChanged(e -> {
            if (trainTab.isSelected()) {
                trainController.refresh();
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
        return new SplitPane[] {outerSplit, rightSplit, topSplit};
    }

    /** Window geometry and split positions, for the workspace. */
    public Workspace.WindowLayout captureLayout(Stage stage) {
        List<Double> dividers = new ArrayList<>();
        for (SplitPane s : splits()) {
            dividers.add(s.getDividerPositions().length > 0 ? s.getDividerPositions()[0] : 0.5);
        }
        return new Workspace.WindowLayout(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(),
                stage.isMaximized(), dividers);
    }

    /** Restores split positions saved earlier. */
    public void applyDividers(List<Double> dividers) {
        SplitPane[] s = splits();
        for (int i = 0; i < s.length && dividers != null && i < dividers.size(); i++) {
            Double d = dividers.get(i);
            if (d != null && d > 0.02 && d < 0.98) {
                s[i].setDividerPositions(d);
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

    @FXML
    private void openPairs() {
        pairsController.openFile();
    }

    @FXML
    private void savePairs() {
        pairsController.saveFile();
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

    @FXML
    private void quit() {
        ((Stage) root.getScene().getWindow()).close();
    }
}
