package kr.sbert.workbench.gui.tokens;

import java.util.List;
import java.util.Locale;
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
import kr.sbert.workbench.core.explain.PairExplanation;
import kr.sbert.workbench.core.text.Token;
import kr.sbert.workbench.gui.explain.AlignmentMark;
import kr.sbert.workbench.gui.explain.ShareShading;
import kr.sbert.workbench.gui.explain.TokenShare;
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
    @FXML private HBox shareLegend;

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
        main.explain().explanations().addListener((ListChangeListener<PairExplanation>) c -> redraw());
        main.explain().markProperty().addListener((obs, was, now) -> redraw());
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
        shareLegendScale = 0;
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
                    group.getChildren().add(shade(chipLabel(chip), row.model()));
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
        showShareLegend();
    }

    /** Largest |share| among the chips drawn (0: none shaded). */
    private double shareLegendScale;

    /** Shades a chip by its share of the cosine when the shown text is a sentence of the explained pair. */
    private Label shade(Label l, String model) {
        Token token = ((TokenChip) l.getUserData()).token();
        main.explain().of(model).flatMap(e -> TokenShare.find(e, vm.textProperty().get(), token)).ifPresent(s -> {
            l.getStyleClass().add("token-shaded");
            // an unknown piece keeps a mark of its own under the shading (the shading fills the background)
            l.setStyle(ShareShading.chipStyle(s.share(), s.scale()) + (token.unknown()
                    ? " -fx-border-color: #b02a37; -fx-border-width: 2; -fx-border-style: dashed;" : ""));
            l.getTooltip().setText(l.getTooltip().getText() + "\n" + s.tooltip());
            AlignmentMark m = main.explain().markProperty().get();
            if (m != null && m.model().equals(model) && (s.first() ? m.row() : m.column()) == s.index()) {
                l.getStyleClass().add("token-marked");
            }
            shareLegendScale = Math.max(shareLegendScale, s.scale());
        });
        return l;
    }

    /** The diverging scale of the shading: −max (blue) … 0 … +max (red). */
    private void showShareLegend() {
        shareLegend.getChildren().clear();
        boolean any = shareLegendScale > 0;
        shareLegend.setVisible(any);
        shareLegend.setManaged(any);
        if (!any) {
            return;
        }
        double m = shareLegendScale;
        Label title = new Label("share of the cosine:");
        shareLegend.getChildren().add(title);
        for (double v : new double[] {-m, -m / 2, 0, m / 2, m}) {
            Label l = new Label(String.format(Locale.ROOT, "%+.3f", v));
            l.setStyle(ShareShading.chipStyle(v, m));
            shareLegend.getChildren().add(l);
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
