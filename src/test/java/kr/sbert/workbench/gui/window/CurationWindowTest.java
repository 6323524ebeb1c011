package kr.sbert.workbench.gui.window;

import static kr.sbert.workbench.gui.window.WindowHarness.waitForScores;
import static kr.sbert.workbench.gui.window.WindowHarness.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import kr.sbert.workbench.core.hub.HubSettings;
import kr.sbert.workbench.core.hub.ModelLocator;
import kr.sbert.workbench.gui.GuiFixtures;
import kr.sbert.workbench.gui.WorkbenchWindow;
import kr.sbert.workbench.gui.main.MainController;
import kr.sbert.workbench.gui.main.WorkbenchViewModel;
import kr.sbert.workbench.gui.pairs.PairRow;
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

/**
 * Issue 16 on the whole window with KorSTS dev (1,500 pairs, real core, headless): saving keeps
 * the user's file, deleting asks and undoes (also after a restart), views follow edits.
 */
@ExtendWith(ApplicationExtension.class)
class CurationWindowTest {
    private static final String CHAR = WorkbenchViewModel.DEFAULT_BASELINE;

    @TempDir
    Path config;
    @TempDir
    Path files;
    @TempDir
    Path hubCache;
    private WorkbenchWindow window;
    private Path dev;

    @Start
    void start(Stage primary) {
        window = open(new Stage());
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

    private WorkbenchBackend backend() {
        return new CoreBackend(new ModelLocator(new HubSettings(hubCache, "http://127.0.0.1:9", Optional.empty(), true)));
    }

    private WorkbenchWindow open(Stage stage) {
        return WorkbenchWindow.open(stage, backend(), new FxTaskRunner(2), new WorkspaceStore(config));
    }

    private WorkbenchViewModel vm() {
        return window.viewModel();
    }

    private TableView<PairRow> table() {
        return window.controller().pairs().table();
    }

    /** A writable copy of KorSTS dev, opened in the window. */
    private Path openDevCopy(FxRobot robot, String mode) throws Exception {
        Path original = GuiFixtures.shared().resolve("data/korsts/sts-dev.tsv");
        Assumptions.assumeTrue(Files.isRegularFile(original), "KorSTS dev is missing");
        dev = files.resolve("dev-copy.tsv");
        Files.copy(original, dev);
        Files.setPosixFilePermissions(dev, PosixFilePermissions.fromString(mode));
        waitForScores(window, 60, CHAR);
        robot.interact(() -> vm().pairs().open(dev));
        waitUntil(60, "KorSTS dev open", () -> vm().pairs().rows().size() == 1500);
        waitForScores(window, 120, CHAR);
        return original;
    }

    private static Optional<Button> dialogButton(FxRobot robot, String text) {
        return robot.lookup(".dialog-pane .button")
                .match((Node n) -> n instanceof Button b && b.getText().equals(text) && b.getScene() != null
                        && b.getScene().getWindow() != null && b.getScene().getWindow().isShowing())
                .tryQueryAs(Button.class);
    }

    private static Button waitForDialogButton(FxRobot robot, String text) {
        waitUntil(20, "a dialog with " + text, () -> dialogButton(robot, text).isPresent());
        return dialogButton(robot, text).orElseThrow();
    }

    private static String dialogText(FxRobot robot) {
        return robot.lookup(".dialog-pane").queryAs(DialogPane.class).getContentText();
    }

    private void ctrl(FxRobot robot, KeyCode key) {
        robot.press(KeyCode.CONTROL).type(key).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void quittingAfterAGoldEditSavesANewFileBesideWithEveryColumnAndUntouchedBytes(FxRobot robot) throws Exception {
        Path original = openDevCopy(robot, "rw-r--r--");
        // The file's message stays, and the run says what it encoded.
        waitUntil(10, "the run's summary", () -> vm().status().infoProperty().get().contains("sentences encoded"));
        assertThat(vm().status().infoProperty().get()).startsWith("dev-copy.tsv: 1500 pairs, korsts, UTF-8")
                .contains("1500 pairs × 1 model");
        byte[] before = Files.readAllBytes(dev);
        robot.interact(() -> vm().pairs().rows().get(0).goldProperty().set(4.2));
        window.controller().pairs().setSaveChooser(suggested -> suggested.toFile());

        ctrl(robot, KeyCode.Q);
        Button saveAs = waitForDialogButton(robot, MainController.SAVE_AS);
        Button overwrite = waitForDialogButton(robot, MainController.OVERWRITE + " dev-copy.tsv");
        assertThat(saveAs.isDefaultButton()).as("Save as… is the default").isTrue();
        assertThat(overwrite.isDefaultButton()).as("Overwrite is never the default").isFalse();
        robot.clickOn(saveAs);
        waitUntil(30, "the window to close", () -> !window.stage().isShowing());

        Path saved = files.resolve("dev-copy-edited.tsv");
        assertThat(Files.readAllBytes(dev)).as("the opened file is untouched").isEqualTo(before);
        List<String> in = Files.readString(original).lines().toList();
        List<String> out = Files.readString(saved).lines().toList();
        assertThat(out).hasSize(1501);
        assertThat(out.get(0).split("\t")).containsExactly("genre", "filename", "year", "id", "score", "sentence1", "sentence2");
        assertThat(out.get(1)).isEqualTo(in.get(1).replace("\t5.000\t", "\t4.200\t"));
        assertThat(out.subList(2, 1501)).isEqualTo(in.subList(2, 1501));
    }

    @Test
    void aReadOnlyFileIsNeverOfferedForOverwriteNorWritten(FxRobot robot) throws Exception {
        openDevCopy(robot, "r--r--r--");
        byte[] before = Files.readAllBytes(dev);
        robot.interact(() -> vm().pairs().rows().get(3).sentence1Property().set("고친 문장이다."));

        ctrl(robot, KeyCode.Q);
        waitForDialogButton(robot, MainController.SAVE_AS);
        assertThat(dialogText(robot)).contains("dev-copy.tsv is read-only");
        assertThat(dialogButton(robot, MainController.OVERWRITE + " dev-copy.tsv")).isEmpty();
        robot.clickOn(waitForDialogButton(robot, MainController.CANCEL));
        WaitForAsyncUtils.waitForFxEvents();

        // Asked to write it anyway (Save as… onto the same name): refused, with the reason.
        robot.interact(() -> vm().pairs().save(dev));
        waitUntil(30, "the refusal", () -> vm().status().errorProperty().get() != null
                && vm().status().errorProperty().get().contains("read-only"));
        assertThat(Files.readAllBytes(dev)).isEqualTo(before);
        assertThat(vm().pairs().dirtyProperty().get()).isTrue();
    }

    @Test
    void selectAllThenDeleteAsksAndCtrlZBringsEveryRowBackAlsoAfterARestart(FxRobot robot) throws Exception {
        openDevCopy(robot, "rw-r--r--");
        List<PairRow> rows = List.copyOf(vm().pairs().rows());
        robot.clickOn(table());
        ctrl(robot, KeyCode.A);
        assertThat(table().getSelectionModel().getSelectedItems()).hasSize(1500);

        // Delete asks, naming the count; Cancel deletes nothing.
        robot.type(KeyCode.DELETE);
        robot.clickOn(waitForDialogButton(robot, "Cancel"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm().pairs().rows()).hasSize(1500);

        // Clicking a selected cell starts editing it: Enter hands the focus back to the table.
        robot.clickOn(table());
        if (table().getEditingCell() != null) {
            robot.type(KeyCode.ENTER);
        }
        ctrl(robot, KeyCode.A);
        robot.type(KeyCode.DELETE);
        waitForDialogButton(robot, "Delete");
        assertThat(dialogText(robot)).contains("Delete 1,500 rows");
        robot.clickOn(waitForDialogButton(robot, "Delete"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm().pairs().rows()).isEmpty();

        ctrl(robot, KeyCode.Z);
        assertThat(vm().pairs().rows()).containsExactlyElementsOf(rows);
        assertThat(vm().pairs().dirtyProperty().get()).as("back as opened").isFalse();
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT).type(KeyCode.Z).release(KeyCode.SHIFT, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm().pairs().rows()).isEmpty();

        // The wipe is autosaved; quitting asks (the empty table is an unsaved edit); Discard is not
        // chosen: the window is closed as after a crash, and the next start can still undo the wipe.
        ctrl(robot, KeyCode.Q);
        robot.clickOn(waitForDialogButton(robot, MainController.CANCEL));
        robot.interact(() -> {
            try {
                vm().saveNow();
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
            vm().pairs().dirtyProperty().set(false);
            window.stage().close();
        });
        robot.interact(() -> window = open(new Stage()));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm().pairs().rows()).isEmpty();
        robot.interact(() -> vm().pairs().undo());
        assertThat(vm().pairs().rows()).hasSize(1500);
        assertThat(vm().pairs().rows().get(0).sentence1()).isEqualTo(rows.get(0).sentence1());
        assertThat(vm().pairs().rows().get(1499).gold()).isEqualTo(rows.get(1499).gold());
    }

    @Test
    void cellEditsPastesAndOpeningAFileAreUndoneAndRedoneStepByStep(FxRobot robot) throws Exception {
        openDevCopy(robot, "rw-r--r--");
        PairRow first = vm().pairs().rows().get(0);
        String s1 = first.sentence1();
        robot.interact(() -> {
            first.sentence1Property().set("첫 편집");
            first.goldProperty().set(1.0);
            vm().pairs().paste("하나\t둘\t3.0\n셋\t넷\t2.0\n");
        });
        assertThat(vm().pairs().rows()).hasSize(1502);
        assertThat(vm().pairs().undoTextProperty().get()).isEqualTo("Undo paste of 2 rows");
        Path other = files.resolve("other.tsv");
        Files.writeString(other, "sentence1\tsentence2\tscore\n가\t나\t1.0\n", StandardCharsets.UTF_8);
        robot.interact(() -> vm().pairs().dirtyProperty().set(false)); // no discard question for this test
        robot.interact(() -> vm().pairs().open(other));
        waitUntil(30, "other.tsv open", () -> vm().pairs().rows().size() == 1);

        robot.interact(() -> vm().pairs().undo()); // the open
        assertThat(vm().pairs().rows()).hasSize(1502);
        assertThat(vm().pairs().openedFileProperty().get()).isEqualTo(dev);
        robot.interact(() -> vm().pairs().undo()); // the paste
        assertThat(vm().pairs().rows()).hasSize(1500);
        robot.interact(() -> vm().pairs().undo()); // the gold
        assertThat(first.gold()).isEqualTo(5.0);
        robot.interact(() -> vm().pairs().undo()); // the sentence
        assertThat(first.sentence1()).isEqualTo(s1);
        assertThat(vm().pairs().dirtyProperty().get()).isFalse();
        robot.interact(() -> vm().pairs().redo());
        assertThat(first.sentence1()).isEqualTo("첫 편집");
        assertThat(vm().pairs().dirtyProperty().get()).isTrue();
    }

    @Test
    void tokensExplainQuickCompareAndDetailsFollowAnEditOfTheSelectedPair(FxRobot robot) throws Exception {
        String tiny = GuiFixtures.tinyModel().toAbsolutePath().normalize().toString();
        waitForScores(window, 60, CHAR);
        robot.interact(() -> vm().models().addModel(tiny));
        WindowHarness.waitForReady(window, tiny, 60);
        waitForScores(window, 60, CHAR, tiny);
        PairRow row = vm().pairs().rows().get(2);
        robot.interact(() -> {
            vm().pairs().selectedProperty().set(row);
            window.controller().showView("Explain");
            vm().pairs().quickSentence1Property().set(row.sentence1());
            vm().pairs().quickSentence2Property().set(row.sentence2());
        });
        waitUntil(60, "the pair explained", () -> vm().explain().of(tiny).isPresent()
                && vm().explain().of(tiny).get().a().encoding().text().equals(row.sentence1()));
        double before = vm().explain().of(tiny).orElseThrow().cosine();

        String edited = "완전히 다른 새 문장으로 바꾸었다.";
        robot.interact(() -> row.sentence1Property().set(edited));

        assertThat(vm().tokens().textProperty().get()).as("Tokens shows the edited sentence").isEqualTo(edited);
        assertThat(vm().pairs().quickSentence1Property().get()).isEqualTo(edited);
        assertThat(window.controller().pairs().detailsText()).contains("1: " + edited);
        waitUntil(60, "Explain follows the edit", () -> vm().explain().of(tiny)
                .map(e -> e.a().encoding().text().equals(edited)).orElse(false));
        waitForScores(window, 60, CHAR, tiny);
        double cosine = vm().explain().of(tiny).orElseThrow().cosine();
        assertThat(cosine).isNotEqualTo(before);
        assertThat(row.scores().get(tiny).cosine()).as("Explain and the row agree").isCloseTo(cosine,
                org.assertj.core.data.Offset.offset(1e-4));
    }

    /** The focused row's cells lie fully inside the table's rows area (below the header). */
    private void assertFocusedRowInView(String when) {
        int focused = table().getFocusModel().getFocusedIndex();
        javafx.scene.Node flow = table().lookup(".virtual-flow");
        javafx.scene.Node header = table().lookup(".column-header-background");
        javafx.geometry.Bounds area = flow.localToScene(flow.getLayoutBounds());
        double headerBottom = header.localToScene(header.getLayoutBounds()).getMaxY();
        javafx.scene.control.TableRow<?> row = table().lookupAll(".table-row-cell").stream()
                .map(n -> (javafx.scene.control.TableRow<?>) n)
                .filter(r -> r.getIndex() == focused && r.isVisible()).findFirst()
                .orElseThrow(() -> new AssertionError(when + ": no row drawn for the focused index " + focused));
        javafx.geometry.Bounds b = row.localToScene(row.getLayoutBounds());
        assertThat(b.getMinY()).as(when + ": top of row " + focused).isGreaterThanOrEqualTo(Math.max(area.getMinY(), headerBottom) - 0.5);
        assertThat(b.getMaxY()).as(when + ": bottom of row " + focused).isLessThanOrEqualTo(area.getMaxY() + 0.5);
    }

    @Test
    void enterTabUpAndDownKeepTheEditedRowFullyInViewAt1024x700(FxRobot robot) throws Exception {
        robot.interact(() -> {
            window.stage().setWidth(1024);
            window.stage().setHeight(700);
        });
        openDevCopy(robot, "rw-r--r--");
        robot.interact(() -> {
            table().getSelectionModel().clearAndSelect(0);
            table().getFocusModel().focus(0, table().getVisibleLeafColumn(0));
            table().requestFocus();
        });
        for (int i = 0; i < 25; i++) {
            robot.type(KeyCode.ENTER); // edit
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(table().getEditingCell()).isNotNull();
            robot.type(KeyCode.ENTER); // commit, down a row
            WaitForAsyncUtils.waitForFxEvents();
            assertFocusedRowInView("Enter " + i);
        }
        for (int i = 0; i < 6; i++) {
            robot.type(KeyCode.TAB);
            WaitForAsyncUtils.waitForFxEvents();
            assertFocusedRowInView("Tab " + i);
        }
        for (int i = 0; i < 30; i++) {
            robot.type(KeyCode.UP);
            WaitForAsyncUtils.waitForFxEvents();
            assertFocusedRowInView("Up " + i);
        }
        for (int i = 0; i < 30; i++) {
            robot.type(KeyCode.DOWN);
            WaitForAsyncUtils.waitForFxEvents();
            assertFocusedRowInView("Down " + i);
        }
    }

    private static void copyFolder(Path from, Path to) throws java.io.IOException {
        try (var walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Files.copy(p, to.resolve(from.relativize(p).toString()));
            }
        }
    }

    @Test
    void sixTickedModelsAllHaveColumnsInReachAt1024x700(FxRobot robot) throws Exception {
        Path tiny = GuiFixtures.tinyModel().toAbsolutePath().normalize();
        List<String> ids = new java.util.ArrayList<>(List.of(CHAR, "baseline:jaccard"));
        for (String name : List.of("tiny-a", "tiny-b", "tiny-c", "tiny-d")) {
            Path copy = files.resolve(name);
            copyFolder(tiny, copy);
            ids.add(copy.toString());
        }
        robot.interact(() -> {
            window.stage().setWidth(1024);
            window.stage().setHeight(700);
        });
        waitForScores(window, 60, CHAR);
        robot.interact(() -> {
            vm().models().find("baseline:jaccard").orElseThrow().setSelected(true);
            ids.subList(2, 6).forEach(id -> vm().models().addModel(id));
        });
        for (String id : ids.subList(2, 6)) {
            WindowHarness.waitForReady(window, id, 60);
        }
        waitForScores(window, 120, ids.toArray(String[]::new));
        WaitForAsyncUtils.waitForFxEvents();

        double viewport = table().lookup(".clipped-container").getLayoutBounds().getWidth();
        double used = 0;
        for (javafx.scene.control.TableColumn<PairRow, ?> c : table().getVisibleLeafColumns()) {
            used += c.getWidth();
        }
        for (String id : ids) {
            List<javafx.scene.control.TableColumn<PairRow, ?>> own = table().getVisibleLeafColumns().stream()
                    .filter(c -> id.equals(c.getUserData())).toList();
            assertThat(own).as(id + " has columns").isNotEmpty();
            assertThat(own).allSatisfy(c -> assertThat(c.getWidth()).as(id + " " + c.getText())
                    .isGreaterThanOrEqualTo(c.getMinWidth() - 0.5).isGreaterThan(30));
        }
        javafx.scene.control.TableColumn<PairRow, ?> s1 = table().getVisibleLeafColumns().get(0);
        assertThat(s1.getWidth()).as("sentence 1 keeps room").isGreaterThanOrEqualTo(89.5);
        // Either everything is inside the viewport, or the table scrolls sideways to it.
        boolean scrolls = table().lookupAll(".scroll-bar").stream().anyMatch(n -> n instanceof javafx.scene.control.ScrollBar b
                && b.getOrientation() == javafx.geometry.Orientation.HORIZONTAL && b.isVisible());
        assertThat(used <= viewport + 1 || scrolls).as("used " + used + " of " + viewport + " px, scrolls " + scrolls).isTrue();
        assertThat(window.controller().pairs().fit()).isNotEqualTo(kr.sbert.workbench.gui.pairs.PairsController.Fit.FULL);
    }

    @Test
    void detailsFitTheScreenAndCopyAndScoreSaysWhenThereIsNothingToDo(FxRobot robot) throws Exception {
        waitForScores(window, 60, CHAR);
        robot.clickOn("Score");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm().status().infoProperty().get()).startsWith("Score: nothing to do").contains("up to date");

        String longReason = "x.tsv: " + "a very long reason that goes on and on ".repeat(40);
        robot.interact(() -> vm().status().report("saving x.tsv",
                new kr.sbert.workbench.core.InvalidInputException(longReason)));
        robot.clickOn("Details…");
        Button copy = waitForDialogButton(robot, kr.sbert.workbench.gui.status.StatusController.COPY);
        DialogPane pane = robot.lookup(".dialog-pane").queryAs(DialogPane.class);
        double screen = javafx.stage.Screen.getPrimary().getVisualBounds().getWidth();
        assertThat(pane.getScene().getWindow().getWidth()).isLessThanOrEqualTo(Math.min(800, screen));
        robot.clickOn(copy);
        WaitForAsyncUtils.waitForFxEvents();
        String copied = WaitForAsyncUtils.asyncFx(() -> javafx.scene.input.Clipboard.getSystemClipboard().getString()).get();
        assertThat(copied).startsWith("saving x.tsv: x.tsv: a very long reason").contains("kind of failure: bad input");
        assertThat(pane.getScene().getWindow().isShowing()).as("Copy keeps the dialog open").isTrue();
        robot.clickOn(waitForDialogButton(robot, "OK"));

        // The next action that works clears the error: here a gold edit, rescored.
        robot.interact(() -> vm().pairs().rows().get(0).goldProperty().set(3.3));
        waitForScores(window, 60, CHAR);
        waitUntil(10, "the error cleared", () -> vm().status().errorProperty().get().isEmpty());
    }

    @Test
    void aFolderThatIsNotAModelIsRefusedWithTheReasonAndNotAdded(FxRobot robot) throws Exception {
        waitForScores(window, 60, CHAR);
        Path notAModel = files.resolve("photos");
        Files.createDirectories(notAModel);
        Files.writeString(notAModel.resolve("holiday.txt"), "not a model");
        int before = vm().models().entries().size();
        robot.interact(() -> vm().models().addModel(notAModel.toString()));
        assertThat(vm().models().entries()).hasSize(before);
        assertThat(vm().status().errorProperty().get()).startsWith("adding a model: ")
                .contains("config.json: missing");
    }

    @Test
    void deltaAgainstHoldsAModelTheSliceSurvivesModelChangesAndANewFileClearsTheScatter(FxRobot robot) throws Exception {
        openDevCopy(robot, "rw-r--r--");
        robot.interact(() -> window.controller().showView("Metrics"));
        robot.interact(() -> vm().models().find("baseline:jaccard").orElseThrow().setSelected(true));
        waitForScores(window, 60, CHAR, "baseline:jaccard");
        @SuppressWarnings("unchecked")
        javafx.scene.control.ComboBox<String> reference = (javafx.scene.control.ComboBox<String>)
                robot.lookup(".combo-box").match((Node n) -> n.getId() != null && n.getId().equals("reference")).query();
        assertThat(reference.getValue()).as("Δ against in a first session").isEqualTo(CHAR);
        assertThat(vm().metrics().rows()).anySatisfy(r -> assertThat(r.difference()).isTrue());

        robot.interact(() -> {
            vm().slices().keyProperty().set("genre");
            vm().slices().sliceProperty().set("main-news");
        });
        waitUntil(30, "the slice measured", () -> vm().slices().summaryProperty().get().startsWith("genre = main-news"));
        robot.interact(() -> vm().models().find("baseline:jaccard").orElseThrow().setSelected(false));
        waitForScores(window, 60, CHAR);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm().slices().keyProperty().get()).isEqualTo("genre");
        assertThat(vm().slices().sliceProperty().get()).isEqualTo("main-news");
        @SuppressWarnings("unchecked")
        javafx.scene.control.ComboBox<String> sliceValue = (javafx.scene.control.ComboBox<String>)
                robot.lookup("#sliceValue").query();
        assertThat(sliceValue.getValue()).isEqualTo("main-news");

        // Another file: the old points go at once, before it is scored.
        Path other = files.resolve("other.tsv");
        Files.writeString(other, "sentence1\tsentence2\tscore\n가\t나\t1.0\n다\t라\t2.0\n", StandardCharsets.UTF_8);
        assertThat(vm().scatter().series()).isNotEmpty();
        robot.interact(() -> {
            try {
                vm().pairs().show(backend().readPairs(other));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            assertThat(vm().scatter().series()).as("scatter right after the open").isEmpty();
        });
    }

    @Test
    void theLayoutAndTabAreSavedAfterEachChangeAndDoubleClickingATabEnlargesTheViews(FxRobot robot) throws Exception {
        waitForScores(window, 60, CHAR);
        robot.interact(() -> window.controller().showView("Metrics"));
        waitUntil(10, "the layout saved", () -> {
            try {
                return new WorkspaceStore(config).load().map(w -> w.window() != null
                        && "Metrics".equals(w.window().activeView())).orElse(false);
            } catch (java.io.IOException e) {
                return false;
            }
        });
        robot.doubleClickOn(robot.lookup(".tab-pane .tab .tab-label").match((Node n) -> n instanceof javafx.scene.control.Label l
                && "Scatter".equals(l.getText())).queryAs(javafx.scene.control.Label.class));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.controller().viewsPaneEnlarged()).isTrue();
        waitUntil(10, "the enlarged split saved", () -> {
            try {
                return new WorkspaceStore(config).load().map(w -> w.window().dividers().get(1) < 0.2
                        && "Scatter".equals(w.window().activeView())).orElse(false);
            } catch (java.io.IOException e) {
                return false;
            }
        });
        robot.interact(() -> window.controller().toggleViewsPane());
        assertThat(window.controller().viewsPaneEnlarged()).isFalse();
    }

