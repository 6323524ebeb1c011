package kr.sbert.workbench.gui.window;

import static kr.sbert.workbench.gui.window.WindowHarness.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import kr.sbert.workbench.core.hub.FakeHub;
import kr.sbert.workbench.core.hub.HubSettings;
import kr.sbert.workbench.core.hub.ModelLocator;
import kr.sbert.workbench.core.text.TextTokenizer;
import kr.sbert.workbench.core.text.Token;
import kr.sbert.workbench.core.text.TokenizerLoader;
import kr.sbert.workbench.core.text.TokenizerSettings;
import kr.sbert.workbench.gui.GuiFixtures;
import kr.sbert.workbench.gui.WorkbenchWindow;
import kr.sbert.workbench.gui.models.ModelState;
import kr.sbert.workbench.gui.service.CoreBackend;
import kr.sbert.workbench.gui.task.FxTaskRunner;
import kr.sbert.workbench.gui.tokens.TokenChip;
import kr.sbert.workbench.gui.tokens.TokensViewModel;
import kr.sbert.workbench.gui.workspace.WorkspaceStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The whole window, headless, on a first start: empty hub cache, fresh workspace folder. Offline,
 * the tokens view shows V40K's tokens of the sample pair from the shipped tokenizer; online (a
 * loopback hub), a variant's tokenizer alone is fetched from the tokens view.
 */
@ExtendWith(ApplicationExtension.class)
class TokensBeforeDownloadWindowTest {
    private static final String V40K = "snunlp/KR-SBERT-V40K-klueNLI-augSTS";
    private static final String MEDIUM = "snunlp/KR-SBERT-Medium-klueNLI-klueSTS";

    @TempDir
    Path config;
    @TempDir
    Path cache;
    private WorkbenchWindow window;
    private FakeHub hub;

    @AfterEach
    void close() throws Exception {
        if (window != null) {
            WaitForAsyncUtils.asyncFx(() -> window.stage().close()).get();
        }
        if (hub != null) {
            hub.close();
        }
    }

    private void open(HubSettings settings) throws Exception {
        window = WaitForAsyncUtils.asyncFx(() -> WorkbenchWindow.open(new Stage(),
                new CoreBackend(new ModelLocator(settings)), new FxTaskRunner(2), new WorkspaceStore(config))).get();
    }

    private FlowPane chipsOf(FxRobot robot, String model) {
        waitUntil(60, "token chips of " + model, () -> robot.lookup(".token-chips")
                .match((Node n) -> model.equals(n.getUserData())).tryQuery().isPresent());
        return robot.lookup(".token-chips").match((Node n) -> model.equals(n.getUserData())).queryAs(FlowPane.class);
    }

    /** The note drawn above a row's chips. */
    private static Label noteOf(FxRobot robot, FlowPane chips) {
        return robot.from((VBox) chips.getParent()).lookup(".token-row-note").queryAs(Label.class);
    }

    @Test
    void firstStartOfflineShowsTheV40kTokensOfTheSamplePair(FxRobot robot) throws Exception {
        open(HubSettings.fromEnvironment(Map.of("HF_HUB_CACHE", cache.toString(), "HF_HUB_OFFLINE", "1",
                "HOME", config.toString())));

        FlowPane chips = chipsOf(robot, V40K);
        String sentence = window.viewModel().pairs().rows().get(0).sentence1();
        List<String> shown = robot.from(chips).lookup(".token").queryAll().stream()
                .map(n -> ((TokenChip) n.getUserData()).token().piece()).toList();
        Path shared = GuiFixtures.shared().resolve("model-files/KR-SBERT-V40K-klueNLI-augSTS/0_Transformer");
        try (TextTokenizer reference = TokenizerLoader.load(shared, TokenizerSettings.of(128, false))) {
            assertThat(shown).containsExactlyElementsOf(reference.encode(sentence).tokens().stream().map(Token::piece).toList());
        }
        Label note = noteOf(robot, chips);
        assertThat(note.isVisible()).isTrue();
        assertThat(note.getText()).startsWith(TokensViewModel.TOKENIZER_ONLY);
        assertThat(window.viewModel().models().find(V40K).orElseThrow().state()).isEqualTo(ModelState.NOT_DOWNLOADED);
    }

    @Test
    void theTokensViewFetchesAVariantsTokenizerAloneInTheBackground(FxRobot robot) throws Exception {
        hub = new FakeHub();
        hub.serveFolder(MEDIUM, "fedcba9876543210fedcba9876543210fedcba98", GuiFixtures.tinyModel());
        open(new HubSettings(cache, hub.endpoint(), Optional.empty(), false));
        chipsOf(robot, V40K);
        // The tokens view is a tab: bring it to the front so its fetch button can be clicked.
        robot.interact(() -> window.controller().showView("Tokens"));

        @SuppressWarnings("unchecked")
        ChoiceBox<String> choice = robot.lookup("#fetchChoice").queryAs(ChoiceBox.class);
        assertThat(choice.getItems()).contains(MEDIUM).doesNotContain(V40K);
        robot.interact(() -> choice.setValue(MEDIUM));
        robot.clickOn(robot.lookup("#fetchButton").queryAs(Button.class));

        FlowPane chips = chipsOf(robot, MEDIUM);
        assertThat(noteOf(robot, chips).getText()).startsWith(TokensViewModel.TOKENIZER_ONLY);
        assertThat(hub.seen).noneMatch(s -> s.path().contains("model.safetensors") || s.path().contains("pytorch_model.bin"));
        waitUntil(30, "the fetched variant leaves the choice", () -> !choice.getItems().contains(MEDIUM));
        assertThat(window.viewModel().models().find(MEDIUM).orElseThrow().state()).isEqualTo(ModelState.NOT_DOWNLOADED);
    }
}
