package kr.sbert.workbench.gui.window;

import static kr.sbert.workbench.gui.window.WindowHarness.waitForReady;
import static kr.sbert.workbench.gui.window.WindowHarness.waitForScores;
import static kr.sbert.workbench.gui.window.WindowHarness.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import javafx.stage.Stage;
import kr.sbert.workbench.core.explain.PairExplanation;
import kr.sbert.workbench.gui.GuiFixtures;
import kr.sbert.workbench.gui.WorkbenchWindow;
import kr.sbert.workbench.gui.main.WorkbenchViewModel;
import kr.sbert.workbench.gui.service.CoreBackend;
import kr.sbert.workbench.gui.task.FxTaskRunner;
import kr.sbert.workbench.gui.tokens.TokenChip;
import kr.sbert.workbench.gui.tokens.TokenRow;
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
 * Three kinds side by side in the window: BERT + WordPiece (tiny-kr-sbert), RoBERTa + KLUE-order
 * WordPiece (tiny-ko-sroberta) and XLM-R + SentencePiece Unigram (tiny-xlmr-unigram). All are
 * scored, explained, and the tokens view joins SentencePiece pieces into words as it joins
 * WordPiece's, outlining the words the vocabularies split differently.
 */
@ExtendWith(ApplicationExtension.class)
class EncoderFamiliesWindowTest {
    /** A fresh workspace per test: one test's ticked models must not come back in the next. */
    @TempDir
    Path config;
    @TempDir
    static Path models;
    private WorkbenchWindow window;
    private final String bert = GuiFixtures.tinyModel().toAbsolutePath().normalize().toString();
    private final String roberta = Fixtures.shared().resolve("fixtures/tiny-ko-sroberta").toAbsolutePath().normalize().toString();
    private final String xlmr = Fixtures.shared().resolve("fixtures/tiny-xlmr-unigram").toAbsolutePath().normalize().toString();

    @Start
    void start(Stage primary) {
        window = WorkbenchWindow.open(new Stage(), new CoreBackend(), new FxTaskRunner(2), new WorkspaceStore(config));
    }

