package kr.sbert.workbench.gui.window;

import static kr.sbert.workbench.gui.window.WindowHarness.waitForReady;
import static kr.sbert.workbench.gui.window.WindowHarness.waitForScores;
import static kr.sbert.workbench.gui.window.WindowHarness.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import kr.sbert.workbench.cli.WorkbenchCommand;
import kr.sbert.workbench.core.hub.HubSettings;
import kr.sbert.workbench.core.hub.ModelLocator;
import kr.sbert.workbench.gui.GuiFixtures;
import kr.sbert.workbench.gui.WorkbenchWindow;
import kr.sbert.workbench.gui.main.MainController;
import kr.sbert.workbench.gui.main.WorkbenchViewModel;
import kr.sbert.workbench.gui.models.ModelEntry;
import kr.sbert.workbench.gui.models.ModelState;
import kr.sbert.workbench.gui.pairs.PairRow;
import kr.sbert.workbench.gui.pairs.PairsController;
import kr.sbert.workbench.gui.pairs.QuickCompareController;
import kr.sbert.workbench.gui.pairs.QuickResult;
import kr.sbert.workbench.gui.scatter.YAxisMode;
import kr.sbert.workbench.gui.service.CoreBackend;
import kr.sbert.workbench.gui.service.WorkbenchBackend;
import kr.sbert.workbench.gui.task.FxTaskRunner;
import kr.sbert.workbench.gui.workspace.WorkspaceStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import picocli.CommandLine;

/**
 * Issue 8's acceptance checks on the whole window (headless, real core): scores beside the
 * sentences at 1024×700 with three models, Quick compare on the table's scale, raw KorSTS
 * paste, Enter/Tab, the unsaved-edits question on quit, and the honest model states.
 */
@ExtendWith(ApplicationExtension.class)
class ComparisonWindowTest {
    private static final String CHAR = WorkbenchViewModel.DEFAULT_BASELINE;
    private static final String JACCARD = "baseline:jaccard";

    @TempDir
    Path config;
    @TempDir
    Path files;
    @TempDir
    Path hubCache;
    private WorkbenchWindow window;
    private final String tiny = GuiFixtures.tinyModel().toAbsolutePath().normalize().toString();

    @Start
    void start(Stage primary) {
        window = open(new Stage(), backend());
    }

