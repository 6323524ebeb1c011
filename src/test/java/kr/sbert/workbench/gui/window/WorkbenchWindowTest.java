package kr.sbert.workbench.gui.window;

import static kr.sbert.workbench.gui.window.WindowHarness.waitForReady;
import static kr.sbert.workbench.gui.window.WindowHarness.waitForScores;
import static kr.sbert.workbench.gui.window.WindowHarness.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;
import javafx.stage.Stage;
import kr.sbert.workbench.core.data.ReadOptions;
import kr.sbert.workbench.core.data.SentencePair;
import kr.sbert.workbench.core.data.StsReader;
import kr.sbert.workbench.core.eval.Baselines;
import kr.sbert.workbench.core.eval.EmbeddingPairScorer;
import kr.sbert.workbench.core.model.SentenceTransformerModel;
import kr.sbert.workbench.core.task.CancelToken;
import kr.sbert.workbench.core.task.ProgressListener;
import kr.sbert.workbench.gui.GuiFixtures;
import kr.sbert.workbench.gui.WorkbenchWindow;
import kr.sbert.workbench.gui.main.HangulFonts;
import kr.sbert.workbench.gui.main.ScoringResult;
import kr.sbert.workbench.gui.main.WorkbenchViewModel;
import kr.sbert.workbench.gui.models.ModelEntry;
import kr.sbert.workbench.gui.pairs.PairRow;
import kr.sbert.workbench.gui.scatter.ScatterSeries;
import kr.sbert.workbench.gui.service.CoreBackend;
import kr.sbert.workbench.gui.service.WorkbenchBackend;
import kr.sbert.workbench.gui.task.FxTaskRunner;
import kr.sbert.workbench.gui.task.TaskHandle;
import kr.sbert.workbench.gui.task.TaskState;
import kr.sbert.workbench.gui.tokens.TokenChip;
import kr.sbert.workbench.gui.workspace.WorkspaceStore;
import org.jfree.data.xy.XYSeriesCollection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The whole window, headless under Monocle, on the real core. */
@ExtendWith(ApplicationExtension.class)
class WorkbenchWindowTest {
    private static final String BASELINE = WorkbenchViewModel.DEFAULT_BASELINE;
    private static final Path SAMPLE = Path.of(CoreBackend.SAMPLE);

    @TempDir
    Path config;
    @TempDir
    Path files;
    private WorkbenchWindow window;
    private final String tiny = GuiFixtures.tinyModel().toAbsolutePath().normalize().toString();

    /** Each test gets its own stage (the primary stage is shared between tests) and closes it. */
    @Start
    void start(Stage primary) {
        window = open(new Stage(), new CoreBackend());
    }

