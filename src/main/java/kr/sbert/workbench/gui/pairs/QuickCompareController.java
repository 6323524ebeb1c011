package kr.sbert.workbench.gui.pairs;

import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import kr.sbert.workbench.gui.ModelNames;
import kr.sbert.workbench.gui.main.WorkbenchViewModel;

/** Binds the quick-compare box: two sentences in, one labelled row per ticked model out. */
public final class QuickCompareController {
    /** Column titles of the results table. */
    public static final String MODEL = "model";
    public static final String COSINE = "cosine";
    public static final String SCORE = "0–5 (as in the table)";
    public static final String HOW = "how the 0–5 was calibrated";

    private final WorkbenchViewModel main;
    private final PairsViewModel vm;
    @FXML private TextField quick1;
    @FXML private TextField quick2;
    @FXML private TableView<QuickResult> results;

    public QuickCompareController(WorkbenchViewModel main) {
        this.main = main;
        this.vm = main.pairs();
    }

    @FXML
    private void initialize() {
        quick1.textProperty().bindBidirectional(vm.quickSentence1Property());
        quick2.textProperty().bindBidirectional(vm.quickSentence2Property());
        quick1.setOnAction(e -> compare());
        quick2.setOnAction(e -> compare());
        results.setItems(vm.quickResults());
        TableColumn<QuickResult, String> model = text(MODEL, r -> ModelNames.shortName(r.model()));
        model.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                QuickResult r = empty || getTableRow() == null ? null : getTableRow().getItem();
                setText(empty ? null : item);
                setTooltip(r == null ? null : new Tooltip(r.model()));
            }
        });
        model.setPrefWidth(170);
        TableColumn<QuickResult, String> cos = text(COSINE, r -> String.format(Locale.ROOT, "%.4f", r.cosine()));
        cos.setPrefWidth(70);
        cos.setMinWidth(70);
        TableColumn<QuickResult, String> score = text(SCORE, r -> String.format(Locale.ROOT, "%.2f", r.scaled()));
        score.setPrefWidth(130);
        score.setMinWidth(130);
        TableColumn<QuickResult, String> how = text(HOW, r -> r.how() + (r.basis().isEmpty() ? "" : "; " + r.basis()));
        how.setPrefWidth(420);
        results.getColumns().setAll(java.util.List.of(model, cos, score, how));
        results.setFixedCellSize(24);
    }

    private static TableColumn<QuickResult, String> text(String title, Function<QuickResult, String> value) {
        TableColumn<QuickResult, String> c = new TableColumn<>(title);
        c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(value.apply(f.getValue())));
        c.setSortable(false);
        return c;
    }

    /** The results table (tests read its cells). */
    public TableView<QuickResult> results() {
        return results;
    }

    @FXML
    public void compare() {
        vm.quickCompare(main.models().selectedReady(), main.resultProperty().get());
    }

    @FXML
    private void useSelected() {
        PairRow r = vm.selectedProperty().get();
        if (r != null) {
            vm.quickSentence1Property().set(r.sentence1());
            vm.quickSentence2Property().set(r.sentence2());
        }
    }
}
