package kr.sbert.workbench.gui.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import kr.sbert.workbench.core.hub.FakeHub;
import kr.sbert.workbench.core.hub.HubSettings;
import kr.sbert.workbench.core.hub.ModelLocator;
import kr.sbert.workbench.core.text.Encoding;
import kr.sbert.workbench.core.text.TextTokenizer;
import kr.sbert.workbench.core.text.Token;
import kr.sbert.workbench.core.text.TokenizerLoader;
import kr.sbert.workbench.core.text.TokenizerSettings;
import kr.sbert.workbench.gui.GuiFixtures;
import kr.sbert.workbench.gui.main.WorkbenchViewModel;
import kr.sbert.workbench.gui.models.ModelState;
import kr.sbert.workbench.gui.service.CoreBackend;
import kr.sbert.workbench.gui.task.SyncTaskRunner;
import kr.sbert.workbench.gui.workspace.WorkspaceStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tokens before any download, on the real core: a first start offline with an empty hub cache
 * and a fresh workspace folder, and a tokenizer-only fetch from a real loopback hub.
 */
class TokenizerPreviewsTest {
    private static final String V40K = "snunlp/KR-SBERT-V40K-klueNLI-augSTS";
    private static final String MEDIUM = "snunlp/KR-SBERT-Medium-klueNLI-klueSTS";
    private static final String COMMIT = "89abcdef0123456789abcdef0123456789abcdef";

    @TempDir
    Path config;
    @TempDir
    Path cache;
    private WorkbenchViewModel vm;
    private FakeHub hub;

    private WorkbenchViewModel start(HubSettings settings) {
        WorkbenchViewModel v = new WorkbenchViewModel(new CoreBackend(new ModelLocator(settings)), new SyncTaskRunner(),
                new WorkspaceStore(config), Runnable::run);
        v.start();
        return v;
    }

    private HubSettings offline() {
        return HubSettings.fromEnvironment(Map.of("HF_HUB_CACHE", cache.toString(), "HF_HUB_OFFLINE", "1",
                "HOME", config.toString()));
    }

    @AfterEach
    void stop() {
        if (vm != null) {
            vm.tokenizerPreviews().close();
        }
        if (hub != null) {
            hub.close();
        }
    }

    /** V40K's tokens straight from the shared model files, the folder the KorSTS/KLUE tokenization test checks against Python. */
    private static Encoding referenceV40k(String text) throws Exception {
        Path dir = GuiFixtures.shared().resolve("model-files/KR-SBERT-V40K-klueNLI-augSTS/0_Transformer");
        try (TextTokenizer t = TokenizerLoader.load(dir, TokenizerSettings.of(128, false))) {
            return t.encode(text);
        }
    }

    @Test
    void firstStartOfflineWithAnEmptyCacheShowsTheV40kTokensOfTheSamplePairLabelledTokenizerOnly() throws Exception {
        vm = start(offline());

        String sentence = vm.pairs().rows().get(0).sentence1();
        assertThat(vm.tokens().textProperty().get()).isEqualTo(sentence);
        assertThat(vm.models().find(V40K).orElseThrow().state()).isEqualTo(ModelState.NOT_DOWNLOADED);
        TokenRow row = vm.tokens().rows().stream().filter(r -> r.model().equals(V40K)).findFirst().orElseThrow();
        assertThat(row.tokenizerOnly()).isTrue();
        assertThat(row.note()).startsWith(TokensViewModel.TOKENIZER_ONLY).contains("shipped with the workbench");
        Encoding expected = referenceV40k(sentence);
        assertThat(row.chips()).extracting(c -> c.token().piece())
                .containsExactlyElementsOf(expected.tokens().stream().map(Token::piece).toList());
        assertThat(row.chips()).extracting(c -> c.token().id())
                .containsExactlyElementsOf(expected.tokens().stream().map(Token::id).toList());
        assertThat(vm.tokenizerPreviews().shownIds()).containsExactly(V40K);
        // Medium is not shipped (no licence found for its files) and offline it cannot be fetched.
        assertThat(vm.tokenizerPreviews().fetchable()).contains(MEDIUM).doesNotContain(V40K);
        vm.tokenizerPreviews().fetch(MEDIUM);
        assertThat(vm.status().errorProperty().get()).contains("offline").contains(MEDIUM).doesNotContain("\n");
        assertThat(vm.tokenizerPreviews().fetchable()).contains(MEDIUM);
        assertThat(vm.status().errorProperty().get()).doesNotContain("Exception");
    }