    @AfterEach
    void closeWindow() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> window.stage().close()).get();
    }

    private kr.sbert.workbench.gui.main.MainController controller() {
        return window.controller();
    }

    @Test
    void threeKindsAreScoredExplainedAndTokenizedSideBySide(FxRobot robot) throws Exception {
        WorkbenchViewModel vm = window.viewModel();
        for (String m : List.of(bert, roberta, xlmr)) {
            robot.interact(() -> vm.models().addModel(m));
            waitForReady(window, m, 60);
        }
        waitForScores(window, 120, WorkbenchViewModel.DEFAULT_BASELINE, bert, roberta, xlmr);
        // each added model shows its kind under its state once loaded
        assertThat(vm.models().find(xlmr).orElseThrow().family()).isEqualTo("XLM-R · Unigram");
        assertThat(vm.models().find(roberta).orElseThrow().family()).isEqualTo("RoBERTa · WordPiece");

        robot.interact(() -> controller().pairs().table().getSelectionModel().select(0));
        waitUntil(60, "explanations of three models", () -> vm.explain().explanations().size() == 3);
        for (String m : List.of(bert, roberta, xlmr)) {
            PairExplanation e = vm.explain().of(m).orElseThrow();
            assertThat(java.util.Arrays.stream(e.shares().a()).sum()).as(m).isCloseTo(e.cosine(), within(1e-6));
        }

        robot.interact(() -> vm.tokens().textProperty().set("선로를 따라 내려가는 기차"));
        waitUntil(30, "token rows of three models", () -> vm.tokens().rows().stream()
                .filter(r -> List.of(bert, roberta, xlmr).contains(r.model())).count() == 3);
        TokenRow unigram = row(vm, xlmr);
        TokenRow wordPiece = row(vm, bert);
        // SentencePiece: ▁선로 + 를 make one word, drawn without the ▁ mark (the fixture's pieces)
        assertThat(labels(unigram)).contains(List.of("선로", "를"), List.of("따라"), List.of("내려가", "는"), List.of("기차"));
        assertThat(labels(wordPiece)).contains(List.of("선", "로를"), List.of("따라"));
        // 선로를 is split differently by the two vocabularies, 따라 is not
        assertThat(word(unigram, "선로").get(0).differing()).isTrue();
        assertThat(word(unigram, "따라").get(0).differing()).isFalse();
    }

    /**
     * Beside a model: cls pooling for a folder without modules.json, a prompt for the XLM-R model.
     * Each change reloads the model and the table's cosines become what the core gives with
     * the same choice.
     */
    @Test
    void poolingAndPromptChosenBesideAModelReloadItAndChangeItsScores(FxRobot robot) throws Exception {
        Path plain = models.resolve("no-modules");
        if (!java.nio.file.Files.exists(plain)) {
            Fixtures.copyModel(GuiFixtures.tinyModel(), plain, "modules.json");
        }
        String noModules = plain.toAbsolutePath().normalize().toString();
        WorkbenchViewModel vm = window.viewModel();
        for (String m : List.of(noModules, xlmr)) {
            robot.interact(() -> vm.models().addModel(m));
            waitForReady(window, m, 60);
        }
        waitForScores(window, 120, WorkbenchViewModel.DEFAULT_BASELINE, noModules, xlmr);
        var entry = vm.models().find(noModules).orElseThrow();
        javafx.scene.control.ListView<kr.sbert.workbench.gui.models.ModelEntry> list = robot.lookup("#modelList").queryListView();
        robot.interact(() -> list.getSelectionModel().select(entry));
        javafx.scene.control.ChoiceBox<?> pooling = robot.lookup("#poolingBox").queryAs(javafx.scene.control.ChoiceBox.class);
        assertThat(pooling.isDisabled()).as("no modules.json: pooling can be chosen").isFalse();

        robot.interact(() -> vm.models().setChoices(entry,
                new kr.sbert.workbench.gui.service.ModelChoices(kr.sbert.workbench.core.model.PoolingMode.CLS, null)));
        var xlmrEntry = vm.models().find(xlmr).orElseThrow();
        robot.interact(() -> vm.models().setChoices(xlmrEntry, new kr.sbert.workbench.gui.service.ModelChoices(null, "query: ")));
        waitForReady(window, noModules, 60);
        waitForReady(window, xlmr, 60);
        var result = waitForScores(window, 120, WorkbenchViewModel.DEFAULT_BASELINE, noModules, xlmr);
        assertThat(vm.models().find(xlmr).orElseThrow().loaded().info().orElseThrow().prompt()).isEqualTo("query: ");

        var row = result.rows().get(0);
        try (var cls = kr.sbert.workbench.core.model.SentenceTransformerModel.load(plain, "cls",
                kr.sbert.workbench.core.model.SentenceTransformerModel.Options.DEFAULT
                        .with(kr.sbert.workbench.core.model.PoolingMode.CLS, null));
             var prompted = kr.sbert.workbench.core.model.SentenceTransformerModel.load(Path.of(xlmr), "q",
                kr.sbert.workbench.core.model.SentenceTransformerModel.Options.DEFAULT
                        .with(null, kr.sbert.workbench.core.model.PromptChoice.text("query: ")))) {
            for (var m : List.of(java.util.Map.entry(noModules, cls), java.util.Map.entry(xlmr, prompted))) {
                float[][] e = m.getValue().encode(List.of(row.sentence1(), row.sentence2()));
                double want = kr.sbert.workbench.core.eval.SimilarityFunction.COSINE.apply(e[0], e[1]);
                assertThat(row.scores().get(m.getKey()).cosine()).as(m.getKey()).isCloseTo(want, within(1e-6));
            }
        }

        // the choices are the user's: a restart brings them back and loads the models with them
        WaitForAsyncUtils.asyncFx(() -> window.stage().close()).get();
        WaitForAsyncUtils.asyncFx(() -> window = WorkbenchWindow.open(new Stage(), new CoreBackend(),
                new FxTaskRunner(2), new WorkspaceStore(config))).get();
        waitForReady(window, noModules, 60);
        waitForReady(window, xlmr, 60);
        assertThat(window.viewModel().models().find(noModules).orElseThrow().loaded().info().orElseThrow().pooling())
                .containsExactly("cls");
        assertThat(window.viewModel().models().find(xlmr).orElseThrow().loaded().info().orElseThrow().prompt())
                .isEqualTo("query: ");
    }

    private static TokenRow row(WorkbenchViewModel vm, String model) {
        return vm.tokens().rows().stream().filter(r -> r.model().equals(model)).findFirst().orElseThrow();
    }

    private static List<List<String>> labels(TokenRow row) {
        return row.words().stream().map(w -> w.stream().map(TokenChip::label).toList()).toList();
    }

    private static List<TokenChip> word(TokenRow row, String firstLabel) {
        return row.words().stream().filter(w -> w.get(0).label().equals(firstLabel)).findFirst().orElseThrow();
    }
}
