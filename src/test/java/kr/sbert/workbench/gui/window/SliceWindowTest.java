package kr.sbert.workbench.gui.window;

import static kr.sbert.workbench.gui.window.WindowHarness.waitForScores;
import static kr.sbert.workbench.gui.window.WindowHarness.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import javafx.scene.control.ComboBox;
import javafx.stage.Stage;
import kr.sbert.workbench.core.data.ReadOptions;
import kr.sbert.workbench.core.data.SentencePair;
import kr.sbert.workbench.core.data.StsReader;
import kr.sbert.workbench.core.eval.EvaluationResult;
import kr.sbert.workbench.core.eval.Evaluator;
import kr.sbert.workbench.gui.WorkbenchWindow;
import kr.sbert.workbench.gui.main.ScoringResult;
import kr.sbert.workbench.gui.main.WorkbenchViewModel;
import kr.sbert.workbench.gui.metrics.MetricsRow;
import kr.sbert.workbench.gui.scatter.ScatterChart;
import kr.sbert.workbench.gui.scatter.SliceColors;
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

/** Picking a slice in the metrics view changes the metrics (the slice measured alone) and colours the scatter. */
@ExtendWith(ApplicationExtension.class)
class SliceWindowTest {
    private static final String BASELINE = WorkbenchViewModel.DEFAULT_BASELINE;
    private static final Path SAMPLE = Path.of(CoreBackend.SAMPLE);

    @TempDir
    static Path config;
    private WorkbenchWindow window;

    @Start
    void start(Stage primary) {
        window = WorkbenchWindow.open(new Stage(), new CoreBackend(), new FxTaskRunner(2), new WorkspaceStore(config));
    }

    @AfterEach
    void closeWindow() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> window.stage().close()).get();
    }

    @Test
    void pickingASliceChangesTheMetricsAndTheScatter(FxRobot robot) throws Exception {
        ScoringResult full = waitForScores(window, 60, BASELINE);
        WorkbenchViewModel vm = window.viewModel();
        // Counted from the file itself: the rows whose filename column is "paraphrase".
        List<String> lines = Files.readAllLines(SAMPLE, StandardCharsets.UTF_8);
        long paraphrase = lines.stream().skip(1).filter(l -> l.split("\t", -1)[1].equals("paraphrase")).count();

        robot.clickOn("Metrics");
        @SuppressWarnings("unchecked")
        ComboBox<String> key = robot.lookup("#sliceKey").queryAs(ComboBox.class);
        assertThat(key.getItems()).contains("all pairs", "gold band", "genre", "filename", "year", "id");
        robot.clickOn(key);
        robot.clickOn("filename");
        @SuppressWarnings("unchecked")
        ComboBox<String> value = robot.lookup("#sliceValue").queryAs(ComboBox.class);
        waitUntil(10, "filename slices", () -> value.getItems().contains("paraphrase"));
        robot.clickOn(value);
        robot.clickOn("paraphrase");

        waitUntil(30, "metrics of the slice", () -> vm.metrics().rows().size() == 1
                && vm.metrics().rows().get(0).n() == paraphrase);
        // The same numbers as the core's evaluation of those pairs alone (with the window's cosines).
        List<SentencePair> pairs = StsReader.read(SAMPLE, ReadOptions.defaults()).pairs();
        int[] members = IntStream.range(0, pairs.size())
                .filter(i -> "paraphrase".equals(pairs.get(i).attributes().get("filename"))).toArray();
        double[] cos = IntStream.of(members).mapToDouble(i -> full.evaluations().get(0).cosine()[i]).toArray();
        List<SentencePair> part = IntStream.of(members).mapToObj(pairs::get).toList();
        EvaluationResult alone = Evaluator.standard().evaluate(BASELINE, part,
                kr.sbert.workbench.core.data.GoldScale.infer(part), 0, cos, null);
        MetricsRow row = vm.metrics().rows().get(0);
        assertThat(row.spearman().value()).isCloseTo(alone.metric("spearman_cosine"), within(5e-5));
        assertThat(row.pearson().value()).isCloseTo(alone.metric("pearson_cosine"), within(5e-5));

        // The scatter: drawn again with the slice in focus, points outside it grey.
        waitUntil(30, "scatter coloured by slice", () -> {
            var r = window.controller().scatter().renderedProperty().get();
            return r != null && r.built().snapshot().slices() != null
                    && "paraphrase".equals(r.built().snapshot().slices().focus());
        });
        ScatterChart.Built built = window.controller().scatter().renderedProperty().get().built();
        var renderer = built.chart().getXYPlot().getRenderer(0);
        var points = built.snapshot().series().get(0).points();
        int inside = 0;
        for (int i = 0; i < points.size(); i++) {
            boolean member = "paraphrase".equals(points.get(i).row().attributes().get("filename"));
            inside += member ? 1 : 0;
            assertThat(renderer.getItemPaint(0, i).equals(SliceColors.OUTSIDE)).isEqualTo(!member);
        }
        assertThat(inside).isEqualTo((int) paraphrase);

        robot.clickOn("All");
        waitUntil(30, "metrics of all pairs", () -> vm.metrics().rows().size() == 1
                && vm.metrics().rows().get(0).n() == pairs.size());
    }
}
