package kr.sbert.workbench.gui.metrics;

import java.io.File;
import java.io.IOException;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.stage.FileChooser;
import kr.sbert.workbench.gui.main.WorkbenchViewModel;

/** Binds the metrics table and its CSV export. */
public final class MetricsController {
    private final WorkbenchViewModel main;
    private final MetricsViewModel vm;
    @FXML private TableView<MetricsRow> table;

    public MetricsController(WorkbenchViewModel main) {
        this.main = main;
        this.vm = main.metrics();
    }

    @FXML
    private void initialize() {
        table.setItems(vm.rows());
        String[] h = MetricsViewModel.HEADER;
        table.getColumns().add(column(h[0], MetricsRow::model, 260));
        table.getColumns().add(column(h[1], MetricsRow::n, 50));
        table.getColumns().add(column(h[2], MetricsRow::pearson, 190));
        table.getColumns().add(column(h[3], MetricsRow::spearman, 190));
        table.getColumns().add(column(h[4], MetricsRow::f1, 70));
        table.getColumns().add(column(h[5], MetricsRow::accuracy, 70));
        table.getColumns().add(column(h[6], MetricsRow::mse, 80));
        table.getColumns().add(column(h[7], MetricsRow::mae, 80));
    }

    private static TableColumn<MetricsRow, String> column(String title, Function<MetricsRow, String> value, double width) {
        TableColumn<MetricsRow, String> c = new TableColumn<>(title);
        c.setCellValueFactory(f -> new ReadOnlyStringWrapper(value.apply(f.getValue())));
        c.setPrefWidth(width);
        return c;
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
