package kr.sbert.workbench.gui.tokens;

import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import kr.sbert.workbench.gui.main.WorkbenchViewModel;
import kr.sbert.workbench.gui.pairs.PairRow;

/** Draws the token rows as chips; the text field is bound to the view model's text. */
public final class TokensController {
    private final WorkbenchViewModel main;
    private final TokensViewModel vm;
    @FXML private TextField text;
    @FXML private Label warnings;
    @FXML private VBox rows;
    @FXML private HBox fetchRow;
    @FXML private ChoiceBox<String> fetchChoice;

    public TokensController(WorkbenchViewModel main) {
        this.main = main;
        this.vm = main.tokens();
    }

    @FXML
    private void initialize() {
        text.textProperty().bindBidirectional(vm.textProperty());
        TokenizerPreviews previews = main.tokenizerPreviews();
        fetchChoice.setItems(previews.fetchable());
        previews.fetchable().addListener((ListChangeListener<String>) c -> showFetch());
        showFetch();
        vm.rows().addListener((ListChangeListener<TokenRow>) c -> redraw());
        vm.warnings().addListener((ListChangeListener<String>) c -> showWarnings());
        redraw();
        showWarnings();
    }

    /** The fetch row is there only while some variant's tokenizer can still be fetched. */
    private void showFetch() {
        boolean any = !main.tokenizerPreviews().fetchable().isEmpty();
        fetchRow.setVisible(any);
        fetchRow.setManaged(any);
        if (any && !main.tokenizerPreviews().fetchable().contains(fetchChoice.getValue())) {
            fetchChoice.setValue(main.tokenizerPreviews().fetchable().get(0));
        }
    }

    @FXML
    private void fetchTokenizer() {
        main.tokenizerPreviews().fetch(fetchChoice.getValue());
    }

    private void showWarnings() {
        boolean any = !vm.warnings().isEmpty();
        warnings.setText(String.join("\n", vm.warnings()));
        warnings.setVisible(any);
        warnings.setManaged(any);
    }

    private void redraw() {
        rows.getChildren().clear();
        for (TokenRow row : vm.rows()) {
            Label model = new Label(row.model());
            model.getStyleClass().add("token-row-model");
            Label note = new Label(row.note());
            note.getStyleClass().add("token-row-note");
            note.setWrapText(true);
            note.setVisible(row.tokenizerOnly());
            note.setManaged(row.tokenizerOnly());
            FlowPane chips = new FlowPane(4, 4);
            chips.getStyleClass().add("token-chips");
            chips.setUserData(row.model());
            for (List<TokenChip> word : row.words()) {
                HBox group = new HBox();
                group.getStyleClass().add("token-word");
                for (TokenChip chip : word) {
                    group.getChildren().add(chipLabel(chip));
                }
                chips.getChildren().add(group);
            }
            Label summary = new Label(row.summary());
            summary.getStyleClass().add("token-summary");
            VBox box = new VBox(2, model, note, chips, summary);
            for (String w : row.warnings()) {
                Label l = new Label(w);
                l.getStyleClass().add("warning");
                l.setWrapText(true);
                box.getChildren().add(l);
            }
            rows.getChildren().add(box);
        }
    }

    private static Label chipLabel(TokenChip chip) {
        Label l = new Label(chip.label());
        l.getStyleClass().addAll(chip.styleClasses());
        l.setUserData(chip);
        Tooltip tip = new Tooltip(chip.tooltip());
        tip.setShowDelay(Duration.millis(200));
        l.setTooltip(tip);
        return l;
    }

    @FXML
    private void showSentence1() {
        PairRow r = main.pairs().selectedProperty().get();
        if (r != null) {
            vm.textProperty().set(r.sentence1());
        }
    }

    @FXML
    private void showSentence2() {
        PairRow r = main.pairs().selectedProperty().get();
        if (r != null) {
            vm.textProperty().set(r.sentence2());
        }
    }
}
