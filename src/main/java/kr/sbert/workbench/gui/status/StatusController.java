package kr.sbert.workbench.gui.status;

import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
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

    /** The title of the Details dialog's button that copies the error and its details. */
    public static final String COPY = "Copy";

    @FXML
    private void showDetails() {
        String headline = vm.errorProperty().get();
        String text = vm.errorDetailsProperty().get();
        ButtonType copy = new ButtonType(COPY, javafx.scene.control.ButtonBar.ButtonData.LEFT);
        Alert alert = new Alert(Alert.AlertType.ERROR, "", copy, ButtonType.OK);
        alert.setTitle("Error details");
        alert.setHeaderText(null);
        // Within the screen whatever the text: the headline wraps, the details wrap and scroll.
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        double width = Math.min(720, screen.getWidth() - 80);
        Label head = new Label(headline);
        head.setWrapText(true);
        head.setMaxWidth(width - 40);
        head.getStyleClass().add("error-details-headline");
        TextArea area = new TextArea(text);
        area.setEditable(false);
        area.setWrapText(true);
        area.setPrefRowCount(10);
        area.setPrefWidth(width - 40);
        javafx.scene.layout.VBox box = new javafx.scene.layout.VBox(8, head, area);
        javafx.scene.layout.VBox.setVgrow(area, javafx.scene.layout.Priority.ALWAYS);
        alert.getDialogPane().setContent(box);
        alert.getDialogPane().setPrefWidth(width);
        alert.getDialogPane().setMaxWidth(width);
        alert.getDialogPane().setMaxHeight(screen.getHeight() - 80);
        alert.setResizable(true);
        Button copyButton = (Button) alert.getDialogPane().lookupButton(copy);
        copyButton.addEventFilter(javafx.event.ActionEvent.ACTION, e -> {
            javafx.scene.input.ClipboardContent c = new javafx.scene.input.ClipboardContent();
            c.putString(headline + "\n" + text);
            javafx.scene.input.Clipboard.getSystemClipboard().setContent(c);
            copyButton.setText("Copied");
            e.consume(); // copying does not close the dialog
        });
        alert.initOwner(error.getScene().getWindow());
        alert.showAndWait();
    }

    @FXML
    private void dismiss() {
        vm.clearError();
    }
}
