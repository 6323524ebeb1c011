package kr.sbert.workbench.gui.window;

import static kr.sbert.workbench.gui.window.WindowHarness.waitForReady;
import static kr.sbert.workbench.gui.window.WindowHarness.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import kr.sbert.workbench.gui.GuiFixtures;
import kr.sbert.workbench.gui.WorkbenchWindow;
import kr.sbert.workbench.gui.models.ModelEntry;
import kr.sbert.workbench.gui.models.ModelState;
import kr.sbert.workbench.gui.service.CoreBackend;
import kr.sbert.workbench.gui.task.FxTaskRunner;
import kr.sbert.workbench.gui.train.TrainChart;
import kr.sbert.workbench.gui.train.TrainViewModel;
import kr.sbert.workbench.gui.workspace.WorkspaceStore;
import kr.sbert.workbench.testing.TrainFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import javafx.scene.control.TableView;
import kr.sbert.workbench.core.train.RunFolder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Train tab in the whole window, headless, on the real core and the tiny model. */
@ExtendWith(ApplicationExtension.class)
class TrainTabTest {
    @TempDir
    Path config;
    @TempDir
    Path files;
    private WorkbenchWindow window;
    private final String tiny = GuiFixtures.tinyModel().toAbsolutePath().normalize().toString();

    @Start
    void start(Stage primary) {
        window = WorkbenchWindow.open(new Stage(), new CoreBackend(), new FxTaskRunner(2), new WorkspaceStore(config));
    }