    @Test
    void aDamagedCachedTokenizerIsOneLineAndTheOthersStillShow() throws Exception {
        Path snapshot = java.nio.file.Files.createDirectories(cache.resolve(
                "models--snunlp--KR-SBERT-Medium-klueNLI-klueSTS/snapshots/" + COMMIT));
        java.nio.file.Files.writeString(snapshot.resolve("vocab.txt"), "");
        Path refs = java.nio.file.Files.createDirectories(snapshot.getParent().getParent().resolve("refs"));
        java.nio.file.Files.writeString(refs.resolve("main"), COMMIT);

        vm = start(offline());

        assertThat(vm.tokenizerPreviews().shownIds()).containsExactly(V40K);
        assertThat(vm.status().errorProperty().get()).contains(MEDIUM).contains("vocab.txt").contains("empty vocabulary")
                .doesNotContain("\n").doesNotContain("Exception");
    }

    @Test
    void aCancelledFetchShowsNothingAndCanBeAskedForAgain() throws Exception {
        hub = new FakeHub();
        hub.serveFolder(MEDIUM, COMMIT, GuiFixtures.tinyModel());
        vm = start(new HubSettings(cache, hub.endpoint(), Optional.empty(), false));
        // Cancel as the status bar's Cancel does, once the first file is under way.
        vm.status().tasks().addListener((javafx.collections.ListChangeListener<kr.sbert.workbench.gui.task.TaskHandle>) c -> {
            while (c.next()) {
                c.getAddedSubList().forEach(h -> h.progressProperty().addListener((o, was, now) -> h.cancel()));
            }
        });

        vm.tokenizerPreviews().fetch(MEDIUM);

        assertThat(vm.tokenizerPreviews().shownIds()).containsExactly(V40K);
        assertThat(vm.tokenizerPreviews().fetchable()).contains(MEDIUM);
        assertThat(vm.status().infoProperty().get()).contains("cancelled").contains(MEDIUM);
        assertThat(vm.status().errorProperty().get()).isEmpty();
    }

    /** The loopback hub serves the tiny fixture (V40K vocabulary, max_seq_length 24) under the Medium id. */
    @Test
    void askingForAVariantsTokensFetchesItsTokenizerAloneAndARestartShowsItOffline() throws Exception {
        hub = new FakeHub();
        hub.serveFolder(MEDIUM, COMMIT, GuiFixtures.tinyModel());
        vm = start(new HubSettings(cache, hub.endpoint(), Optional.empty(), false));
        assertThat(hub.seen).isEmpty(); // nothing is fetched until asked for

        vm.tokenizerPreviews().fetch(MEDIUM);

        assertThat(hub.seen).isNotEmpty().noneMatch(s -> s.path().contains("model.safetensors")
                || s.path().contains("pytorch_model.bin") || s.host().equals("cdn"));
        assertThat(vm.tokenizerPreviews().shownIds()).containsExactly(V40K, MEDIUM);
        assertThat(vm.tokenizerPreviews().fetchable()).doesNotContain(MEDIUM);
        assertThat(vm.models().find(MEDIUM).orElseThrow().state()).isEqualTo(ModelState.NOT_DOWNLOADED);
        String text = GuiFixtures.expected(14).text(); // longer than the fixture's max_seq_length 24
        vm.tokens().textProperty().set(text);
        TokenRow row = vm.tokens().rows().stream().filter(r -> r.model().equals(MEDIUM)).findFirst().orElseThrow();
        assertThat(row.note()).startsWith(TokensViewModel.TOKENIZER_ONLY).contains(cache.toString());
        GuiFixtures.ExpectedSentence expected = GuiFixtures.expected(14);
        assertThat(row.chips().stream().filter(c -> !c.token().special()).map(c -> c.token().piece()))
                .containsExactlyElementsOf(expected.tokens());
        assertThat(row.chips().stream().filter(c -> !c.token().truncated()).map(c -> c.token().id()))
                .containsExactlyElementsOf(expected.inputIds());
        hub.close();
        vm.tokenizerPreviews().close();

        vm = start(offline());
        assertThat(vm.tokenizerPreviews().shownIds()).containsExactly(V40K, MEDIUM);
    }
}
