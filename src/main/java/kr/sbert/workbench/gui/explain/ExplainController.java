package kr.sbert.workbench.gui.explain;

import java.util.List;
import java.util.Locale;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.util.Duration;
import kr.sbert.workbench.core.explain.PairExplanation;
import kr.sbert.workbench.core.model.TokenEmbeddings;
import kr.sbert.workbench.core.text.Token;
import kr.sbert.workbench.gui.main.WorkbenchViewModel;
import kr.sbert.workbench.gui.tokens.TokenChip;

/**
 * Per ticked model, side by side: both sentences' chips shaded by their share of the cosine and
 * the token alignment heatmap (rows: sentence 1's tokens, columns: sentence 2's). Clicking a
 * cell marks its two chips.
 */
public final class ExplainController {
    /** Largest side of a heatmap, in pixels. */
    static final double MAP_SIZE = 360;

    private final ExplainViewModel vm;
    @FXML private HBox maps;
    @FXML private Label hint;

    public ExplainController(WorkbenchViewModel main) {
        this.vm = main.explain();
    }

    @FXML
    private void initialize() {
        vm.explanations().addListener((ListChangeListener<PairExplanation>) c -> redraw());
        vm.notes().addListener((ListChangeListener<String>) c -> redraw());
        vm.markProperty().addListener((obs, was, now) -> redraw());
        redraw();
    }

    private void redraw() {
        maps.getChildren().clear();
        for (String note : vm.notes()) {
            Label l = new Label(note);
            l.setWrapText(true);
            l.getStyleClass().add("explain-note");
            maps.getChildren().add(l);
        }
        for (PairExplanation e : vm.explanations()) {
            maps.getChildren().add(modelBox(e));
        }
        hint.setVisible(vm.explanations().isEmpty());
        hint.setManaged(vm.explanations().isEmpty());
    }

    private VBox modelBox(PairExplanation e) {
        AlignmentMark mark = vm.markProperty().get();
        boolean marked = mark != null && mark.model().equals(e.model());
        Label name = new Label(e.model());
        name.getStyleClass().add("token-row-model");
        Label title = new Label(String.format(Locale.ROOT, "cosine %.4f (%s)", e.cosine(), e.poolingLabel()));
        title.setWrapText(true);
        VBox heading = new VBox(name, title);
        double scale = ShareShading.scale(e.shares().a(), e.shares().b());
        FlowPane a = chips(e.a(), e.shares().a(), scale, marked ? mark.row() : -1);
        FlowPane b = chips(e.b(), e.shares().b(), scale, marked ? mark.column() : -1);
        a.getStyleClass().add("explain-chips-a");
        b.getStyleClass().add("explain-chips-b");
        Canvas map = heatmap(e, marked ? mark : null);
        VBox box = new VBox(4, heading, a, b, labelled(map, e));
        box.getStyleClass().add("explain-model");
        box.setUserData(e.model());
        box.setPrefWidth(Math.max(MAP_SIZE, map.getWidth() + LABEL_SPACE) + 16);
        return box;
    }

    private static FlowPane chips(TokenEmbeddings side, double[] shares, double scale, int markedIndex) {
        FlowPane pane = new FlowPane(2, 2);
        pane.setPrefWrapLength(MAP_SIZE);
        List<Token> fed = side.fedTokens();
        for (int i = 0; i < fed.size(); i++) {
            TokenChip chip = new TokenChip(fed.get(i), false);
            Label l = new Label(chip.label());
            l.getStyleClass().addAll(chip.styleClasses());
            l.getStyleClass().add("token-shaded");
            if (i == markedIndex) {
                l.getStyleClass().add("token-marked");
            }
            l.setStyle(ShareShading.chipStyle(shares[i], scale));
            l.setUserData(chip);
            Tooltip tip = new Tooltip(chip.tooltip() + String.format(Locale.ROOT, "%nshare of the cosine %+.5f", shares[i]));
            tip.setShowDelay(Duration.millis(200));
            l.setTooltip(tip);
            pane.getChildren().add(l);
        }
        return pane;
    }

    /** Smallest cell, in pixels, that still gets its tokens written beside the heatmap. */
    private static final double LABELLED_CELL = 9;
    private static final double LABEL_SPACE = 64;