    @AfterEach
    void closeWindow() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            if (window.stage().isShowing()) {
                window.viewModel().pairs().dirtyProperty().set(false);
                window.stage().close();
            }
        }).get();
    }

    /** The real core on an empty, offline hub cache (no catalog variant is downloaded; nothing is fetched). */
    private WorkbenchBackend backend() {
        return new CoreBackend(new ModelLocator(new HubSettings(hubCache, "http://127.0.0.1:9", Optional.empty(), true)));
    }

    private WorkbenchWindow open(Stage stage, WorkbenchBackend backend) {
        return WorkbenchWindow.open(stage, backend, new FxTaskRunner(2), new WorkspaceStore(config));
    }

    private WorkbenchViewModel vm() {
        return window.viewModel();
    }

    private TableView<PairRow> table() {
        return window.controller().pairs().table();
    }

    private void threeModels(FxRobot robot) {
        waitForScores(window, 60, CHAR);
        robot.interact(() -> {
            vm().models().find(JACCARD).orElseThrow().setSelected(true);
            vm().models().addModel(tiny);
        });
        waitForReady(window, tiny, 60);
        waitForScores(window, 60, CHAR, JACCARD, tiny);
    }

    private void resize(FxRobot robot, double w, double h) {
        robot.interact(() -> {
            window.stage().setWidth(w);
            window.stage().setHeight(h);
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> table().scrollTo(0));
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The shown cell of a leaf column in a row (model columns by their model id in the user data). */
    private static TableCell<?, ?> cell(FxRobot robot, String title, String model, int row) {
        return (TableCell<?, ?>) robot.lookup(".table-cell").match((Node n) -> n instanceof TableCell<?, ?> c
                && c.getTableColumn() != null && title.equals(c.getTableColumn().getText())
                && (model == null || model.equals(c.getTableColumn().getUserData()))
                && c.getIndex() == row && !c.isEmpty() && c.isVisible()).query();
    }

    /** Visible with all its parents (a hidden box's buttons are not on screen). */
    private static boolean shown(Node n) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (!p.isVisible()) {
                return false;
            }
        }
        return n.getLayoutBounds().getWidth() > 0;
    }

    /** The text a labeled control really draws (elided text ends in "…"). */
    private static String drawn(FxRobot robot, Labeled l) {
        return robot.from(l).lookup(".text").tryQuery().map(t -> ((javafx.scene.text.Text) t).getText()).orElse("");
    }

    /** Inside, give or take the 1 px the constrained column policy may leave over (the drawn text is checked strictly). */
    private static void assertInside(Bounds outer, Bounds inner, String what, double slack) {
        assertThat(inner.getMinX()).as(what + " left edge").isGreaterThanOrEqualTo(outer.getMinX() - slack);
        assertThat(inner.getMaxX()).as(what + " right edge").isLessThanOrEqualTo(outer.getMaxX() + slack);
        assertThat(inner.getMinY()).as(what + " top edge").isGreaterThanOrEqualTo(outer.getMinY() - slack);
        assertThat(inner.getMaxY()).as(what + " bottom edge").isLessThanOrEqualTo(outer.getMaxY() + slack);
    }

    /** The cell within the viewport, and the text it draws strictly within. */
    private static void assertVisible(FxRobot robot, Bounds viewport, TableCell<?, ?> c, String what) {
        assertInside(viewport, c.localToScreen(c.getBoundsInLocal()), what, 1.5);
        Node text = robot.from(c).lookup(".text").query();
        assertInside(viewport, text.localToScreen(text.getBoundsInLocal()), what + " text", 0);
    }

    private void firstRowShowsBothSentencesAndEveryScore(FxRobot robot, double w, double h) {
        resize(robot, w, h);
        Node viewport = robot.from(table()).lookup(".clipped-container").query();
        Bounds visible = viewport.localToScreen(viewport.getBoundsInLocal());
        for (String s : List.of("sentence 1", "sentence 2")) {
            TableCell<?, ?> c = cell(robot, s, null, 0);
            assertVisible(robot, visible, c, w + "x" + h + " " + s);
            assertThat(c.getWidth()).as(s + " width").isGreaterThanOrEqualTo(120);
        }
        for (String m : List.of(CHAR, JACCARD, tiny)) {
            for (String col : List.of(PairsController.COS, PairsController.SCALED)) {
                TableCell<?, ?> c = cell(robot, col, m, 0);
                assertVisible(robot, visible, c, w + "x" + h + " " + m + " " + col);
                assertThat(drawn(robot, c)).as(m + " " + col + " drawn in full").isEqualTo(c.getText()).isNotEmpty();
            }
        }
        // Toolbar labels are never cut ("A…").
        for (Node n : robot.lookup(".button").queryAll()) {
            if (n instanceof Button b && shown(b) && b.getScene() == window.stage().getScene()
                    && b.getText() != null && !b.getText().isEmpty() && !b.getText().equals("×")) {
                assertThat(drawn(robot, b)).as("button " + b.getText() + " at " + w + "x" + h).isEqualTo(b.getText());
            }
        }
    }

    @Test
    void atBothWindowSizesTheFirstRowShowsBothSentencesAndAllThreeModelsScores(FxRobot robot) {
        threeModels(robot);
        firstRowShowsBothSentencesAndEveryScore(robot, 1024, 700);
        firstRowShowsBothSentencesAndEveryScore(robot, 1600, 1000);
        // The details strip has the selected pair in full with every model's numbers.
        robot.interact(() -> vm().pairs().selectedProperty().set(vm().pairs().rows().get(0)));
        PairRow first = vm().pairs().rows().get(0);
        assertThat(window.controller().pairs().detailsText()).contains(first.sentence1(), first.sentence2(),
                String.format(java.util.Locale.ROOT, "cos %.4f", first.scores().get(tiny).cosine()));
    }

    @Test
    void quickCompareGivesTheTablesScoreForAPairOfTheTable(FxRobot robot) {
        threeModels(robot);
        robot.interact(() -> {
            table().scrollTo(0);
            vm().pairs().selectedProperty().set(vm().pairs().rows().get(0));
            window.controller().showView("Quick compare");
        });
        robot.clickOn("Selected pair");
        robot.clickOn("#quickButton");
        QuickCompareController quick = window.controller().quickCompare();
        waitUntil(30, "three quick-compare rows", () -> quick.results().getItems().size() == 3);
        robot.interact(() -> window.controller().showView("Scatter"));
        for (int i = 0; i < 3; i++) {
            QuickResult r = quick.results().getItems().get(i);
            String shown0to5 = cellText(quick.results(), QuickCompareController.SCORE, i);
            String shownCos = cellText(quick.results(), QuickCompareController.COSINE, i);
            assertThat(shown0to5).as(r.model() + " 0–5").isEqualTo(cell(robot, PairsController.SCALED, r.model(), 0).getText());
            assertThat(shownCos).as(r.model() + " cosine").isEqualTo(cell(robot, PairsController.COS, r.model(), 0).getText());
        }
        assertThat(quick.results().getItems().get(0).basis()).startsWith("IDF fitted on the table's");
    }

    private static String cellText(TableView<QuickResult> t, String column, int row) {
        TableColumn<QuickResult, ?> c = t.getColumns().stream().filter(x -> x.getText().equals(column)).findFirst().orElseThrow();
        return String.valueOf(c.getCellData(row));
    }

    @Test
    void rawKorStsLinesPasteAndABadPasteSaysWhichLineUntilTheNextPasteWorks(FxRobot robot) throws Exception {
        Path test = GuiFixtures.shared().resolve("data/korsts/sts-test.tsv");
        Assumptions.assumeTrue(Files.isRegularFile(test), "../shared/data/korsts/sts-test.tsv is absent");
        waitForScores(window, 60, CHAR);
        int before = vm().pairs().rows().size();
        clipboard(robot, "가\t나\t1.0\n다\t라\t높음\n");
        robot.clickOn("#pasteButton");
        assertThat(vm().status().errorProperty().get()).isEqualTo("paste: pasted line 2: score '높음' is not a number");
        assertThat(vm().status().errorDetailsProperty().get()).doesNotContain("\tat ", "Exception")
                .contains(StatusLog.name());
        assertThat(vm().pairs().rows()).hasSize(before);

        List<String> lines = Files.readAllLines(test, StandardCharsets.UTF_8);
        clipboard(robot, lines.get(1) + "\n" + lines.get(2) + "\n");
        robot.clickOn("#pasteButton");
        waitForScores(window, 60, CHAR);
        assertThat(vm().status().errorProperty().get()).isEmpty();
        assertThat(vm().pairs().rows()).hasSize(before + 2);
        String[] cells = lines.get(1).split("\t");
        PairRow pasted = vm().pairs().rows().get(before);
        assertThat(pasted.sentence1()).isEqualTo(cells[5]);
        assertThat(pasted.sentence2()).isEqualTo(cells[6]);
        assertThat(pasted.gold()).isEqualTo(Double.parseDouble(cells[4]));
        assertThat(pasted.scores()).containsKey(CHAR);
        // The trace went to the log file beside the workspace, not to the screen.
        assertThat(Files.readString(config.resolve(StatusLog.name()))).contains("score '높음' is not a number", "\tat ");
    }

    /** The log file's name (beside workspace.json). */
    private static final class StatusLog {
        static String name() {
            return kr.sbert.workbench.gui.status.StatusViewModel.LOG_NAME;
        }
    }

    /** Clicks a button of the open dialog (other buttons with the same text, e.g. a hidden task Cancel, are not it). */
    private static void clickInDialog(FxRobot robot, String text) {
        waitUntil(20, "a dialog with " + text, () -> robot.lookup(".dialog-pane .button")
                .match((Node n) -> n instanceof Button b && text.equals(b.getText()) && shown(b)).tryQuery().isPresent());
        robot.clickOn(robot.lookup(".dialog-pane .button")
                .match((Node n) -> n instanceof Button b && text.equals(b.getText()) && shown(b)).queryAs(Button.class));
    }

    private static void clipboard(FxRobot robot, String text) {
        robot.interact(() -> {
            javafx.scene.input.ClipboardContent c = new javafx.scene.input.ClipboardContent();
            c.putString(text);
            javafx.scene.input.Clipboard.getSystemClipboard().setContent(c);
        });
    }

    @Test
    void tabMovesToTheNextCellAndEnterCommitsAndMovesDownInTheTable(FxRobot robot) {
        waitForScores(window, 60, CHAR);
        robot.interact(() -> table().scrollTo(0));
        PairRow first = table().getItems().get(0);
        robot.doubleClickOn(cell(robot, "sentence 1", null, 0));
        robot.push(KeyCode.CONTROL, KeyCode.A).write("첫 문장을 고쳤다.").type(KeyCode.TAB);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(first.sentence1()).isEqualTo("첫 문장을 고쳤다.");
        assertThat(table().getEditingCell()).isNotNull();
        assertThat(table().getEditingCell().getTableColumn().getText()).isEqualTo("sentence 2");
        assertThat(table().getEditingCell().getRow()).isZero();

        robot.push(KeyCode.CONTROL, KeyCode.A).write("둘째 문장도 고쳤다.").type(KeyCode.TAB);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(first.sentence2()).isEqualTo("둘째 문장도 고쳤다.");
        assertThat(table().getEditingCell().getTableColumn().getText()).isEqualTo("gold");

        robot.push(KeyCode.CONTROL, KeyCode.A).write("3.5").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(first.gold()).isEqualTo(3.5);
        assertThat(table().getEditingCell()).isNull();
        assertThat(window.stage().getScene().getFocusOwner()).isSameAs(table());
        assertThat(table().getFocusModel().getFocusedCell().getRow()).isEqualTo(1);
        assertThat(table().getFocusModel().getFocusedCell().getTableColumn().getText()).isEqualTo("gold");
        assertThat(table().getSelectionModel().getSelectedIndex()).isEqualTo(1);

        // Not editing: Tab goes on to the next row's first cell, Enter edits it.
        robot.type(KeyCode.TAB);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(table().getFocusModel().getFocusedCell().getRow()).isEqualTo(2);
        assertThat(table().getFocusModel().getFocusedCell().getTableColumn().getText()).isEqualTo("sentence 1");
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(table().getEditingCell()).isNotNull();
        assertThat(table().getEditingCell().getRow()).isEqualTo(2);
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.stage().getScene().getFocusOwner()).isSameAs(table());
    }

    @Test
    void theSearchBoxFiltersRowsByText(FxRobot robot) {
        waitForScores(window, 60, CHAR);
        String word = vm().pairs().rows().get(3).sentence2().split(" ")[0];
        long expected = vm().pairs().rows().stream().filter(r -> r.sentence1().contains(word) || r.sentence2().contains(word)).count();
        robot.clickOn("#search").write(word);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(table().getItems()).hasSize((int) expected).allSatisfy(r ->
                assertThat(r.sentence1() + r.sentence2()).contains(word));
        assertThat(expected).isLessThan(vm().pairs().rows().size());
        robot.interact(() -> window.controller().pairs().search().clear());
        assertThat(table().getItems()).hasSize(vm().pairs().rows().size());
    }

    @Test
    void quittingWithUnsavedEditsAsksSaveDiscardOrCancel(FxRobot robot) throws Exception {
        waitForScores(window, 60, CHAR);
        Path file = files.resolve("pairs.tsv");
        Files.writeString(file, "sentence1\tsentence2\tscore\n하늘이 맑다.\t날씨가 좋다.\t4.0\n비가 온다.\t해가 뜬다.\t0.5\n",
                StandardCharsets.UTF_8);
        robot.interact(() -> vm().pairs().open(file));
        waitUntil(30, "the file open", () -> vm().pairs().rows().size() == 2);
        robot.interact(() -> vm().pairs().rows().get(0).goldProperty().set(1.0));

        // Ctrl+Q → Cancel: the window stays.
        robot.press(KeyCode.CONTROL).type(KeyCode.Q).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        clickInDialog(robot, MainController.CANCEL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.stage().isShowing()).isTrue();

        // Ctrl+Q → Overwrite (the deliberate second choice): the file gets the edit and the window closes.
        robot.press(KeyCode.CONTROL).type(KeyCode.Q).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        clickInDialog(robot, MainController.OVERWRITE + " pairs.tsv");
        waitUntil(30, "the window to close", () -> !window.stage().isShowing());
        assertThat(Files.readAllLines(file, StandardCharsets.UTF_8).get(1)).isEqualTo("하늘이 맑다.\t날씨가 좋다.\t1.0");
        assertThat(Files.readAllLines(file, StandardCharsets.UTF_8).get(2)).isEqualTo("비가 온다.\t해가 뜬다.\t0.5");

        // Reopen, edit, close with the title bar's button → Discard: the edit is gone, also after a restart.
        robot.interact(() -> window = open(new Stage(), backend()));
        waitUntil(30, "the restored file", () -> vm().pairs().rows().size() == 2);
        robot.interact(() -> vm().pairs().rows().get(1).sentence2Property().set("버릴 편집"));
        Stage stage = window.stage();
        javafx.application.Platform.runLater(() -> stage.fireEvent(new javafx.stage.WindowEvent(stage,
                javafx.stage.WindowEvent.WINDOW_CLOSE_REQUEST)));
        WaitForAsyncUtils.waitForFxEvents();
        clickInDialog(robot, MainController.DISCARD);
        waitUntil(30, "the window to close", () -> !window.stage().isShowing());
        robot.interact(() -> window = open(new Stage(), backend()));
        waitUntil(30, "the restored file", () -> vm().pairs().rows().size() == 2);
        assertThat(vm().pairs().rows().get(1).sentence2()).isEqualTo("해가 뜬다.");
        assertThat(vm().pairs().dirtyProperty().get()).isFalse();
    }

    @Test
    void savePredictionsWritesWhatEvalOutWrites(FxRobot robot) throws Exception {
        Path data = files.resolve("pairs.tsv");
        Files.writeString(data, "sentence1\tsentence2\tscore\n하늘이 맑다.\t날씨가 좋다.\t4.0\n비가 온다.\t해가 뜬다.\t0.5\n"
                + "고양이가 잔다.\t고양이가 자고 있다.\t4.8\n남자가 뛴다.\t여자가 앉아 있다.\t0.2\n책을 읽는다.\t\"신문\"을 본다.\t\n",
                StandardCharsets.UTF_8);
        robot.interact(() -> {
            vm().models().find(JACCARD).orElseThrow().setSelected(true);
            vm().pairs().open(data);
        });
        waitUntil(30, "the file open", () -> vm().pairs().rows().size() == 5);
        waitForScores(window, 60, CHAR, JACCARD);
        Path gui = files.resolve("gui.csv");
        robot.interact(() -> window.controller().pairs().savePredictions(gui));
        waitUntil(30, "the predictions file", () -> Files.exists(gui) && vm().status().infoProperty().get().startsWith("saved"));

        Path cli = files.resolve("cli.csv");
        int code = WorkbenchCommand.newCommandLine().setOut(new java.io.PrintWriter(new java.io.StringWriter()))
                .setErr(new java.io.PrintWriter(new java.io.StringWriter()))
                .execute("eval", "--model", CHAR, "--model", JACCARD, "--data", data.toString(), "--out", cli.toString());
        assertThat(code).isZero();
        assertThat(Files.readString(gui, StandardCharsets.UTF_8)).isEqualTo(Files.readString(cli, StandardCharsets.UTF_8));
    }

    @Test
    void aMissingFolderIsRefusedAndACatalogDownloadAsksWithItsSize(FxRobot robot) {
        waitForScores(window, 60, CHAR);
        int before = vm().models().entries().size();
        Path missing = files.resolve("no-such-model");
        robot.clickOn("#addField").write(missing.toString());
        robot.clickOn("#addButton");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm().models().entries()).hasSize(before);
        assertThat(vm().status().errorProperty().get()).isEqualTo("adding a model: no such folder: " + missing);

        ModelEntry variant = vm().models().entries().stream().filter(e -> e.state() == ModelState.NOT_DOWNLOADED)
                .findFirst().orElseThrow();
        // A modal question opens: tick from a posted event, so the test thread is not blocked by it.
        javafx.application.Platform.runLater(() -> variant.setSelected(true));
        WaitForAsyncUtils.waitForFxEvents();
        Node question = robot.lookup(".dialog-pane").query();
        assertThat(((javafx.scene.control.DialogPane) question).getHeaderText()).contains(variant.id(), variant.size())
                .contains("MB");
        clickInDialog(robot, "Cancel");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(variant.isSelected()).isFalse();
        assertThat(variant.state()).isEqualTo(ModelState.NOT_DOWNLOADED);
        assertThat(vm().status().tasks()).isEmpty();
    }

    @Test
    void restartRestoresTheScoreModeAndTheActiveView(FxRobot robot) {
        waitForScores(window, 60, CHAR);
        robot.interact(() -> {
            vm().scatter().yModeProperty().set(YAxisMode.COSINE);
            window.controller().showView("Metrics");
        });
        robot.interact(() -> {
            window.stage().close();
            window = open(new Stage(), backend());
        });
        waitForScores(window, 60, CHAR);
        assertThat(vm().scatter().yModeProperty().get()).isEqualTo(YAxisMode.COSINE);
        assertThat(window.controller().activeView()).isEqualTo("Metrics");
        assertThat(robot.lookup("#cosineToggle").queryAs(javafx.scene.control.ToggleButton.class).isSelected()).isTrue();
    }
}
