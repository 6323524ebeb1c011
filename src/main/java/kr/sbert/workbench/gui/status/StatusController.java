package kr.sbert.workbench.gui.status;

import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import kr.sbert.workbench.gui.main.WorkbenchViewModel;
import kr.sbert.workbench.gui.task.TaskHandle;

/** Binds the status bar: info line, error line with details, one progress bar + cancel per running task. */
public final class StatusController {
    private final StatusViewModel vm;
    @FXML private Label info;
    @FXML private Label error;
    @FXML private Button details;
    @FXML private Button dismiss;
    @FXML private HBox tasks;

    public StatusController(WorkbenchViewModel main) {
        this.vm = main.status();
    }

    @FXML
    private void initialize() {
        info.textProperty().bind(vm.infoProperty());
        error.textProperty().bind(vm.errorProperty());
        // A long line is cut at the window's edge: the whole of it on hover.
        info.setTooltip(wrapping());
        info.getTooltip().textProperty().bind(vm.infoProperty());
        error.setTooltip(wrapping());
        error.getTooltip().textProperty().bind(vm.errorProperty());
        details.visibleProperty().bind(Bindings.isNotEmpty(vm.errorDetailsProperty()));
        details.managedProperty().bind(details.visibleProperty());
        dismiss.visibleProperty().bind(Bindings.isNotEmpty(vm.errorProperty()));
        dismiss.managedProperty().bind(dismiss.visibleProperty());
        vm.tasks().addListener((ListChangeListener<TaskHandle>) c -> redrawTasks());
        redrawTasks();
    }

    private static javafx.scene.control.Tooltip wrapping() {
        javafx.scene.control.Tooltip t = new javafx.scene.control.Tooltip();
        t.setWrapText(true);
        t.setMaxWidth(700);
        return t;
    }

    private void redrawTasks() {
        tasks.getChildren().clear();
        for (TaskHandle t : vm.tasks()) {
            Label title = new Label(t.title());
            ProgressBar bar = new ProgressBar();
            bar.setPrefWidth(120);
            bar.progressProperty().bind(t.progressProperty());
            Button cancel = new Button("Cancel");
            cancel.setUserData(t);
            cancel.getStyleClass().add("task-cancel");
            cancel.setMinWidth(javafx.scene.control.Control.USE_PREF_SIZE);
            bar.setMinWidth(javafx.scene.control.Control.USE_PREF_SIZE);
            cancel.setOnAction(e -> {
                t.cancel();
                cancel.setDisable(true);
            });
            HBox box = new HBox(4, title, bar, cancel);
            box.getStyleClass().add("task");
            box.setUserData(t);
            tasks.getChildren().add(box);
        }
    }

    @FXML
    private void showDetails() {
        Alert alert = new Alert(Alert.AlertType.ERROR);
        alert.setHeaderText(vm.errorProperty().get());
        alert.getDialogPane().lookupAll(".header-panel .label").forEach(n -> ((Label) n).setWrapText(true));
        TextArea area = new TextArea(vm.errorDetailsProperty().get());
        area.setEditable(false);
        area.setWrapText(true);
        area.setPrefSize(800, 400);
        alert.getDialogPane().setContent(area);
        alert.initOwner(error.getScene().getWindow());
        alert.showAndWait();
    }

    @FXML
    private void dismiss() {
        vm.clearError();
    }
}
