package kr.sbert.workbench.gui.pairs;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
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
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.DragEvent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.converter.DefaultStringConverter;
import kr.sbert.workbench.core.data.GoldField;
import kr.sbert.workbench.core.data.SentencePair;
import kr.sbert.workbench.core.eval.PredictionsCsv;
import kr.sbert.workbench.gui.ModelNames;
import kr.sbert.workbench.gui.main.ScoringResult;
import kr.sbert.workbench.gui.main.WorkbenchViewModel;
import kr.sbert.workbench.gui.service.ModelEvaluation;

/**
 * Binds the pairs table, its toolbar, search, drag and drop and the details strip. The table
 * fits its width (no sideways scrolling): the two sentence columns share what the score
 * columns leave — one compact group per scored model (short name, full id on hover) with
 * its cosine and 0–5 score; the |Δgold| and disagreement columns are optional (More ▾). The
 * selected pair's full sentences and scores show below the table.
 */
public final class PairsController {
    /** Titles of a model group's columns. */
    public static final String COS = "cos";
    public static final String SCALED = "0–5";
    public static final String ERROR = "|Δgold|";
    static final double COS_WIDTH = 58;
    static final double SCALED_WIDTH = 44;
    static final double ERROR_WIDTH = 56;
    static final double GOLD_WIDTH = 46;

    private final WorkbenchViewModel main;
    private final PairsViewModel vm;
    @FXML private VBox root;
    @FXML private Label fileLabel;
    @FXML private Label countLabel;
    @FXML private TextField search;
    @FXML private TableView<PairRow> table;
    @FXML private Button deleteButton;
    @FXML private CheckMenuItem errorColumnsItem;
    @FXML private CheckMenuItem skipBadRowsItem;
    @FXML private RadioMenuItem goldLabel;
    @FXML private RadioMenuItem goldRealLabel;
    @FXML private RadioMenuItem goldBinaryLabel;
    @FXML private Label detail1;
    @FXML private Label detail2;
    @FXML private Label detailScores;
    private boolean syncing;
    // The details strip follows edits of the selected pair, not only a new selection.
    private final javafx.beans.InvalidationListener detailsFollow = o -> showDetails();
    private Function<Path, File> saveChooser = this::showSaveDialog;
    private final javafx.beans.property.IntegerProperty scoresVersion = new javafx.beans.property.SimpleIntegerProperty();

    public PairsController(WorkbenchViewModel main) {
        this.main = main;
        this.vm = main.pairs();
    }

