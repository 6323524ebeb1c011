package kr.sbert.workbench.gui.vocab;

import java.util.LinkedHashMap;
import java.util.Map;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import kr.sbert.workbench.core.text.TextTokenizer;
import kr.sbert.workbench.gui.ModelNames;
import kr.sbert.workbench.gui.TextWidths;
import kr.sbert.workbench.gui.main.WorkbenchViewModel;
import kr.sbert.workbench.gui.models.ModelEntry;

/** Binds the vocabulary statistics table (one column per model) and the split differences. */
public final class VocabController {
    private final WorkbenchViewModel main;
    private final VocabViewModel vm;
    @FXML private TableView<VocabRow> table;
    @FXML private ListView<String> differences;

    public VocabController(WorkbenchViewModel main) {
        this.main = main;
        this.vm = main.vocab();
    }

    @FXML
    private void initialize() {
        table.setItems(vm.rows());
        differences.setItems(vm.differences());
        vm.models().addListener((ListChangeListener<String>) c -> columns());
        columns();
    }

    /**
     * The statistic's name in full, then one column per model titled by its short name (full
     * id on hover); the models share the table's width equally, so the second model is in view too.
     */
    private void columns() {
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        table.getColumns().clear();
        TableColumn<VocabRow, String> name = new TableColumn<>("statistic");
        name.setCellValueFactory(f -> new ReadOnlyStringWrapper(f.getValue().statistic()));
        name.setCellFactory(col -> cell());
        // Wide enough for all names but the longest (in full on hover): the room goes to the models.
        double width = TextWidths.of("truncated at max_seq_length", false) + 16;
        name.setMinWidth(width);
        name.setPrefWidth(width);
        name.setMaxWidth(width);
        table.getColumns().add(name);
        for (int i = 0; i < vm.models().size(); i++) {
            final int k = i;
            String id = vm.models().get(i);
            TableColumn<VocabRow, String> c = new TableColumn<>();
            Label title = new Label(ModelNames.compact(id));
            title.setTooltip(new Tooltip(id));
            title.setMinWidth(0);
            c.setGraphic(title);
            c.setUserData(id);
            c.setCellValueFactory(f -> new ReadOnlyStringWrapper(f.getValue().values().get(k)));
            c.setCellFactory(col -> cell());
            // An equal share of what the statistic leaves (less the scroll bar), at least 90 px.
            c.setMinWidth(90);
            c.prefWidthProperty().bind(table.widthProperty().subtract(width + 18).divide(vm.models().size()));
            table.getColumns().add(c);
        }
    }

    /** A cell whose whole text is on hover (long [UNK] word lists are elided). */
    private static TableCell<VocabRow, String> cell() {
        return new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                setTooltip(empty || item == null || item.isEmpty() ? null : new Tooltip(item));
            }
        };
    }

    @FXML
    private void compute() {
        Map<String, TextTokenizer> tokenizers = new LinkedHashMap<>();
        for (ModelEntry e : main.models().selectedReady()) {
            e.loaded().tokenizer().ifPresent(t -> tokenizers.put(e.id(), t));
        }
        if (tokenizers.isEmpty()) {
            main.status().info("tick a neural model (not a baseline) to see its vocabulary statistics");
            return;
        }
        vm.compute(main.pairs().pairs(), tokenizers);
    }
}