    @Test
    void afterARestartTheRowsGetTheirColumnsBackAndSavingStillKeepsThem(FxRobot robot) throws Exception {
        Path original = openDevCopy(robot, "rw-r--r--");
        robot.interact(() -> vm().pairs().rows().get(0).goldProperty().set(4.2));
        // As after kill -9: the autosaved workspace is all that is left (closing would save again).
        Path saved = config.resolve("workspace.json");
        Path kept = files.resolve("autosaved.json");
        waitUntil(10, "the edit autosaved", () -> {
            try {
                return Files.readString(saved).contains("4.2");
            } catch (java.io.IOException e) {
                return false;
            }
        });
        Files.copy(saved, kept);
        robot.interact(() -> {
            vm().pairs().dirtyProperty().set(false);
            window.stage().close();
        });
        Files.copy(kept, saved, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        robot.interact(() -> window = open(new Stage()));
        waitUntil(60, "the columns read again", () -> vm().pairs().sourceProperty().get() != null);
        assertThat(vm().pairs().rows().get(0).gold()).isEqualTo(4.2);
        assertThat(vm().pairs().rows().get(0).attributes()).containsEntry("genre", "main-captions");
        assertThat(vm().pairs().dirtyProperty().get()).isTrue();
        waitForScores(window, 120, CHAR);
        waitUntil(30, "genre offered for slicing", () -> vm().slices().keys().contains("genre"));

        window.controller().pairs().setSaveChooser(suggested -> suggested.toFile());
        ctrl(robot, KeyCode.Q);
        robot.clickOn(waitForDialogButton(robot, MainController.SAVE_AS));
        waitUntil(30, "the window to close", () -> !window.stage().isShowing());
        List<String> in = Files.readString(original).lines().toList();
        List<String> out = Files.readString(files.resolve("dev-copy-edited.tsv")).lines().toList();
        assertThat(out.get(1)).isEqualTo(in.get(1).replace("\t5.000\t", "\t4.200\t"));
        assertThat(out.subList(2, 1501)).isEqualTo(in.subList(2, 1501));
    }
}
