package kr.sbert.workbench.gui.pairs;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.collections.transformation.SortedList;
import javafx.fxml.FXML;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.DragEvent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.converter.DefaultStringConverter;
import kr.sbert.workbench.gui.ModelNames;
import kr.sbert.workbench.gui.main.WorkbenchViewModel;

/** Binds the pairs table (columns per scored model), its buttons, drag and drop, and the quick-compare box. */
public final class PairsController {
    private final WorkbenchViewModel main;
    private final PairsViewModel vm;
    @FXML private VBox root;
    @FXML private Label fileLabel;
    @FXML private TableView<PairRow> table;
    @FXML private Button deleteButton;
    @FXML private TextField quick1;
    @FXML private TextField quick2;
    @FXML private Label quickResult;
    private boolean syncing;
    private final javafx.beans.property.IntegerProperty scoresVersion = new javafx.beans.property.SimpleIntegerProperty();

    public PairsController(WorkbenchViewModel main) {
        this.main = main;
        this.vm = main.pairs();
    }

    @FXML
    private void initialize() {
        // Sorting shows a sorted view; the pairs themselves keep their order.
        SortedList<PairRow> sorted = new SortedList<>(vm.rows());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        rebuildColumns();
        main.scoredModels().addListener((ListChangeListener<String>) c -> rebuildColumns());
        main.resultProperty().addListener((o, was, now) -> scoresVersion.set(scoresVersion.get() + 1));
        table.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (!syncing && now != null) {
                syncing = true;
                vm.selectedProperty().set(now);
                syncing = false;
            }
        });
        vm.selectedProperty().addListener((o, was, now) -> {
            if (!syncing && now != null && table.getSelectionModel().getSelectedItem() != now) {
                syncing = true;
                table.getSelectionModel().clearAndSelect(table.getItems().indexOf(now));
                table.scrollTo(now);
                syncing = false;
            }
        });
        deleteButton.disableProperty().bind(Bindings.isEmpty(table.getSelectionModel().getSelectedItems()));
        fileLabel.textProperty().bind(Bindings.createStringBinding(() -> {
            Path f = vm.openedFileProperty().get();
            String name = f == null ? "" : f.getFileName().toString();
            return name + (vm.dirtyProperty().get() ? " (edited)" : "");
        }, vm.openedFileProperty(), vm.dirtyProperty()));
        table.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.isShortcutDown() && e.getCode() == KeyCode.V && table.getEditingCell() == null) {
                paste();
                e.consume();
            } else if (e.getCode() == KeyCode.DELETE && table.getEditingCell() == null) {
                deleteRows();
                e.consume();
            }
        });
        root.setOnDragOver(this::dragOver);
        root.setOnDragDropped(this::dragDropped);
        root.setOnDragExited(e -> root.getStyleClass().remove("drop-target"));
        quick1.textProperty().bindBidirectional(vm.quickSentence1Property());
        quick2.textProperty().bindBidirectional(vm.quickSentence2Property());
        quick1.setOnAction(e -> quickCompare());
        quick2.setOnAction(e -> quickCompare());
        vm.quickResults().addListener((ListChangeListener<QuickResult>) c -> quickResult.setText(
                String.join("   ", vm.quickResults().stream().map(r -> String.format(Locale.ROOT,
                        "%s: cos %.4f → %.2f", r.model(), r.cosine(), r.scaled())).toList())));
        vm.setConfirmDiscard(question -> {
            Alert alert = new Alert(Alert.AlertType.CONFIRMATION, question, ButtonType.OK, ButtonType.CANCEL);
            alert.setHeaderText("Unsaved edits");
            alert.initOwner(table.getScene().getWindow());
            return alert.showAndWait().filter(b -> b == ButtonType.OK).isPresent();
        });
    }

    public TableView<PairRow> table() {
        return table;
    }

    private void rebuildColumns() {
        table.getColumns().clear();
        TableColumn<PairRow, String> s1 = new TableColumn<>("sentence 1");
        s1.setCellValueFactory(c -> c.getValue().sentence1Property());
        s1.setCellFactory(CommittingTextCell.forColumn(new DefaultStringConverter()));
        s1.setPrefWidth(230);
        TableColumn<PairRow, String> s2 = new TableColumn<>("sentence 2");
        s2.setCellValueFactory(c -> c.getValue().sentence2Property());
        s2.setCellFactory(CommittingTextCell.forColumn(new DefaultStringConverter()));
        s2.setPrefWidth(230);
        TableColumn<PairRow, Double> gold = new TableColumn<>("gold");
        gold.setCellValueFactory(c -> c.getValue().goldProperty());
        gold.setCellFactory(CommittingTextCell.forColumn(new GoldConverter()));
        gold.setOnEditCommit(e -> {
            if (e.getNewValue() != null && e.getNewValue().isNaN()) {
                main.status().report("gold", new IllegalArgumentException(
                        "gold must be a number between 0 and 5, or empty"));
                table.refresh();
            } else {
                e.getRowValue().goldProperty().set(e.getNewValue());
            }
        });
        gold.setPrefWidth(55);
        table.getColumns().addAll(List.of(s1, s2, gold));
        List<String> models = List.copyOf(main.scoredModels());
        for (String m : models) {
            String shortName = ModelNames.shortName(m);
            table.getColumns().add(number(shortName + " cos", r -> score(r, m, true), 4));
            table.getColumns().add(number(shortName + " 0–5", r -> score(r, m, false), 2));
            table.getColumns().add(number(shortName + " |Δgold|", r -> r.absError(m), 2));
        }
        if (models.size() >= 2) {
            String a = models.get(0);
            String b = models.get(1);
            table.getColumns().add(number("disagree " + ModelNames.shortName(a) + "/" + ModelNames.shortName(b),
                    r -> r.disagreement(a, b), 2));
        }
    }

    private static Double score(PairRow r, String model, boolean cosine) {
        PairScore s = r.scores().get(model);
        return s == null ? null : cosine ? s.cosine() : s.scaled();
    }

    /** A read-only numeric column that follows the row's scores. */
    private TableColumn<PairRow, Double> number(String title, Function<PairRow, Double> value, int decimals) {
        TableColumn<PairRow, Double> col = new TableColumn<>(title);
        col.setEditable(false);
        // One counter for the whole table (bindings hold it weakly): a new scoring result
        // updates the visible cells in place instead of rebuilding them.
        col.setCellValueFactory(c -> {
            PairRow row = c.getValue();
            return Bindings.createObjectBinding(() -> value.apply(row), scoresVersion, row.goldProperty());
        });
        col.setCellFactory(c -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(Double item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? "" : String.format(Locale.ROOT, "%." + decimals + "f", item));
            }
        });
        col.setPrefWidth(80);
        return col;
    }

    @FXML
    private void addRow() {
        PairRow row = vm.addRow();
        table.scrollTo(row);
        table.edit(table.getItems().indexOf(row), table.getColumns().get(0));
    }

    @FXML
    private void deleteRows() {
        vm.delete(List.copyOf(table.getSelectionModel().getSelectedItems()));
    }

    @FXML
    private void paste() {
        String text = Clipboard.getSystemClipboard().getString();
        if (text != null) {
            vm.paste(text);
        }
    }

    @FXML
    public void openFile() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open sentence pairs");
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Pairs (TSV, CSV, JSON, JSONL)", "*.tsv", "*.csv", "*.json", "*.jsonl", "*.txt"),
                new FileChooser.ExtensionFilter("All files", "*"));
        File f = chooser.showOpenDialog(table.getScene().getWindow());
        if (f != null) {
            vm.open(f.toPath());
        }
    }

    @FXML
    public void saveFile() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save pairs with gold");
        // One filter for both: with separate ones, GTK appends the selected filter's extension
        // to the typed name ("pairs.csv" became "pairs.csv.tsv").
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("TSV or CSV (by the name's extension)",
                "*.tsv", "*.csv"));
        chooser.setInitialFileName("pairs.tsv");
        File f = chooser.showSaveDialog(table.getScene().getWindow());
        if (f != null) {
            vm.save(f.toPath());
        }
    }

    @FXML
    private void score() {
        main.score();
    }

    @FXML
    private void quickCompare() {
        vm.quickCompare(main.models().selectedReady());
    }

    private void dragOver(DragEvent e) {
        if (e.getDragboard().hasFiles()) {
            e.acceptTransferModes(TransferMode.COPY);
            if (!root.getStyleClass().contains("drop-target")) {
                root.getStyleClass().add("drop-target");
            }
        }
        e.consume();
    }

    private void dragDropped(DragEvent e) {
        boolean ok = false;
        if (e.getDragboard().hasFiles() && !e.getDragboard().getFiles().isEmpty()) {
            vm.open(e.getDragboard().getFiles().get(0).toPath());
            ok = true;
        }
        root.getStyleClass().remove("drop-target");
        e.setDropCompleted(ok);
        e.consume();
    }

    /** Gold cells: empty → no gold; a number → gold; anything else → NaN (refused on commit). */
    private static final class GoldConverter extends javafx.util.StringConverter<Double> {
        @Override
        public String toString(Double d) {
            if (d == null) {
                return "";
            }
            // Exact (KorSTS has golds such as 4.75): rounding here would change the gold on a
            // confirmed edit. Whole numbers keep one decimal.
            String s = java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
            return s.contains(".") ? s : s + ".0";
        }

        @Override
        public Double fromString(String s) {
            if (s == null || s.isBlank()) {
                return null;
            }
            try {
                double v = Double.parseDouble(s.strip());
                return v >= 0 && v <= 5 ? v : Double.NaN;
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
    }

}
