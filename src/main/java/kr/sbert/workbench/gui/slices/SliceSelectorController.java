package kr.sbert.workbench.gui.slices;

import javafx.fxml.FXML;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import kr.sbert.workbench.gui.main.WorkbenchViewModel;

/** Binds the two choosers (slice by, slice) and the summary line. */
public final class SliceSelectorController {
    private final SliceSelectorViewModel vm;
    @FXML private ComboBox<String> sliceKey;
    @FXML private ComboBox<String> sliceValue;
    @FXML private Label sliceSummary;

    public SliceSelectorController(WorkbenchViewModel main) {
        this.vm = main.slices();
    }

    @FXML
    private void initialize() {
        sliceKey.setItems(vm.keys());
        follow(sliceKey, vm.keyProperty());
        sliceValue.setItems(vm.slices());
        follow(sliceValue, vm.sliceProperty());
        sliceValue.setPromptText("all slices");
        sliceSummary.textProperty().bind(vm.summaryProperty());
    }

    /**
     * Keeps a chooser and its choice in step — not a bidirectional binding: a combo box clears its
     * value when its items change (a new scoring run), and that must not clear the user's choice.
     */
    private static void follow(ComboBox<String> box, javafx.beans.property.StringProperty choice) {
        box.setValue(choice.get());
        choice.addListener((o, was, now) -> box.setValue(now));
        box.valueProperty().addListener((o, was, now) -> {
            if (now != null) {
                choice.set(now);
            } else if (choice.get() != null && box.getItems().contains(choice.get())) {
                javafx.application.Platform.runLater(() -> box.setValue(choice.get()));
            }
        });
        box.getItems().addListener((javafx.collections.ListChangeListener<String>) c ->
                javafx.application.Platform.runLater(() -> box.setValue(choice.get())));
    }

    @FXML
    private void showAll() {
        vm.sliceProperty().set(null);
    }
}
