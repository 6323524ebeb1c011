package kr.sbert.workbench.gui.metrics;

import java.io.File;
import java.io.IOException;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.stage.FileChooser;
import kr.sbert.workbench.gui.ModelNames;
import kr.sbert.workbench.gui.TextWidths;
import kr.sbert.workbench.gui.main.WorkbenchViewModel;

/**
 * Binds the metrics table, the reference model of the paired differences, and the CSV
 * export. The columns that matter (model, n, Pearson and Spearman with their intervals) are
 * never narrower than their numbers and titles, so at 1024×700 they fit without sideways
 * scrolling; the others may shrink to their numbers with the title elided, in full on hover.
 */
public final class MetricsController {
    /** Column titles, in order. */
    static final String[] TITLES = {"model", "n", "Pearson [95% CI]", "Spearman [95% CI]",
        "F1 at 3.0", "accuracy at 3.0", "MSE (calibrated)", "MAE (calibrated)"};
    /** What each title means, shown on hover over its header. */
    static final String[] HEADER_TIPS = {"model, or Δ: its paired bootstrap difference against the reference model",
        "pairs with gold", "Pearson correlation of the cosine with gold, with its 95% bootstrap interval",
        "Spearman rank correlation of the cosine with gold, with its 95% bootstrap interval",
        "F1 at 3.0: gold ≥ 3.0 as similar, against the calibrated 0–5 prediction ≥ 3.0",
        "accuracy at 3.0: gold ≥ 3.0 as similar, against the calibrated 0–5 prediction ≥ 3.0",
        "MSE (calibrated): mean squared error of the calibrated 0–5 prediction against gold",
        "MAE (calibrated): mean absolute error of the calibrated 0–5 prediction against gold"};
    /** The widest text of an interval cell. */
    private static final String WIDEST_INTERVAL = "-0.0000 [-0.0000, -0.0000]";
    /** The widest text of a number cell. */
    private static final String WIDEST_NUMBER = "00.0000";

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
        table.getColumns().add(column(0, MetricsController::label, 120, 300, false));
        table.getColumns().add(column(1, r -> Integer.toString(r.n()), textWidth("00000", false), 0, true));
        table.getColumns().add(column(2, r -> MetricsViewModel.interval(r.pearson()), textWidth(WIDEST_INTERVAL, false), 0, true));
        table.getColumns().add(column(3, r -> MetricsViewModel.interval(r.spearman()), textWidth(WIDEST_INTERVAL, false), 0, true));
        for (int i = 4; i < TITLES.length; i++) {
            Function<MetricsRow, String> value = switch (i) {
                case 4 -> r -> MetricsViewModel.num(r.f1());
                case 5 -> r -> MetricsViewModel.num(r.accuracy());
                case 6 -> r -> MetricsViewModel.num(r.mse());
                default -> r -> MetricsViewModel.num(r.mae());
            };
            table.getColumns().add(column(i, value, textWidth(WIDEST_NUMBER, false), 0, false));
        }
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
        // The combo box clears its value after its own item listeners, which run after this one:
        // the reference is put back once they are done (Δ against was empty in a first session).
        vm.models().addListener((javafx.collections.ListChangeListener<String>) c -> {
            reference.setValue(vm.referenceProperty().get());
            javafx.application.Platform.runLater(() -> reference.setValue(vm.referenceProperty().get()));
        });
        reference.valueProperty().addListener((o, was, now) -> {
            if (now != null) {
                vm.referenceProperty().set(now);
            } else if (vm.referenceProperty().get() != null && vm.models().contains(vm.referenceProperty().get())) {
                javafx.application.Platform.runLater(() -> reference.setValue(vm.referenceProperty().get()));
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

    /**
     * A column whose title is a label with its meaning on hover. Never narrower than
     * {@code minContent} (its widest number); a column with a {@code fullTitle} is also never
     * narrower than its title, the others elide the title when the table is narrow.
     */
    private static TableColumn<MetricsRow, String> column(int index, Function<MetricsRow, String> value,
                                                          double minContent, double pref, boolean fullTitle) {
        String title = TITLES[index];
        TableColumn<MetricsRow, String> c = new TableColumn<>();
        c.setUserData(title);
        Label header = new Label(title);
        header.setMinWidth(0);
        header.setTooltip(new Tooltip(HEADER_TIPS[index]));
        c.setGraphic(header);
        c.setCellValueFactory(f -> new ReadOnlyStringWrapper(value.apply(f.getValue())));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                // The first column (model, or Δ with its verdict) wraps rather than cutting the verdict:
                // a Text whose wrapping width follows the column makes the row as tall as it needs.
                boolean first = getTableView() != null && getTableColumn() == getTableView().getColumns().get(0);
                if (first && !empty && item != null) {
                    javafx.scene.text.Text text = new javafx.scene.text.Text(item);
                    text.wrappingWidthProperty().bind(getTableColumn().widthProperty().subtract(12));
                    text.getStyleClass().add("metrics-first-cell");
                    setText(null);
                    setGraphic(text);
                } else {
                    setGraphic(null);
                    setText(empty ? null : item);
                }
                MetricsRow row = empty || getTableRow() == null ? null : getTableRow().getItem();
                String tip = row != null && getTableColumn() == getTableView().getColumns().get(0) ? row.label() : item;
                setTooltip(empty || tip == null || tip.isEmpty() ? null : new Tooltip(tip));
            }
        });
        // The title's own width (plus the header's padding and sort arrow).
        double titleWidth = textWidth(title, true) + 16;
        double min = Math.ceil(fullTitle ? Math.max(minContent, titleWidth) : minContent);
        c.setMinWidth(min);
        c.setPrefWidth(Math.max(min, Math.max(pref, titleWidth)));
        return c;
    }

    /** The width of a cell's text (regular) or a header's title (bold), with the cell's padding. */
    private static double textWidth(String text, boolean bold) {
        return TextWidths.of(text, bold) + 12;
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
