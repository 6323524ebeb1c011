package kr.sbert.workbench.gui.window;

import static kr.sbert.workbench.gui.window.WindowHarness.waitForReady;
import static kr.sbert.workbench.gui.window.WindowHarness.waitForScores;
import static kr.sbert.workbench.gui.window.WindowHarness.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TitledPane;
import javafx.scene.control.skin.TableColumnHeader;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import kr.sbert.workbench.core.hub.HubSettings;
import kr.sbert.workbench.core.hub.ModelLocator;
import kr.sbert.workbench.gui.GuiFixtures;
import kr.sbert.workbench.gui.ModelNames;
import kr.sbert.workbench.gui.WorkbenchWindow;
import kr.sbert.workbench.gui.main.WorkbenchViewModel;
import kr.sbert.workbench.gui.metrics.MetricsRow;
import kr.sbert.workbench.gui.models.ModelEntry;
import kr.sbert.workbench.gui.models.ModelKind;
import kr.sbert.workbench.gui.service.CoreBackend;
import kr.sbert.workbench.gui.task.FxTaskRunner;
import kr.sbert.workbench.gui.workspace.WorkspaceStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * What a new user sees at 1024×700 and 1600×1000 (headless, real core, three models): the Train
 * tab's curve without scrolling, the models list's names in full, the metrics table's main
 * columns in view, and hint lines inside their views, never cut.
 */
@ExtendWith(ApplicationExtension.class)
class LayoutWindowTest {
    private static final String CHAR = WorkbenchViewModel.DEFAULT_BASELINE;
    private static final String JACCARD = "baseline:jaccard";
    private static final double[][] SIZES = {{1024, 700}, {1600, 1000}};

    @TempDir
    Path config;
    @TempDir
    Path hubCache;
    private WorkbenchWindow window;
    private final String tiny = GuiFixtures.tinyModel().toAbsolutePath().normalize().toString();

    @Start
    void start(Stage primary) {
        // The real core on an empty, offline hub cache: the catalog variants are listed, not downloaded.
        window = WorkbenchWindow.open(new Stage(), new CoreBackend(new ModelLocator(
                new HubSettings(hubCache, "http://127.0.0.1:9", Optional.empty(), true))),
                new FxTaskRunner(2), new WorkspaceStore(config));
    }

