package kr.sbert.workbench.gui.vocab;

import java.util.LinkedHashMap;
import java.util.Map;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.control.ListView;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import kr.sbert.workbench.core.text.TextTokenizer;
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

    private void columns() {
        table.getColumns().clear();
        TableColumn<VocabRow, String> name = new TableColumn<>("statistic");
        name.setCellValueFactory(f -> new ReadOnlyStringWrapper(f.getValue().statistic()));
        name.setPrefWidth(260);
        table.getColumns().add(name);
        for (int i = 0; i < vm.models().size(); i++) {
            final int k = i;
            TableColumn<VocabRow, String> c = new TableColumn<>(vm.models().get(i));
            c.setCellValueFactory(f -> new ReadOnlyStringWrapper(f.getValue().values().get(k)));
            c.setPrefWidth(240);
            table.getColumns().add(c);
        }
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
