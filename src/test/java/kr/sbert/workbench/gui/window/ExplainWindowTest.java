package kr.sbert.workbench.gui.window;

import static kr.sbert.workbench.gui.window.WindowHarness.waitForReady;
import static kr.sbert.workbench.gui.window.WindowHarness.waitForScores;
import static kr.sbert.workbench.gui.window.WindowHarness.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import javafx.scene.Node;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.stage.Stage;
import kr.sbert.workbench.core.explain.PairExplanation;
import kr.sbert.workbench.gui.GuiFixtures;
import kr.sbert.workbench.gui.WorkbenchWindow;
import kr.sbert.workbench.gui.explain.AlignmentMark;
import kr.sbert.workbench.gui.explain.ShareShading;
import kr.sbert.workbench.gui.main.WorkbenchViewModel;
import kr.sbert.workbench.gui.pairs.PairRow;
import kr.sbert.workbench.gui.service.CoreBackend;
import kr.sbert.workbench.gui.task.FxTaskRunner;
import kr.sbert.workbench.gui.workspace.WorkspaceStore;
import kr.sbert.workbench.testing.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The window explains the selected pair: with two neural models ticked, the token chips are
 * shaded by their share of the cosine and each model has an alignment heatmap; clicking a cell
 * marks its two chips.
 */
@ExtendWith(ApplicationExtension.class)
class ExplainWindowTest {
    @TempDir
    static Path config;
    @TempDir
    static Path models;
    private WorkbenchWindow window;
    private final String tiny = GuiFixtures.tinyModel().toAbsolutePath().normalize().toString();
    private String copy;

    @Start
    void start(Stage primary) {
        copy = models.resolve("tiny-copy").toString();
        if (!java.nio.file.Files.exists(Path.of(copy))) {
            Fixtures.copyModel(GuiFixtures.tinyModel(), Path.of(copy));
        }
        window = WorkbenchWindow.open(new Stage(), new CoreBackend(), new FxTaskRunner(2), new WorkspaceStore(config));
    }

    @AfterEach
    void closeWindow() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> window.stage().close()).get();
    }

    private WorkbenchViewModel vm() {
        return window.viewModel();
    }

    @Test
    void selectingAPairShadesTheChipsAndDrawsAHeatmapPerModel(FxRobot robot) throws Exception {
        robot.interact(() -> vm().models().addModel(tiny));
        waitForReady(window, tiny, 60);
        robot.interact(() -> vm().models().addModel(copy));
        waitForReady(window, copy, 60);
        waitForScores(window, 120, WorkbenchViewModel.DEFAULT_BASELINE, tiny, copy);

        robot.interact(() -> window.controller().pairs().table().getSelectionModel().select(3));
        PairRow row = vm().pairs().selectedProperty().get();
        waitUntil(60, "explanations of two models", () -> vm().explain().explanations().size() == 2);

        for (String model : List.of(tiny, copy)) {
            PairExplanation e = vm().explain().of(model).orElseThrow();
            // The explanation is of the selected pair, its cosine the table's, its shares sum to it.
            assertThat(e.a().encoding().text()).isEqualTo(row.sentence1());
            assertThat(e.cosine()).isCloseTo(row.scores().get(model).cosine(), within(1e-6));
            assertThat(java.util.Arrays.stream(e.shares().a()).sum()).isCloseTo(e.cosine(), within(1e-6));
            // Tokens view (sentence 1 shown): every fed chip shaded with its own share's colour.
            FlowPane chips = robot.lookup(".token-chips").match((Node n) -> model.equals(n.getUserData())).queryAs(FlowPane.class);
            List<Node> shaded = List.copyOf(robot.from(chips).lookup(".token-shaded").queryAll());
            assertThat(shaded).hasSize(e.a().fedTokens().size());
            double scale = ShareShading.scale(e.shares().a(), e.shares().b());
            for (Node n : shaded) {
                int i = e.a().fedTokens().indexOf(((kr.sbert.workbench.gui.tokens.TokenChip) n.getUserData()).token());
                assertThat(n.getStyle()).contains(ShareShading.css(e.shares().a()[i], scale));
            }
        }
        assertThat(robot.lookup(".share-legend").queryAs(javafx.scene.layout.HBox.class).isVisible()).isTrue();

        robot.clickOn("Explain");
        WaitForAsyncUtils.waitForFxEvents();
        Set<Node> maps = robot.lookup(".explain-heatmap").queryAll();
        assertThat(maps).extracting(Node::getUserData).containsExactlyInAnyOrder(tiny, copy);
        Canvas map = (Canvas) robot.lookup(".explain-heatmap").match((Node n) -> copy.equals(n.getUserData())).query();
        PairExplanation e = vm().explain().of(copy).orElseThrow();
        int rows = e.a().fedTokens().size();
        int cols = e.b().fedTokens().size();
        // The cell of row 1, column 2: a quarter into it from its top-left corner.
        double cellW = map.getWidth() / cols;
        double cellH = map.getHeight() / rows;
        javafx.geometry.Point2D corner = map.localToScreen(0, 0);
        robot.clickOn(corner.getX() + 2.25 * cellW, corner.getY() + 1.25 * cellH);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(vm().explain().markProperty().get()).isEqualTo(new AlignmentMark(copy, 1, 2));
        Node box = robot.lookup(".explain-model").match((Node n) -> copy.equals(n.getUserData())).query();
        List<Label> markedA = robot.from(robot.from(box).lookup(".explain-chips-a").<Node>query()).lookup(".token-marked").queryAllAs(Label.class)
                .stream().toList();
        List<Label> markedB = robot.from(robot.from(box).lookup(".explain-chips-b").<Node>query()).lookup(".token-marked").queryAllAs(Label.class)
                .stream().toList();
        assertThat(markedA).singleElement().satisfies(l -> assertThat(((kr.sbert.workbench.gui.tokens.TokenChip) l.getUserData())
                .token()).isEqualTo(e.a().fedTokens().get(1)));
        assertThat(markedB).singleElement().satisfies(l -> assertThat(((kr.sbert.workbench.gui.tokens.TokenChip) l.getUserData())
                .token()).isEqualTo(e.b().fedTokens().get(2)));
    }
}