    @AfterEach
    void closeWindow() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> window.stage().close()).get();
    }

    private void threeModels(FxRobot robot) {
        waitForScores(window, 60, CHAR);
        robot.interact(() -> {
            window.viewModel().models().find(JACCARD).orElseThrow().setSelected(true);
            window.viewModel().models().addModel(tiny);
        });
        waitForReady(window, tiny, 60);
        waitForScores(window, 60, CHAR, JACCARD, tiny);
        // 3 models and their 2 differences against the first.
        waitUntil(60, "the metrics rows", () -> window.viewModel().metrics().rows().size() == 5
                && !window.viewModel().metrics().computing());
    }

    private void show(FxRobot robot, double w, double h, String view) {
        robot.interact(() -> {
            window.stage().setWidth(w);
            window.stage().setHeight(h);
            window.controller().showView(view);
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Where the node is laid out, on the screen (a wrapped text's glyphs may overhang it by a fraction of a pixel). */
    private static Bounds screen(Node n) {
        return n.localToScreen(n.getLayoutBounds());
    }

    private static void assertInside(Bounds outer, Bounds inner, String what) {
        double slack = 1.0;
        assertThat(inner.getMinX()).as(what + " left edge").isGreaterThanOrEqualTo(outer.getMinX() - slack);
        assertThat(inner.getMaxX()).as(what + " right edge").isLessThanOrEqualTo(outer.getMaxX() + slack);
        assertThat(inner.getMinY()).as(what + " top edge").isGreaterThanOrEqualTo(outer.getMinY() - slack);
        assertThat(inner.getMaxY()).as(what + " bottom edge").isLessThanOrEqualTo(outer.getMaxY() + slack);
    }

    /** The text a labeled node really draws (all its lines; an elided one ends in "…"). */
    private static String drawn(FxRobot robot, Node labeled) {
        return robot.from(labeled).lookup(".text").queryAll().stream().filter(t -> t instanceof Text)
                .map(t -> ((Text) t).getText()).collect(Collectors.joining());
    }

    private TabPane views(FxRobot robot) {
        return robot.lookup(".tab-pane").match((TabPane t) -> t.getTabs().stream()
                .anyMatch(tab -> tab.getText().equals("Train"))).query();
    }

    /** The part of the tab pane below its tab headers: what the selected view can show. */
    private Bounds viewArea(FxRobot robot) {
        TabPane tabs = views(robot);
        Node content = tabs.getSelectionModel().getSelectedItem().getContent();
        Bounds all = screen(tabs);
        Node header = robot.from(tabs).lookup(".tab-header-area").query();
        return new javafx.geometry.BoundingBox(all.getMinX(), screen(header).getMaxY(), all.getWidth(),
                all.getMaxY() - screen(header).getMaxY());
    }

    @Test
    void atBothSizesTheTrainCurveTheMainMetricsColumnsAndEveryHintAreInView(FxRobot robot) {
        threeModels(robot);
        for (double[] size : SIZES) {
            String at = (int) size[0] + "x" + (int) size[1];
            trainCurveAndFormInView(robot, size[0], size[1], at);
            metricsColumnsInView(robot, size[0], size[1], at);
            vocabularyModelsInView(robot, size[0], size[1], at);
            for (String view : List.of("Scatter", "Metrics", "Tokens", "Quick compare", "Train")) {
                hintsInside(robot, size[0], size[1], view, at);
            }
        }
    }

    private void trainCurveAndFormInView(FxRobot robot, double w, double h, String at) {
        show(robot, w, h, "Train");
        Bounds area = viewArea(robot);
        Node chart = robot.lookup("#trainChart").query();
        Bounds plot = screen(chart);
        assertInside(area, plot, at + " the training curve");
        // Issue 17: at least 250 px tall (it was 40-90 px at 1024x700), the runs table in view below.
        assertThat(plot.getHeight()).as(at + " curve height").isGreaterThanOrEqualTo(250);
        assertInside(area, screen(robot.lookup("#runsTable").query()), at + " the runs table");
        assertThat(plot.getWidth()).as(at + " curve width").isGreaterThanOrEqualTo(250);
        // Not inside a scroll pane: nothing to scroll to reach it.
        for (Parent p = chart.getParent(); p != null; p = p.getParent()) {
            assertThat(p).as(at + " the curve's parents").isNotInstanceOf(javafx.scene.control.ScrollPane.class);
        }
        // The form's main fields, Start and the "More settings" header are in view too.
        Node form = robot.lookup(".train-form-scroll").query();
        Node viewport = robot.from(form).lookup(".viewport").query();
        Bounds formArea = screen(viewport);
        assertInside(area, formArea, at + " the form");
        for (String id : List.of("#trainBase", "#trainFile", "#trainDevFile", "#trainEpochs", "#trainBatch", "#trainLr")) {
            assertInside(formArea, screen(robot.lookup(id).query()), at + " " + id);
        }
        TitledPane more = robot.lookup("#trainMoreSettings").queryAs(TitledPane.class);
        assertInside(formArea, screen(robot.from(more).lookup(".title").query()), at + " More settings");
        assertInside(area, screen(robot.lookup("#trainStart").query()), at + " Start training");
        assertInside(area, screen(robot.lookup("#trainCancel").query()), at + " Cancel");
    }

    private void metricsColumnsInView(FxRobot robot, double w, double h, String at) {
        show(robot, w, h, "Metrics");
        TableView<MetricsRow> table = window.controller().metrics().table();
        Bounds viewport = screen(robot.from(table).lookup(".clipped-container").query());
        for (String title : List.of("model", "n", "Pearson [95% CI]", "Spearman [95% CI]")) {
            TableColumnHeader header = robot.from(table).lookup(".column-header").match((Node n) ->
                    n instanceof TableColumnHeader c && c.getTableColumn() != null
                            && title.equals(c.getTableColumn().getUserData())).query();
            assertInside(viewport, new javafx.geometry.BoundingBox(screen(header).getMinX(), viewport.getMinY(),
                    screen(header).getWidth(), 1), at + " header " + title);
            Label label = (Label) header.getTableColumn().getGraphic();
            assertThat(drawn(robot, label)).as(at + " header " + title + " drawn in full").isEqualTo(title);
            TableCell<?, ?> cell = robot.from(table).lookup(".table-cell").match((Node n) -> n instanceof TableCell<?, ?> c
                    && c.getTableColumn() == header.getTableColumn() && c.getIndex() == 0 && !c.isEmpty()).query();
            assertInside(viewport, screen(cell), at + " " + title + " of the first row");
            if (!title.equals("model")) {
                assertThat(drawn(robot, cell)).as(at + " " + title + " drawn in full").isEqualTo(cell.getText()).isNotEmpty();
            }
        }
        // The Spearman interval is drawn in full (value and both bounds).
        TableColumn<MetricsRow, ?> spearman = table.getColumns().get(3);
        assertThat(String.valueOf(spearman.getCellData(0))).matches("-?\\d\\.\\d{4} \\[-?\\d\\.\\d{4}, -?\\d\\.\\d{4}\\]");
        boolean sideways = robot.from(table).lookup(".scroll-bar").queryAll().stream().anyMatch(n -> n instanceof ScrollBar b
                && b.getOrientation() == javafx.geometry.Orientation.HORIZONTAL && b.isVisible());
        assertThat(sideways).as(at + " the metrics table scrolls sideways").isFalse();
        // A lesser column that gives way keeps its meaning on hover.
        Label f1 = (Label) table.getColumns().get(4).getGraphic();
        assertThat(f1.getTooltip().getText()).startsWith("F1 at 3.0");
    }

    private void vocabularyModelsInView(FxRobot robot, double w, double h, String at) {
        show(robot, w, h, "Vocabulary");
        if (window.viewModel().vocab().rows().isEmpty()) {
            robot.clickOn("#vocabCompute");
            waitUntil(60, "the vocabulary statistics", () -> !window.viewModel().vocab().rows().isEmpty());
        }
        TableView<?> table = robot.lookup("#vocabTable").queryAs(TableView.class);
        Bounds viewport = screen(robot.from(table).lookup(".clipped-container").query());
        // The ticked neural model (the baselines have no tokenizer), titled by its short name.
        List<String> models = window.viewModel().vocab().models();
        assertThat(models).containsExactly(tiny);
        for (String m : models) {
            TableColumnHeader header = robot.from(table).lookup(".column-header").match((Node n) ->
                    n instanceof TableColumnHeader c && c.getTableColumn() != null
                            && m.equals(c.getTableColumn().getUserData())).query();
            assertInside(viewport, new javafx.geometry.BoundingBox(screen(header).getMinX(), viewport.getMinY(),
                    screen(header).getWidth(), 1), at + " vocabulary column " + m);
            Label title = (Label) header.getTableColumn().getGraphic();
            assertThat(drawn(robot, title)).as(at + " vocabulary title").isEqualTo(ModelNames.compact(m));
            assertThat(title.getTooltip().getText()).isEqualTo(m);
        }
    }

    private void hintsInside(FxRobot robot, double w, double h, String view, String at) {
        show(robot, w, h, view);
        Bounds area = viewArea(robot);
        Node content = views(robot).getSelectionModel().getSelectedItem().getContent();
        List<Node> hints = robot.from(content).lookup(".hint").queryAll().stream()
                .filter(n -> n instanceof Label l && l.isVisible() && l.isManaged() && !l.getText().isEmpty()).toList();
        assertThat(hints).as(at + " " + view + " has a hint").isNotEmpty();
        for (Node n : hints) {
            Label l = (Label) n;
            String what = at + " " + view + " hint '" + l.getText() + "'";
            assertInside(screen(l.getParent()), screen(l), what + " in its parent");
            assertInside(area, screen(l), what + " in the view");
            assertThat(drawn(robot, l)).as(what + " drawn in full").doesNotContain("…").isEqualTo(l.getText());
        }
    }

    @Test
    void atBothSizesTheModelsListShowsEveryNameInFullWithItsIdOnHover(FxRobot robot) {
        waitForScores(window, 60, CHAR);
        ListView<?> list = robot.lookup("#modelList").queryAs(ListView.class);
        List<ModelEntry> entries = window.viewModel().models().entries();
        assertThat(entries.stream().filter(e -> e.kind() == ModelKind.CATALOG)).hasSizeGreaterThanOrEqualTo(4);
        for (double[] size : SIZES) {
            String at = (int) size[0] + "x" + (int) size[1];
            show(robot, size[0], size[1], "Scatter");
            for (int i = 0; i < entries.size(); i++) {
                ModelEntry e = entries.get(i);
                int index = i;
                robot.interact(() -> list.scrollTo(index));
                WaitForAsyncUtils.waitForFxEvents();
                ListCell<?> cell = robot.from(list).lookup(".list-cell").match((Node n) -> n instanceof ListCell<?> c
                        && c.getIndex() == index && !c.isEmpty()).query();
                CheckBox name = robot.from(cell).lookup(".model-name").queryAs(CheckBox.class);
                String what = at + " " + e.id();
                // Every part of the name is drawn (lines broken between parts, nothing elided).
                assertThat(drawn(robot, name).replace("\n", "")).as(what + " drawn").isEqualTo(ModelNames.name(e.id()));
                assertThat(name.getText().replace("\n", "")).isEqualTo(ModelNames.name(e.id()));
                assertInside(screen(list), screen(robot.from(name).lookup(".text").query()), what + " inside the list");
                assertThat(cell.getTooltip().getText()).as(what + " tooltip").startsWith(e.id());
                // Too long for one line: broken after a hyphen or underscore, never inside a word.
                String[] lines = name.getText().split("\n");
                for (int l = 0; l < lines.length - 1; l++) {
                    assertThat(lines[l]).as(what + ": " + name.getText()).matches(".*[-_]");
                }
                if (size[0] == 1024 && e.id().length() > 40) {
                    assertThat(lines.length).as(what + " is wrapped").isGreaterThan(1);
                }
            }
        }
    }
}