    @FXML
    private void initialize() {
        // Sorting and searching show a view; the pairs themselves keep their order.
        SortedList<PairRow> sorted = new SortedList<>(vm.filteredRows());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        // The header's corner menu lists every column: with many models the user picks which show.
        table.setTableMenuButtonVisible(true);
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        search.textProperty().bindBidirectional(vm.filterProperty());
        rebuildColumns();
        main.scoredModels().addListener((ListChangeListener<String>) c -> rebuildColumns());
        errorColumnsItem.selectedProperty().addListener((o, was, now) -> rebuildColumns());
        table.widthProperty().addListener((o, was, now) -> refit());
        main.resultProperty().addListener((o, was, now) -> {
            scoresVersion.set(scoresVersion.get() + 1);
            showDetails();
        });
        table.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (!syncing && now != null) {
                syncing = true;
                vm.selectedProperty().set(now);
                syncing = false;
            }
        });
        vm.selectedProperty().addListener((o, was, now) -> {
            if (was != null) {
                was.sentence1Property().removeListener(detailsFollow);
                was.sentence2Property().removeListener(detailsFollow);
                was.goldProperty().removeListener(detailsFollow);
            }
            if (now != null) {
                now.sentence1Property().addListener(detailsFollow);
                now.sentence2Property().addListener(detailsFollow);
                now.goldProperty().addListener(detailsFollow);
            }
            if (!syncing && now != null && table.getSelectionModel().getSelectedItem() != now) {
                syncing = true;
                int index = table.getItems().indexOf(now);
                if (index >= 0) {
                    table.getSelectionModel().clearAndSelect(index);
                    TableNavigation.reveal(table, index);
                }
                syncing = false;
            }
            showDetails();
        });
        deleteButton.disableProperty().bind(Bindings.isEmpty(table.getSelectionModel().getSelectedItems()));
        fileLabel.textProperty().bind(Bindings.createStringBinding(() -> {
            Path f = vm.openedFileProperty().get();
            String name = f == null ? "" : f.getFileName().toString();
            return name + (vm.dirtyProperty().get() ? " (edited)" : "");
        }, vm.openedFileProperty(), vm.dirtyProperty()));
        fileLabel.setTooltip(new Tooltip());
        fileLabel.getTooltip().textProperty().bind(Bindings.createStringBinding(() -> {
            Path f = vm.openedFileProperty().get();
            return f == null ? "not from a file" : f.toString();
        }, vm.openedFileProperty()));
        countLabel.textProperty().bind(Bindings.createStringBinding(() -> {
            int all = vm.rows().size();
            int shown = vm.filteredRows().size();
            return shown == all ? String.format(Locale.ROOT, "%,d %s", all, all == 1 ? "pair" : "pairs")
                    : String.format(Locale.ROOT, "%,d of %,d shown", shown, all);
        }, vm.rows(), vm.filteredRows()));
        ToggleGroup goldGroup = new ToggleGroup();
        goldLabel.setToggleGroup(goldGroup);
        goldRealLabel.setToggleGroup(goldGroup);
        goldBinaryLabel.setToggleGroup(goldGroup);
        goldLabel.setUserData(GoldField.LABEL);
        goldRealLabel.setUserData(GoldField.REAL_LABEL);
        goldBinaryLabel.setUserData(GoldField.BINARY_LABEL);
        goldGroup.selectToggle(switch (vm.goldFieldProperty().get()) {
            case REAL_LABEL -> goldRealLabel;
            case BINARY_LABEL -> goldBinaryLabel;
            default -> goldLabel;
        });
        goldGroup.selectedToggleProperty().addListener((o, was, now) -> {
            if (now != null) {
                vm.goldFieldProperty().set((GoldField) now.getUserData());
            }
        });
        skipBadRowsItem.selectedProperty().bindBidirectional(vm.skipBadRowsProperty());
        table.addEventFilter(KeyEvent.KEY_PRESSED, this::tableKey);
        // Whatever moved the focus (Enter, Tab, Up, Down, a click), the focused row ends up fully
        // in view below the header — after the layout the move caused.
        table.getFocusModel().focusedIndexProperty().addListener((o, was, now) ->
                javafx.application.Platform.runLater(() -> TableNavigation.reveal(table, now.intValue())));
        root.setOnDragOver(this::dragOver);
        root.setOnDragDropped(this::dragDropped);
        root.setOnDragExited(e -> root.getStyleClass().remove("drop-target"));
        vm.setConfirmDelete(question -> {
            ButtonType delete = new ButtonType("Delete", javafx.scene.control.ButtonBar.ButtonData.OK_DONE);
            Alert alert = new Alert(Alert.AlertType.CONFIRMATION, question, delete, ButtonType.CANCEL);
            alert.setHeaderText("Delete rows");
            alert.initOwner(table.getScene().getWindow());
            // Cancel is the default: Enter pressed by habit deletes nothing.
            ((Button) alert.getDialogPane().lookupButton(delete)).setDefaultButton(false);
            ((Button) alert.getDialogPane().lookupButton(ButtonType.CANCEL)).setDefaultButton(true);
            return alert.showAndWait().filter(b -> b == delete).isPresent();
        });
        vm.setConfirmDiscard(question -> {
            Alert alert = new Alert(Alert.AlertType.CONFIRMATION, question, ButtonType.OK, ButtonType.CANCEL);
            alert.setHeaderText("Unsaved edits");
            alert.initOwner(table.getScene().getWindow());
            return alert.showAndWait().filter(b -> b == ButtonType.OK).isPresent();
        });
        showDetails();
    }

    public TableView<PairRow> table() {
        return table;
    }

    /** Shows or hides the |Δgold| and disagreement columns (More ▾). */
    public void showErrorColumns(boolean show) {
        errorColumnsItem.setSelected(show);
    }

    /** The search box. */
    public TextField search() {
        return search;
    }

    /** The details strip's text: sentence 1, sentence 2, the scores (tests read it). */
    public String detailsText() {
        return detail1.getText() + "\n" + detail2.getText() + "\n" + detailScores.getText();
    }

    private void tableKey(KeyEvent e) {
        boolean editing = table.getEditingCell() != null;
        if (e.isShortcutDown() && e.getCode() == KeyCode.V && !editing) {
            paste();
            e.consume();
        } else if (e.getCode() == KeyCode.DELETE && !editing) {
            deleteRows();
            e.consume();
        } else if (e.getCode() == KeyCode.TAB && !editing) {
            TableNavigation.moveAcross(table, e.isShiftDown(), false);
            e.consume();
        } else if (e.getCode() == KeyCode.ENTER && !editing) {
            TableNavigation.editFocused(table);
            e.consume();
        }
    }

    /** How the score columns fit: both per model, one (0–5) per model, or one per model scrolling sideways. */
    public enum Fit { FULL, COMPACT, SCROLL }

    private Fit fit = Fit.FULL;

    /** The widest fit this many models leave room for in the table's width (0: not laid out yet). */
    static Fit fitFor(double width, int models, boolean errors) {
        if (width <= 0) {
            return Fit.FULL;
        }
        double fixed = 2 * 90 + GOLD_WIDTH + 24 + (errors && models >= 2 ? ERROR_WIDTH : 0);
        double full = models * (COS_WIDTH + SCALED_WIDTH + (errors ? ERROR_WIDTH : 0));
        double compact = models * (SCALED_WIDTH + (errors ? ERROR_WIDTH : 0));
        return fixed + full <= width ? Fit.FULL : fixed + compact <= width ? Fit.COMPACT : Fit.SCROLL;
    }

    /** How the score columns fit now (tests read it). */
    public Fit fit() {
        return fit;
    }

    private void refit() {
        Fit wanted = fitFor(table.getWidth(), main.scoredModels().size(), errorColumnsItem.isSelected());
        if (wanted != fit) {
            rebuildColumns();
        }
    }

    private void rebuildColumns() {
        fit = fitFor(table.getWidth(), main.scoredModels().size(), errorColumnsItem.isSelected());
        // More models than fit: one column each (both numbers in its tooltip and the details below),
        // and when even that is too wide the table scrolls sideways — never a model without columns.
        table.setColumnResizePolicy(fit == Fit.SCROLL ? TableView.UNCONSTRAINED_RESIZE_POLICY
                : TableView.CONSTRAINED_RESIZE_POLICY);
        table.getColumns().clear();
        TableColumn<PairRow, String> s1 = new TableColumn<>("sentence 1");
        s1.setCellValueFactory(c -> c.getValue().sentence1Property());
        s1.setCellFactory(CommittingTextCell.forColumn(new DefaultStringConverter()));
        s1.setPrefWidth(300);
        s1.setMinWidth(90);
        TableColumn<PairRow, String> s2 = new TableColumn<>("sentence 2");
        s2.setCellValueFactory(c -> c.getValue().sentence2Property());
        s2.setCellFactory(CommittingTextCell.forColumn(new DefaultStringConverter()));
        s2.setPrefWidth(300);
        s2.setMinWidth(90);
        TableColumn<PairRow, Double> gold = new TableColumn<>("gold");
        gold.setCellValueFactory(c -> c.getValue().goldProperty());
        gold.setCellFactory(CommittingTextCell.forColumn(new GoldConverter()));
        gold.setOnEditCommit(e -> {
            if (e.getNewValue() != null && e.getNewValue().isNaN()) {
                main.status().report("gold", new kr.sbert.workbench.core.InvalidInputException(
                        "gold must be a number between 0 and 5, or empty"));
                table.refresh();
            } else {
                e.getRowValue().goldProperty().set(e.getNewValue());
            }
        });
        fixed(gold, GOLD_WIDTH);
        table.getColumns().addAll(List.of(s1, s2, gold));
        List<String> models = List.copyOf(main.scoredModels());
        boolean errors = errorColumnsItem.isSelected();
        for (String m : models) {
            TableColumn<PairRow, Double> group = new TableColumn<>();
            Label title = new Label(ModelNames.compact(m));
            title.setTooltip(new Tooltip(m));
            title.setMinWidth(0);
            group.setGraphic(title);
            group.setUserData(m);
            if (fit == Fit.FULL) {
                group.getColumns().add(number(COS, m, r -> score(r, m, true), 4, COS_WIDTH));
            }
            group.getColumns().add(number(SCALED, m, r -> score(r, m, false), 2, SCALED_WIDTH));
            if (fit != Fit.FULL) {
                title.getTooltip().setText(m + "\n0–5 score only: too many models for the cosine columns too"
                        + " (the selected pair's cosines are below the table)");
            }
            if (errors) {
                group.getColumns().add(number(ERROR, m, r -> r.absError(m), 2, ERROR_WIDTH));
            }
            table.getColumns().add(group);
        }
        if (errors && models.size() >= 2) {
            String a = models.get(0);
            String b = models.get(1);
            TableColumn<PairRow, Double> d = number("|A−B|", a + "|" + b, r -> r.disagreement(a, b), 2, ERROR_WIDTH);
            Label title = new Label("|A−B|");
            title.setTooltip(new Tooltip("|0–5 of " + a + " − 0–5 of " + b + "|: sort to see where they disagree"));
            d.setText(null);
            d.setGraphic(title);
            table.getColumns().add(d);
        }
        showDetails();
    }

    /** A score column: never narrower than its numbers, a little wider when the window has room. */
    private static void scoreWidth(TableColumn<PairRow, ?> c, double width) {
        c.setMinWidth(width);
        c.setPrefWidth(width);
        c.setMaxWidth(Math.round(width * 1.7));
    }

    private static void fixed(TableColumn<PairRow, ?> c, double width) {
        c.setMinWidth(width);
        c.setPrefWidth(width);
        c.setMaxWidth(width);
        c.setResizable(false);
    }

    private static Double score(PairRow r, String model, boolean cosine) {
        PairScore s = r.scores().get(model);
        return s == null ? null : cosine ? s.cosine() : s.scaled();
    }

    /** A read-only numeric column that follows the row's scores; its user data is the model id. */
    private TableColumn<PairRow, Double> number(String title, String model, Function<PairRow, Double> value,
                                                int decimals, double width) {
        TableColumn<PairRow, Double> col = new TableColumn<>(title);
        col.setEditable(false);
        col.setUserData(model);
        // One counter for the whole table (bindings hold it weakly): a new scoring result
        // updates the visible cells in place instead of rebuilding them.
        col.setCellValueFactory(c -> {
            PairRow row = c.getValue();
            return Bindings.createObjectBinding(() -> value.apply(row), scoresVersion, row.goldProperty());
        });
        col.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Double item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? "" : String.format(Locale.ROOT, "%." + decimals + "f", item));
            }
        });
        col.getStyleClass().add("score-column");
        scoreWidth(col, width);
        return col;
    }

    /** The selected pair in full (wrapped) with every model's numbers. */
    private void showDetails() {
        if (detail1 == null) {
            return;
        }
        PairRow r = vm.selectedProperty().get();
        if (r == null) {
            detail1.setText("Select a row to see its sentences in full and every model's scores here.");
            detail2.setText("");
            detailScores.setText("");
            return;
        }
        detail1.setText("1: " + r.sentence1());
        detail2.setText("2: " + r.sentence2());
        List<String> parts = new ArrayList<>();
        parts.add("gold " + (r.gold() == null ? "—" : GoldConverter.format(r.gold())));
        for (String m : main.scoredModels()) {
            PairScore s = r.scores().get(m);
            if (s == null) {
                parts.add(ModelNames.shortName(m) + ": not scored");
            } else {
                Double err = r.absError(m);
                parts.add(String.format(Locale.ROOT, "%s: cos %.4f, 0–5 %.2f%s", ModelNames.shortName(m), s.cosine(),
                        s.scaled(), err == null ? "" : String.format(Locale.ROOT, ", |Δgold| %.2f", err)));
            }
        }
        detailScores.setText(String.join("   ·   ", parts));
    }

    @FXML
    private void addRow() {
        vm.filterProperty().set("");
        PairRow row = vm.addRow();
        TableNavigation.reveal(table, table.getItems().indexOf(row));
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
        } else {
            main.status().info("paste: the clipboard holds no text");
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
        File f = chooseSaveFile();
        if (f != null) {
            vm.save(f.toPath());
        }
    }

    /**
     * The save dialog for pairs with gold, opening beside the opened file with a new name
     * ({@code NAME-edited.EXT}); null when cancelled.
     */
    public File chooseSaveFile() {
        Path suggested = vm.suggestedSaveName();
        return saveChooser.apply(suggested);
    }

    /** Replaces the save dialog (tests: a name chosen without a native dialog). */
    public void setSaveChooser(Function<Path, File> chooser) {
        this.saveChooser = chooser;
    }

    private File showSaveDialog(Path suggested) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save pairs as");
        // One filter for all: with separate ones, GTK appends the selected filter's extension
        // to the typed name ("pairs.csv" became "pairs.csv.tsv").
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(
                "Pairs (the opened file's format, or TSV/CSV by the name's extension)",
                "*.tsv", "*.csv", "*.json", "*.jsonl", "*.txt"));
        if (suggested.getParent() != null && java.nio.file.Files.isDirectory(suggested.getParent())) {
            chooser.setInitialDirectory(suggested.getParent().toFile());
        }
        chooser.setInitialFileName(suggested.getFileName().toString());
        return chooser.showSaveDialog(table.getScene().getWindow());
    }

    @FXML
    private void savePredictions() {
        savePredictionsDialog();
    }

    /** Asks where, then saves the predictions (as {@code eval --out}). */
    public void savePredictionsDialog() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save per-pair predictions (as eval --out)");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV", "*.csv"));
        chooser.setInitialFileName("predictions.csv");
        File f = chooser.showSaveDialog(table.getScene().getWindow());
        if (f != null) {
            savePredictions(f.toPath());
        }
    }

    /**
     * Saves the last scoring result's predictions; refused (with a message) while the scores
     * do not match the table (a run going on, or edits since).
     */
    public void savePredictions(Path file) {
        ScoringResult r = main.resultProperty().get();
        if (main.scoringTask().isPresent() || main.staleProperty().get() || r.evaluations().isEmpty()
                || !r.rows().equals(vm.rows())) {
            main.status().report("saving predictions", new kr.sbert.workbench.core.InvalidInputException(
                    r.evaluations().isEmpty() ? "nothing is scored yet: tick a model"
                            : "the scores are being updated: save again when scoring has finished"));
            return;
        }
        List<SentencePair> pairs = new ArrayList<>();
        for (int i = 0; i < r.rows().size(); i++) {
            pairs.add(new SentencePair(r.rows().get(i).sentence1(), r.rows().get(i).sentence2(), r.gold()[i], i + 1));
        }
        List<PredictionsCsv.Column> columns = new ArrayList<>();
        for (ModelEvaluation ev : r.evaluations()) {
            columns.add(new PredictionsCsv.Column(ev.model(), ev.cosine(), ev.scaled()));
        }
        vm.savePredictions(file, pairs, columns);
    }

    @FXML
    private void clearTable() {
        vm.clear();
    }

    @FXML
    private void score() {
        main.scoreNow();
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
        static String format(Double d) {
            // Exact (KorSTS has golds such as 4.75): rounding here would change the gold on a
            // confirmed edit. Whole numbers keep one decimal.
            String s = java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
            return s.contains(".") ? s : s + ".0";
        }

        @Override
        public String toString(Double d) {
            return d == null ? "" : format(d);
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