    @AfterEach
    void closeWindow() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> window.stage().close()).get();
    }

    private WorkbenchWindow open(Stage stage, WorkbenchBackend backend) {
        return WorkbenchWindow.open(stage, backend, new FxTaskRunner(2), new WorkspaceStore(config));
    }

    private WorkbenchViewModel vm() {
        return window.viewModel();
    }

    private static List<SentencePair> samplePairs() throws Exception {
        return StsReader.read(SAMPLE, ReadOptions.defaults()).pairs();
    }

    /** The point datasets of the scatter as last drawn. */
    private XYSeriesCollection points() {
        return window.controller().scatter().renderedProperty().get().built().points();
    }

    @Test
    void startsOnTheSampleDataScoredByTheBaseline(FxRobot robot) throws Exception {
        assertThat(window.stage().getTitle()).contains("KR-SBERT Workbench");
        List<SentencePair> expected = samplePairs();
        ScoringResult r = waitForScores(window, 60, BASELINE);

        assertThat(vm().pairs().rows()).extracting(PairRow::sentence1)
                .containsExactlyElementsOf(expected.stream().map(SentencePair::sentence1).toList());
        double[] cos = Baselines.byName(BASELINE).orElseThrow().score(expected, ProgressListener.NONE, CancelToken.NONE);
        assertThat(r.evaluations().get(0).cosine()).containsExactly(cos, within(1e-12));
        assertThat(points().getSeriesCount()).isEqualTo(1);
        assertThat(points().getItemCount(0)).isEqualTo((int) expected.stream().filter(SentencePair::hasGold).count());
        List<String> columns = window.controller().pairs().table().getVisibleLeafColumns().stream()
                .map(c -> (c.getUserData() == null ? "" : c.getUserData() + " ") + c.getText()).toList();
        assertThat(columns).containsExactly("sentence 1", "sentence 2", "gold", BASELINE + " cos", BASELINE + " 0–5");
        assertThat(vm().metrics().rows()).singleElement().satisfies(m -> {
            assertThat(m.model()).isEqualTo(BASELINE);
            assertThat(m.n()).isEqualTo(expected.size());
        });
    }

    @Test
    void addedModelFolderIsScoredWithOnePointPerPairPerModel(FxRobot robot) throws Exception {
        waitForScores(window, 60, BASELINE);
        robot.clickOn("#addField").write(tiny);
        robot.clickOn("#addButton");
        ModelEntry entry = waitForReady(window, tiny, 60);
        ScoringResult r = waitForScores(window, 60, BASELINE, tiny);

        List<SentencePair> pairs = samplePairs();
        assertThat(points().getSeriesCount()).isEqualTo(2);
        for (int s = 0; s < 2; s++) {
            assertThat(points().getItemCount(s)).isEqualTo(pairs.size());
        }
        try (EmbeddingPairScorer scorer = new EmbeddingPairScorer(SentenceTransformerModel.load(GuiFixtures.tinyModel()))) {
            double[] cos = scorer.score(pairs, ProgressListener.NONE, CancelToken.NONE);
            assertThat(r.evaluations().get(1).cosine()).containsExactly(cos, within(1e-6));
        }
        assertThat(entry.factsProperty().get()).contains("vocab size: 40000", "layers: 2", "max_seq_length: 24",
                "pooling: mean");
        waitUntil(30, "two models and their paired difference", () -> vm().metrics().rows().size() == 3);
    }

    @Test
    void clickingAPointSelectsItsPair(FxRobot robot) throws Exception {
        waitForScores(window, 60, BASELINE);
        ScatterSeries series = vm().scatter().series().get(0);
        List<Point2D> screen = WaitForAsyncUtils.asyncFx(() -> {
            List<Point2D> out = new ArrayList<>();
            for (int i = 0; i < series.points().size(); i++) {
                out.add(window.controller().scatter().screenPointOf(0, i));
            }
            return out;
        }).get();
        int best = mostIsolated(screen);
        PairRow target = series.points().get(best).row();
        assertThat(vm().pairs().selectedProperty().get()).isNotSameAs(target);

        robot.moveTo(screen.get(best));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.controller().scatter().hoverText()).contains(target.sentence1(), target.sentence2());
        robot.clickOn(screen.get(best));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(vm().pairs().selectedProperty().get()).isSameAs(target);
        assertThat(window.controller().pairs().table().getSelectionModel().getSelectedItem()).isSameAs(target);
        assertThat(vm().tokens().textProperty().get()).isEqualTo(target.sentence1());
    }

    /** The point farthest from its nearest neighbour (so the click cannot hit another one). */
    private static int mostIsolated(List<Point2D> pts) {
        int best = -1;
        double bestDistance = -1;
        for (int i = 0; i < pts.size(); i++) {
            double nearest = Double.MAX_VALUE;
            for (int j = 0; j < pts.size(); j++) {
                if (i != j) {
                    nearest = Math.min(nearest, pts.get(i).distance(pts.get(j)));
                }
            }
            if (nearest > bestDistance) {
                bestDistance = nearest;
                best = i;
            }
        }
        return best;
    }

    @Test
    void typedSentenceShowsTheExpectedTokenChips(FxRobot robot) throws Exception {
        robot.interact(() -> vm().models().addModel(tiny));
        waitForReady(window, tiny, 60);
        robot.interact(() -> window.controller().showView("Tokens"));
        GuiFixtures.ExpectedSentence expected = GuiFixtures.expected(2);
        TextField text = robot.lookup("#text").queryAs(TextField.class);
        robot.clickOn(text);
        robot.interact(text::clear);
        robot.write(expected.text());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text.getText()).isEqualTo(expected.text());

        FlowPane chips = robot.lookup(".token-chips").match((Node n) -> tiny.equals(n.getUserData())).queryAs(FlowPane.class);
        List<TokenChip> shown = robot.from(chips).lookup(".token").queryAll().stream()
                .map(n -> (TokenChip) n.getUserData()).toList();
        assertThat(shown.stream().filter(c -> !c.token().special()).map(c -> c.token().piece()))
                .containsExactlyElementsOf(expected.tokens());
        assertThat(shown.get(0).token().piece()).isEqualTo("[CLS]");
        assertThat(robot.from(chips).lookup(".token-special").queryAll()).hasSize(2);
        List<String> continuationLabels = robot.from(chips).lookup(".token-continuation").queryAll().stream()
                .map(n -> ((javafx.scene.control.Label) n).getText()).toList();
        assertThat(continuationLabels).containsExactlyElementsOf(expected.tokens().stream()
                .filter(t -> t.startsWith("##")).map(t -> t.substring(2)).toList());
    }

    @Test
    void opensACp949File(FxRobot robot) throws Exception {
        waitForScores(window, 60, BASELINE);
        List<SentencePair> sample = samplePairs().subList(0, 5);
        StringBuilder tsv = new StringBuilder("sentence1\tsentence2\tscore\n");
        for (SentencePair p : sample) {
            tsv.append(p.sentence1()).append('\t').append(p.sentence2()).append('\t').append(p.gold()).append('\n');
        }
        Path file = files.resolve("엑셀.tsv");
        Files.write(file, tsv.toString().getBytes(Charset.forName("x-windows-949")));

        robot.interact(() -> vm().pairs().open(file));
        waitForScores(window, 60, BASELINE);

        assertThat(vm().pairs().rows()).extracting(PairRow::sentence1)
                .containsExactlyElementsOf(sample.stream().map(SentencePair::sentence1).toList());
        assertThat(vm().pairs().rows()).extracting(PairRow::gold)
                .containsExactlyElementsOf(sample.stream().map(SentencePair::gold).toList());
        assertThat(vm().status().infoProperty().get()).contains("5 pairs").contains("CP949");
        assertThat(vm().pairs().openedFileProperty().get()).isEqualTo(file);
        assertThat(points().getItemCount(0)).isEqualTo(5);
    }

    @Test
    void cancellingARunningScoringStopsItWithoutAnError(FxRobot robot) throws Exception {
        GatedBackend gated = new GatedBackend();
        robot.interact(() -> {
            window.stage().close();
            window = open(new Stage(), gated);
        });
        waitUntil(30, "a scoring task in the status bar", () -> vm().scoringTask().isPresent()
                && !robot.lookup(".task-cancel").queryAll().isEmpty());
        TaskHandle task = vm().scoringTask().orElseThrow();

        robot.clickOn(robot.lookup(".task-cancel").queryAs(Button.class));
        waitUntil(10, "the task to end", () -> task.state().finished());

        assertThat(task.state()).isEqualTo(TaskState.CANCELLED);
        assertThat(vm().status().tasks()).isEmpty();
        assertThat(vm().status().errorProperty().get()).isEmpty();
        assertThat(vm().resultProperty().get().evaluations()).isEmpty();

        gated.gate.countDown();
        robot.interact(() -> vm().score());
        waitForScores(window, 60, BASELINE);
    }

    @Test
    void restartRestoresTheWorkspace(FxRobot robot) throws Exception {
        waitForScores(window, 60, BASELINE);
        robot.interact(() -> {
            vm().models().addModel(tiny);
            vm().pairs().rows().add(new PairRow("새로 입력한 문장이다.", "방금 쓴 다른 문장이다.", 2.5));
            window.stage().setWidth(1100);
            window.stage().setHeight(700);
        });
        robot.interact(() -> window.controller().applyDividers(List.of(0.3, 0.5, 0.45)));
        waitForReady(window, tiny, 60);
        waitForScores(window, 60, BASELINE, tiny);
        List<String> before = vm().pairs().rows().stream().map(r -> r.sentence1() + "|" + r.sentence2() + "|" + r.gold()).toList();

        robot.interact(() -> {
            window.stage().close();
            window = open(new Stage(), new CoreBackend());
        });
        waitForReady(window, tiny, 60);
        waitForScores(window, 60, BASELINE, tiny);

        assertThat(vm().pairs().rows().stream().map(r -> r.sentence1() + "|" + r.sentence2() + "|" + r.gold()).toList())
                .isEqualTo(before);
        assertThat(vm().pairs().dirtyProperty().get()).isTrue();
        assertThat(vm().models().selectedIds()).containsExactly(BASELINE, tiny);
        assertThat(window.controller().captureLayout(window.stage()).dividers()).hasSize(2)
                .satisfies(d -> assertThat(d.get(0)).isCloseTo(0.3, within(0.02)))
                .satisfies(d -> assertThat(d.get(1)).isCloseTo(0.5, within(0.02)));
        assertThat(window.stage().getWidth()).isEqualTo(1100);
        assertThat(window.stage().getHeight()).isEqualTo(700);
    }

    @Test
    void fxThreadStaysResponsiveWhileScoring1500Pairs(FxRobot robot) throws Exception {
        robot.interact(() -> vm().models().addModel(tiny));
        waitForReady(window, tiny, 60);
        waitForScores(window, 60, BASELINE, tiny);
        Path dev = GuiFixtures.shared().resolve("data/korsts/sts-dev.tsv");

        long cpuMs;
        long wallMs;
        long samples;
        try (FxLatencyWatcher watcher = new FxLatencyWatcher()) {
            robot.interact(() -> vm().pairs().open(dev));
            waitUntil(60, "1500 pairs", () -> vm().pairs().rows().size() == 1500);
            waitForScores(window, 120, BASELINE, tiny);
            WaitForAsyncUtils.sleep(300, java.util.concurrent.TimeUnit.MILLISECONDS); // the pulse that draws it
            cpuMs = watcher.maxCpuMillis();
            wallMs = watcher.maxWallMillis();
            samples = watcher.samples();
        }
        assertThat(points().getItemCount(0)).isEqualTo(1500);
        assertThat(points().getItemCount(1)).isEqualTo(1500);
        assertThat(samples).isGreaterThan(20);
        System.out.printf(Locale.ROOT, "FX thread while opening and scoring 1,500 pairs: longest busy stretch %d ms CPU,"
                + " longest wall-clock wait %d ms, %d check-ins, load average %.1f%n", cpuMs, wallMs, samples,
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        assertThat(cpuMs).as("longest FX-thread busy stretch (CPU ms)").isLessThanOrEqualTo(100);
    }

    @Test
    void fontWarningAppearsOnlyWithoutAHangulFont() throws Exception {
        boolean hasFont = HangulFonts.find().isPresent();
        waitUntil(20, "the font check", () -> true);
        WaitForAsyncUtils.sleep(1, java.util.concurrent.TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        if (hasFont) {
            assertThat(window.controller().fontWarningText()).isEmpty();
        } else {
            assertThat(window.controller().fontWarningText()).contains(HangulFonts.PACKAGE);
        }
    }

    @Test
    void clickingTheErrorColumnSortsTheWorstPredictionFirst(FxRobot robot) {
        waitForScores(window, 60, BASELINE);
        robot.interact(() -> window.controller().pairs().showErrorColumns(true));
        WaitForAsyncUtils.waitForFxEvents();
        String title = kr.sbert.workbench.gui.pairs.PairsController.ERROR;
        Node header = robot.lookup(".column-header").match((Node n) -> n instanceof javafx.scene.control.skin.TableColumnHeader h
                && h.getTableColumn() != null && title.equals(h.getTableColumn().getText())
                && BASELINE.equals(h.getTableColumn().getUserData())).query();
        robot.clickOn(header);
        robot.clickOn(header);
        WaitForAsyncUtils.waitForFxEvents();

        List<PairRow> shown = window.controller().pairs().table().getItems();
        double worst = shown.stream().mapToDouble(r -> r.absError(BASELINE)).max().orElseThrow();
        assertThat(shown.get(0).absError(BASELINE)).isEqualTo(worst);
        assertThat(shown.get(shown.size() - 1).absError(BASELINE))
                .isEqualTo(shown.stream().mapToDouble(r -> r.absError(BASELINE)).min().orElseThrow());
    }

    @Test
    void pastedRowsAndAnEditedGoldAreScored(FxRobot robot) {
        waitForScores(window, 60, BASELINE);
        int before = vm().pairs().rows().size();
        robot.interact(() -> {
            javafx.scene.input.ClipboardContent c = new javafx.scene.input.ClipboardContent();
            c.putString("점심으로 김치찌개를 먹었다.\t점심 메뉴는 김치찌개였다.\t4.0\n비가 온다.\t해가 쨍쨍하다.\t0.5\n");
            javafx.scene.input.Clipboard.getSystemClipboard().setContent(c);
        });
        robot.clickOn("Paste");
        waitForScores(window, 60, BASELINE);
        assertThat(vm().pairs().rows()).hasSize(before + 2);
        PairRow pasted = vm().pairs().rows().get(before);
        assertThat(pasted.sentence1()).isEqualTo("점심으로 김치찌개를 먹었다.");
        assertThat(pasted.scores()).containsKey(BASELINE);

        // Edit the gold of the first row in its cell: double-click, type, Enter.
        javafx.scene.control.TableView<PairRow> table = window.controller().pairs().table();
        robot.interact(() -> table.scrollTo(0));
        Node goldCell = robot.lookup(".table-cell").match((Node n) -> n instanceof javafx.scene.control.TableCell<?, ?> c
                && c.getTableColumn() != null && "gold".equals(c.getTableColumn().getText()) && c.getIndex() == 0).query();
        robot.doubleClickOn(goldCell);
        robot.push(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.A).write("1.5")
                .type(javafx.scene.input.KeyCode.ENTER);
        waitForScores(window, 60, BASELINE);
        PairRow first = table.getItems().get(0);
        assertThat(first.gold()).isEqualTo(1.5);
        assertThat(first.absError(BASELINE)).isEqualTo(Math.abs(first.scores().get(BASELINE).scaled() - 1.5));
        assertThat(vm().pairs().dirtyProperty().get()).isTrue();
    }

    /** The table cell of a column (by title) in a shown row. */
    private static Node cell(FxRobot robot, String column, int index) {
        return robot.lookup(".table-cell").match((Node n) -> n instanceof javafx.scene.control.TableCell<?, ?> c
                && c.getTableColumn() != null && column.equals(c.getTableColumn().getText()) && c.getIndex() == index
                && !c.isEmpty()).query();
    }

    @Test
    void textTypedInACellIsKeptWhenTheUserClicksElsewhereAndDroppedOnlyByEscape(FxRobot robot) {
        waitForScores(window, 60, BASELINE);
        javafx.scene.control.TableView<PairRow> table = window.controller().pairs().table();
        robot.interact(() -> table.scrollTo(0));
        PairRow second = table.getItems().get(1);
        PairRow third = table.getItems().get(2);
        String thirdBefore = third.sentence2();

        // Type into a sentence cell, then click another row without pressing Enter.
        robot.doubleClickOn(cell(robot, "sentence 2", 1));
        robot.push(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.A).write("고친 문장이다.");
        robot.clickOn(cell(robot, "sentence 1", 4));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(second.sentence2()).isEqualTo("고친 문장이다.");
        assertThat(vm().pairs().dirtyProperty().get()).isTrue();

        // Type a gold, then click a button outside the table.
        robot.doubleClickOn(cell(robot, "gold", 1));
        robot.push(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.A).write("2.5");
        robot.clickOn("#search");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(second.gold()).isEqualTo(2.5);

        // Escape discards.
        robot.doubleClickOn(cell(robot, "sentence 2", 2));
        robot.push(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.A).write("버릴 글")
                .type(javafx.scene.input.KeyCode.ESCAPE);
        robot.clickOn(cell(robot, "sentence 1", 4));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(third.sentence2()).isEqualTo(thirdBefore);
        waitForScores(window, 60, BASELINE);
        assertThat(second.scores()).containsKey(BASELINE);
    }

    @Test
    void goldIsShownExactlyAndSurvivesAnEditConfirmedUnchanged(FxRobot robot) {
        waitForScores(window, 60, BASELINE);
        javafx.scene.control.TableView<PairRow> table = window.controller().pairs().table();
        robot.interact(() -> {
            table.scrollTo(0);
            table.getItems().get(0).goldProperty().set(4.75);
        });
        WaitForAsyncUtils.waitForFxEvents();
        Node goldCell = cell(robot, "gold", 0);
        assertThat(((javafx.scene.control.TableCell<?, ?>) goldCell).getText()).isEqualTo("4.75");

        robot.doubleClickOn(goldCell).type(javafx.scene.input.KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(table.getItems().get(0).gold()).isEqualTo(4.75);
    }

    @Test
    void busyStatusBarNeverWidensTheWindowContentSoSplitsStayWhereTheUserPutThem(FxRobot robot) throws Exception {
        waitForScores(window, 60, BASELINE);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        try {
            robot.interact(() -> {
                window.stage().setWidth(1000);
                for (int i = 0; i < 8; i++) {
                    vm().runner().submit("Downloading snunlp/KR-SBERT-Medium-extended-klueNLItripletPARpair-klueSTS " + i,
                            (progress, cancel) -> {
                                release.await();
                                return null;
                            }, v -> { }, e -> { });
                }
                vm().status().report("loading a model", new IllegalStateException("x".repeat(400)));
            });
            WaitForAsyncUtils.waitForFxEvents();
            javafx.scene.layout.Region outer = robot.lookup("#outerSplit").queryAs(javafx.scene.layout.Region.class);
            double sceneWidth = window.stage().getScene().getWidth();
            assertThat(outer.getWidth()).isLessThanOrEqualTo(sceneWidth);
            robot.interact(() -> window.controller().applyDividers(List.of(0.3, 0.5, 0.45)));
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(window.controller().captureLayout(window.stage()).dividers().get(0)).isCloseTo(0.3, within(0.02));
        } finally {
            release.countDown();
        }
    }

    @Test
    void wheelZoomsTheScatterAndResetRestoresIt(FxRobot robot) throws Exception {
        waitForScores(window, 60, BASELINE);
        org.jfree.data.Range before = window.controller().scatter().renderedProperty().get().built().chart()
                .getXYPlot().getDomainAxis().getRange();
        Point2D centre = WaitForAsyncUtils.asyncFx(() -> window.controller().scatter().screenPointOf(0, 0)).get();
        // Which wheel direction the robot's "up" becomes differs between glass platforms: any zoom will do.
        robot.moveTo(centre).scroll(3, javafx.geometry.VerticalDirection.UP);
        waitUntil(20, "a zoomed drawing", () -> window.controller().scatter().upToDate()
                && Math.abs(window.controller().scatter().renderedProperty().get().built().chart().getXYPlot()
                .getDomainAxis().getRange().getLength() - before.getLength()) > before.getLength() * 0.2);
        robot.clickOn("Reset");
        waitUntil(20, "the full range again", () -> window.controller().scatter().upToDate()
                && window.controller().scatter().renderedProperty().get().built().chart().getXYPlot().getDomainAxis()
                .getRange().equals(before));
    }

    @Test
    void scatterExportsAsPng() throws Exception {
        waitForScores(window, 60, BASELINE);
        Path png = files.resolve("scatter.png");
        window.controller().scatter().writePng(png.toFile());
        java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isGreaterThanOrEqualTo(800);
        assertThat(img.getHeight()).isGreaterThanOrEqualTo(600);
    }
}