    /**
     * The heatmap with sentence 1's tokens written down its left side and sentence 2's up its top,
     * so a cell can be read without hovering (left out when the cells are too small for text).
     */
    private static javafx.scene.Node labelled(Canvas map, PairExplanation e) {
        List<Token> a = e.a().fedTokens();
        List<Token> b = e.b().fedTokens();
        if (a.isEmpty() || b.isEmpty()) {
            return map;
        }
        double cell = map.getHeight() / a.size();
        if (cell < LABELLED_CELL) {
            return map;
        }
        javafx.scene.text.Font font = javafx.scene.text.Font.font(labelFamily(), Math.min(12, cell - 4));
        Canvas rows = new Canvas(LABEL_SPACE, map.getHeight());
        GraphicsContext g = rows.getGraphicsContext2D();
        g.setFont(font);
        g.setFill(Color.gray(0.2));
        g.setTextAlign(javafx.scene.text.TextAlignment.RIGHT);
        g.setTextBaseline(javafx.geometry.VPos.CENTER);
        for (int i = 0; i < a.size(); i++) {
            g.fillText(new TokenChip(a.get(i), false).label(), LABEL_SPACE - 4, (i + 0.5) * cell, LABEL_SPACE - 6);
        }
        Canvas cols = new Canvas(map.getWidth(), LABEL_SPACE);
        g = cols.getGraphicsContext2D();
        g.setFont(font);
        g.setFill(Color.gray(0.2));
        g.setTextAlign(javafx.scene.text.TextAlignment.LEFT);
        g.setTextBaseline(javafx.geometry.VPos.CENTER);
        for (int j = 0; j < b.size(); j++) {
            g.save();
            g.translate((j + 0.5) * cell, LABEL_SPACE - 4);
            g.rotate(-90);
            g.fillText(new TokenChip(b.get(j), false).label(), 0, 0, LABEL_SPACE - 6);
            g.restore();
        }
        javafx.scene.layout.GridPane grid = new javafx.scene.layout.GridPane();
        grid.add(cols, 1, 0);
        grid.add(rows, 0, 1);
        grid.add(map, 1, 1);
        return grid;
    }

    private static String labelFamily;

    /** A canvas draws with the font it is given, without fallback: one that has Hangul. */
    private static synchronized String labelFamily() {
        if (labelFamily == null) {
            labelFamily = kr.sbert.workbench.gui.main.HangulFonts.find()
                    .orElse(javafx.scene.text.Font.getDefault().getFamily());
        }
        return labelFamily;
    }

    private Canvas heatmap(PairExplanation e, AlignmentMark mark) {
        double[][] s = e.alignment().similarity();
        int rows = s.length;
        int cols = rows == 0 ? 0 : s[0].length;
        double cell = Math.max(3, Math.min(21, Math.floor(MAP_SIZE / Math.max(1, Math.max(rows, cols)))));
        Canvas canvas = new Canvas(cols * cell, rows * cell);
        canvas.getStyleClass().add("explain-heatmap");
        canvas.setUserData(e.model());
        GraphicsContext g = canvas.getGraphicsContext2D();
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                int[] rgb = ShareShading.rgb(s[i][j], 1);
                g.setFill(Color.rgb(rgb[0], rgb[1], rgb[2]));
                g.fillRect(j * cell, i * cell, cell, cell);
            }
        }
        g.setStroke(Color.gray(0.4));
        g.setLineWidth(1);
        for (int i = 0; i < rows; i++) {
            int j = e.alignment().bestForA()[i];
            g.strokeRect(j * cell + 1.5, i * cell + 1.5, cell - 3, cell - 3);
        }
        if (mark != null) {
            g.setStroke(Color.BLACK);
            g.setLineWidth(2);
            g.strokeRect(mark.column() * cell + 1, mark.row() * cell + 1, cell - 2, cell - 2);
        }
        List<Token> a = e.a().fedTokens();
        List<Token> b = e.b().fedTokens();
        Tooltip tip = new Tooltip();
        tip.setShowDelay(Duration.millis(100));
        Tooltip.install(canvas, tip);
        canvas.setOnMouseMoved(ev -> {
            int i = (int) (ev.getY() / cell);
            int j = (int) (ev.getX() / cell);
            if (i >= 0 && i < rows && j >= 0 && j < cols) {
                tip.setText(String.format(Locale.ROOT, "%s · %s: cos %.3f", a.get(i).piece(), b.get(j).piece(), s[i][j]));
            }
        });
        canvas.setOnMouseClicked(ev -> {
            int i = (int) (ev.getY() / cell);
            int j = (int) (ev.getX() / cell);
            if (i >= 0 && i < rows && j >= 0 && j < cols) {
                vm.markProperty().set(new AlignmentMark(e.model(), i, j));
            }
        });
        return canvas;
    }
}
