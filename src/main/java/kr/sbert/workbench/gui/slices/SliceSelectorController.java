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
        sliceKey.valueProperty().bindBidirectional(vm.keyProperty());
        sliceValue.setItems(vm.slices());
        sliceValue.valueProperty().bindBidirectional(vm.sliceProperty());
        sliceValue.setPromptText("all slices");
        sliceSummary.textProperty().bind(vm.summaryProperty());
    }

    @FXML
    private void showAll() {
        vm.sliceProperty().set(null);
    }
}
