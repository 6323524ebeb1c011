package kr.sbert.workbench.gui.metrics;

import java.io.File;
import java.io.IOException;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.text.Text;
import javafx.stage.FileChooser;
import kr.sbert.workbench.gui.ModelNames;
import kr.sbert.workbench.gui.main.WorkbenchViewModel;

/**
 * Binds the metrics table, the reference model of the paired differences, and the CSV
 * export. Every column is at least as wide as its title: headers are never cut.
 */
public final class MetricsController {
    /** Column titles, in order. */
    static final String[] TITLES = {"model", "n", "Pearson (cosine) [95% CI]", "Spearman (cosine) [95% CI]",
        "F1 at 3.0", "accuracy at 3.0", "MSE (calibrated)", "MAE (calibrated)"};

    private final WorkbenchViewModel main;
    private final MetricsViewModel vm;
    @FXML private TableView<MetricsRow> table;
    @FXML private ComboBox<String> reference;

    public MetricsController(WorkbenchViewModel main) {
        this.main = main;
        this.vm = main.metrics();
    }

    @FXML
    private void initialize() {
        vm.setRunner(main.runner());
        table.setItems(vm.rows());
        table.getColumns().add(column(TITLES[0], MetricsController::label, 300));
        table.getColumns().add(column(TITLES[1], r -> Integer.toString(r.n()), 0));
        table.getColumns().add(column(TITLES[2], r -> MetricsViewModel.interval(r.pearson()), 170));
        table.getColumns().add(column(TITLES[3], r -> MetricsViewModel.interval(r.spearman()), 170));
        table.getColumns().add(column(TITLES[4], r -> MetricsViewModel.num(r.f1()), 0));
        table.getColumns().add(column(TITLES[5], r -> MetricsViewModel.num(r.accuracy()), 0));
        table.getColumns().add(column(TITLES[6], r -> MetricsViewModel.num(r.mse()), 0));
        table.getColumns().add(column(TITLES[7], r -> MetricsViewModel.num(r.mae()), 0));
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(MetricsRow item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().remove("difference-row");
                if (!empty && item != null && item.difference()) {
                    getStyleClass().add("difference-row");
                }
            }
        });
        reference.setItems(vm.models());
        // Not a bidirectional binding: a combo box clears its value when its items change, and
        // that must not clear the reference.
        reference.setValue(vm.referenceProperty().get());
        vm.referenceProperty().addListener((o, was, now) -> reference.setValue(now));
        vm.models().addListener((javafx.collections.ListChangeListener<String>) c ->
                reference.setValue(vm.referenceProperty().get()));
        reference.valueProperty().addListener((o, was, now) -> {
            if (now != null) {
                vm.referenceProperty().set(now);
            }
        });
        reference.setTooltip(new Tooltip("Each other model's paired bootstrap difference (same resampled pairs)"
                + " is taken against this model"));
    }

    /**
     * The first column: the model's short name, or for a difference {@code Δ A − B} with its
     * verdict (the spearman interval holding 0 → no clear winner). Full ids on hover.
     */
    static String label(MetricsRow r) {
        if (!r.difference()) {
            return ModelNames.shortName(r.model());
        }
        String a = ModelNames.compact(r.model());
        String b = ModelNames.compact(r.reference());
        String verdict = r.spearman() == null ? "" : r.noClearWinner() ? " · no clear winner"
                : " · " + (r.spearman().value() > 0 ? a : b) + " ahead";
        return "Δ " + a + " − " + b + verdict;
    }

    private static TableColumn<MetricsRow, String> column(String title, Function<MetricsRow, String> value,
                                                          double minContent) {
        TableColumn<MetricsRow, String> c = new TableColumn<>(title);
        c.setCellValueFactory(f -> new ReadOnlyStringWrapper(value.apply(f.getValue())));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                MetricsRow row = empty || getTableRow() == null ? null : getTableRow().getItem();
                String tip = row != null && getTableColumn() == getTableView().getColumns().get(0) ? row.label() : item;
                setTooltip(empty || tip == null || tip.isEmpty() ? null : new Tooltip(tip));
            }
        });
        // The title's own width (plus the header's padding and sort arrow): never "Pears…".
        Text measure = new Text(title);
        measure.setStyle("-fx-font-size: 13px; -fx-font-weight: bold;");
        double width = Math.max(minContent, Math.ceil(measure.getLayoutBounds().getWidth()) + 28);
        c.setMinWidth(width);
        c.setPrefWidth(width);
        return c;
    }

    public TableView<MetricsRow> table() {
        return table;
    }

    @FXML
    public void exportCsv() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export metrics as CSV");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV", "*.csv"));
        chooser.setInitialFileName("metrics.csv");
        File f = chooser.showSaveDialog(table.getScene().getWindow());
        if (f != null) {
            try {
                vm.exportCsv(f.toPath());
                main.status().info("metrics saved to " + f);
            } catch (IOException e) {
                main.status().report("exporting metrics", e);
            }
        }
    }
}