    @AfterEach
    void closeWindow() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> window.stage().close()).get();
    }

    private TrainViewModel train() {
        return window.controller().train().viewModel();
    }

    /** Loads the tiny model, opens the Train tab and fills the form through its fields. */
    private void prepare(FxRobot robot, String epochs, String batch, String evalSteps) throws Exception {
        robot.interact(() -> window.viewModel().models().addModel(tiny));
        waitForReady(window, tiny, 60);
        Path trainFile = TrainFixtures.korStsHead("sts-train.tsv", 65, files.resolve("train.tsv"));
        Path devFile = TrainFixtures.korStsHead("sts-dev.tsv", 41, files.resolve("dev.tsv"));
        robot.interact(() -> {
            TabPane tabs = (TabPane) robot.lookup(".tab-pane").match((TabPane t) -> t.getTabs().stream()
                    .anyMatch(tab -> tab.getText().equals("Train"))).query();
            tabs.getSelectionModel().select(tabs.getTabs().stream().filter(t -> t.getText().equals("Train"))
                    .findFirst().orElseThrow());
        });
        WaitForAsyncUtils.waitForFxEvents();
        fill(robot, "#trainFile", trainFile.toString());
        fill(robot, "#trainDevFile", devFile.toString());
        fill(robot, "#trainEpochs", epochs);
        fill(robot, "#trainBatch", batch);
        fill(robot, "#trainEvalSteps", evalSteps);
        fill(robot, "#trainOutput", files.resolve("runs").toString());
        assertThat(train().baseProperty().get()).as("the loaded model is offered as base").isNotNull();
        assertThat(train().baseProperty().get().id()).isEqualTo(tiny);
    }

    private static void fill(FxRobot robot, String id, String text) {
        javafx.scene.control.TextField f = robot.lookup(id).queryAs(javafx.scene.control.TextField.class);
        robot.interact(() -> f.setText(text));
    }

    private int drawnLossPoints() throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> {
            TrainChart.Built b = window.controller().train().renderedProperty().get();
            return b == null ? 0 : b.loss().getItemCount();
        }).get();
    }

    @Test
    void aRunStartedFromTheTabDrawsPointsAndCancelLeavesTheModelsPanelUnchanged(FxRobot robot) throws Exception {
        prepare(robot, "50", "8", "4");
        List<String> before = WaitForAsyncUtils.asyncFx(() -> window.viewModel().models().entries().stream()
                .map(ModelEntry::id).toList()).get();

        robot.clickOn("#trainStart");
        waitUntil(120, "the chart to show three loss points", () -> {
            TrainChart.Built b = window.controller().train().renderedProperty().get();
            return b != null && b.loss().getItemCount() >= 3 && b.spearman().getItemCount() >= 1;
        });
        int drawn = drawnLossPoints();
        waitUntil(120, "more points", () -> {
            TrainChart.Built b = window.controller().train().renderedProperty().get();
            return b.loss().getItemCount() > drawn;
        });
        assertThat(train().runningProperty().get()).isTrue();
        assertThat(train().timeLeftProperty().get()).contains("left");
        robot.clickOn("#trainCancel");
        waitUntil(60, "the run to stop", () -> !train().runningProperty().get());

        assertThat(train().messageProperty().get()).contains("cancelled");
        List<String> after = WaitForAsyncUtils.asyncFx(() -> window.viewModel().models().entries().stream()
                .map(ModelEntry::id).toList()).get();
        assertThat(after).isEqualTo(before);
        try (Stream<Path> runs = Files.list(files.resolve("runs"))) {
            Path run = runs.findFirst().orElseThrow();
            assertThat(run.resolve("final")).doesNotExist();
            assertThat(run.resolve("train-log.jsonl")).exists();
        }
    }

    @Test
    void aFinishedRunAddsTheTrainedModelTickedBesideItsBase(FxRobot robot) throws Exception {
        prepare(robot, "1", "16", "0");
        robot.clickOn("#trainStart");
        waitUntil(180, "the run to end", () -> !train().runningProperty().get());
        Path trained = train().trainedModelProperty().get();
        assertThat(trained).as(train().messageProperty().get()).isNotNull();
        assertThat(trained.resolve("model.safetensors")).exists();
        ModelEntry entry = waitForReady(window, trained.toString(), 60);
        // Ticked only when the verdict's interval lies above 0; the message says which.
        kr.sbert.workbench.core.train.RunRecord record = kr.sbert.workbench.core.train.RunRecord.read(
                trained.getParent().resolve("run.json"));
        assertThat(entry.isSelected()).isEqualTo(record.verdict().improved());
        assertThat(train().messageProperty().get()).contains(record.verdict().conclusion())
                .contains(entry.isSelected() ? "added and ticked" : "added, not ticked");
        assertThat(kr.sbert.workbench.gui.ModelNames.name(trained.toString()))
                .isEqualTo(trained.getParent().getFileName() + "/" + trained.getFileName())
                .contains("tiny-kr-sbert_cosine_lr2e-5_1ep_");
        robot.interact(() -> entry.setSelected(true));
        assertThat(window.viewModel().models().find(tiny).orElseThrow().isSelected()).isTrue();
        assertThat(entry.state()).isEqualTo(ModelState.READY);
        waitUntil(120, "the trained model in the comparison", () -> window.viewModel().scoringTask().isEmpty()
                && window.viewModel().resultProperty().get().evaluations().stream()
                        .anyMatch(e -> e.model().equals(trained.toString())));
        // The metrics show the trained model beside its base (with their paired difference).
        assertThat(window.viewModel().metrics().rows().stream().map(r -> r.model()).toList())
                .contains(tiny, trained.toString());
        assertThat(drawnLossPoints()).isEqualTo(4);
    }

    @Test
    void twoRunsAreTwoRowsTheirCurvesOverlaidAndBothComeBackAfterARestart(FxRobot robot) throws Exception {
        prepare(robot, "1", "16", "2");
        fill(robot, "#trainLr", "0.0005");
        robot.clickOn("#trainStart");
        waitUntil(180, "the first run to end", () -> !train().runningProperty().get());
        fill(robot, "#trainLr", "0.0001");
        robot.clickOn("#trainStart");
        waitUntil(180, "the second run to end", () -> !train().runningProperty().get());
        TableView<RunFolder> table = window.controller().train().runsTable();
        waitUntil(30, "two rows", () -> table.getItems().size() == 2);
        List<String> names = table.getItems().stream().map(RunFolder::name).toList();
        assertThat(names).doesNotHaveDuplicates().allMatch(n -> n.startsWith("tiny-kr-sbert_cosine_lr"));
        assertThat(names).anyMatch(n -> n.contains("_lr5e-4_")).anyMatch(n -> n.contains("_lr1e-4_"));
        for (RunFolder r : table.getItems()) {
            assertThat(r.record().verdict()).isNotNull();
            assertThat(r.record().verdict().dev().spearmanInterval().lower())
                    .isLessThanOrEqualTo(r.record().verdict().dev().spearman());
        }

        robot.interact(() -> table.getSelectionModel().selectAll());
        waitUntil(30, "both dev curves on the chart", () -> {
            TrainChart.Built b = window.controller().train().renderedProperty().get();
            return b != null && b.dev().size() == 2 && b.dev().stream().allMatch(d -> d.getItemCount() == 3);
        });
        TrainChart.Built b = window.controller().train().renderedProperty().get();
        // x in epochs: evaluations at steps 0, 2, 4 of a 4-step epoch
        assertThat(b.dev().get(0).getX(1).doubleValue()).isEqualTo(0.5);
        assertThat(b.devAxis().getRange().getLength()).isGreaterThanOrEqualTo(0.02 - 1e-12);

        WaitForAsyncUtils.asyncFx(() -> window.stage().close()).get();
        window = WaitForAsyncUtils.asyncFx(() -> WorkbenchWindow.open(new Stage(), new CoreBackend(),
                new FxTaskRunner(2), new WorkspaceStore(config))).get();
        TableView<RunFolder> again = window.controller().train().runsTable();
        waitUntil(30, "the runs after the restart", () -> again.getItems().size() == 2);
        assertThat(again.getItems().stream().map(RunFolder::name).toList()).containsExactlyInAnyOrderElementsOf(names);
        assertThat(train().lrProperty().get()).isEqualTo("0.0001");
        assertThat(train().epochsProperty().get()).isEqualTo("1");
        assertThat(train().evalStepsProperty().get()).isEqualTo("2");
        assertThat(train().outputRootProperty().get()).isEqualTo(files.resolve("runs"));
        assertThat(robot.lookup("#trainFile").queryAs(javafx.scene.control.TextField.class).getText())
                .isEqualTo(files.resolve("train.tsv").toString());
    }
}
