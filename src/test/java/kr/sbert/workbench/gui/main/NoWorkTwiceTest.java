package kr.sbert.workbench.gui.main;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import kr.sbert.workbench.core.cache.CacheSettings;
import kr.sbert.workbench.core.cache.EmbeddingCache;
import kr.sbert.workbench.core.data.ReadOptions;
import kr.sbert.workbench.core.data.SentencePair;
import kr.sbert.workbench.core.data.StsReader;
import kr.sbert.workbench.core.hub.HubSettings;
import kr.sbert.workbench.core.hub.ModelLocator;
import kr.sbert.workbench.core.model.SentenceTransformerModel;
import kr.sbert.workbench.gui.GuiFixtures;
import kr.sbert.workbench.gui.models.ModelEntry;
import kr.sbert.workbench.gui.pairs.PairRow;
import kr.sbert.workbench.gui.service.CoreBackend;
import kr.sbert.workbench.gui.task.ManualTaskRunner;
import kr.sbert.workbench.gui.task.TaskRunner;
import kr.sbert.workbench.gui.workspace.WorkspaceStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8's acceptance: with KorSTS dev (1,500 pairs) scored by the tiny checkpoint, each
 * edit sends to the encoder only what it changed — counted at the encoder — and a restart
 * (new cache and backend on the same folder) encodes nothing.
 */
class NoWorkTwiceTest {
    @TempDir
    Path cacheDir;
    @TempDir
    Path config;
    private final String tiny = GuiFixtures.tinyModel().toAbsolutePath().normalize().toString();
    private final List<WorkbenchViewModel> opened = new ArrayList<>();

    private CoreBackend newBackend() {
        return new CoreBackend(new ModelLocator(HubSettings.fromSystem()),
                new EmbeddingCache(new CacheSettings(cacheDir, 1L << 30, 1L << 28)));
    }

    private WorkbenchViewModel newViewModel(CoreBackend backend, TaskRunner runner) {
        WorkbenchViewModel vm = new WorkbenchViewModel(backend, runner, new WorkspaceStore(config), Runnable::run);
        opened.add(vm);
        return vm;
    }

    @AfterEach
    void close() {
        for (WorkbenchViewModel vm : opened) {
            vm.models().entries().stream().filter(e -> e.loaded() != null).forEach(e -> e.loaded().close());
        }
    }

    private static Path dev() {
        return GuiFixtures.shared().resolve("data/korsts/sts-dev.tsv");
    }

    private static int distinctSentences(List<SentencePair> pairs) {
        Set<String> s = new LinkedHashSet<>();
        pairs.forEach(p -> {
            s.add(p.sentence1());
            s.add(p.sentence2());
        });
        return s.size();
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }

    @Test
    void eachEditEncodesOnlyWhatItChangedAndARestartEncodesNothing() throws Exception {
        List<SentencePair> devPairs = StsReader.read(dev(), ReadOptions.defaults()).pairs();
        assertThat(devPairs).hasSize(1500);
        CoreBackend backend = newBackend();
        ManualTaskRunner runner = new ManualTaskRunner();
        WorkbenchViewModel vm = newViewModel(backend, runner);
        vm.start();
        runner.runAll();
        // The tiny model alone (the lexical baseline re-fits on every sentence change: slow for a test).
        vm.models().find(WorkbenchViewModel.DEFAULT_BASELINE).orElseThrow().setSelected(false);
        vm.pairs().open(dev());
        runner.runAll();
        ModelEntry model = vm.models().addModel(tiny);
        runner.runAll();
        vm.score();
        runner.runAll();
        assertThat(vm.resultProperty().get().evaluations()).extracting(e -> e.model()).containsExactly(tiny);
        assertThat(vm.resultProperty().get().rows()).hasSize(1500);
        assertThat(backend.encodedSentences()).isEqualTo(distinctSentences(devPairs));

        // One sentence edited: one sentence encoded, and its pair's score is the model's.
        long before = backend.encodedSentences();
        PairRow first = vm.pairs().rows().get(0);
        first.sentence1Property().set("안전모를 쓴 두 남자가 노래를 부르고 있다.");
        vm.score();
        runner.runAll();
        assertThat(backend.encodedSentences() - before).isEqualTo(1);
        try (SentenceTransformerModel direct = SentenceTransformerModel.load(GuiFixtures.tinyModel())) {
            float[][] e = direct.encode(List.of(first.sentence1(), first.sentence2()));
            assertThat(first.scores().get(tiny).cosine()).isCloseTo(cosine(e[0], e[1]), within(1e-5));
        }

        // A gold edit: no scoring job, nothing encoded, the metrics follow the new gold.
        before = backend.encodedSentences();
        int tasks = runner.titles().size();
        double pearsonBefore = vm.resultProperty().get().evaluations().get(0).metrics().pearson().value();
        vm.pairs().rows().get(1).goldProperty().set(0.5);
        vm.score();
        assertThat(runner.queued()).isEqualTo(1); // metrics are computed in the background
        runner.runAll();
        assertThat(runner.titles().subList(tasks, runner.titles().size()))
                .singleElement().satisfies(t -> assertThat(t).startsWith("Updating metrics"));
        assertThat(backend.encodedSentences() - before).isZero();
        assertThat(vm.resultProperty().get().gold()[1]).isEqualTo(0.5);
        assertThat(vm.resultProperty().get().evaluations().get(0).metrics().pearson().value())
                .isNotEqualTo(pearsonBefore);

        // An empty row, then one with only a first sentence: no work at all, no score, not counted.
        before = backend.encodedSentences();
        tasks = runner.titles().size();
        PairRow added = vm.pairs().addRow();
        vm.score();
        assertThat(runner.titles()).hasSize(tasks);
        assertThat(vm.status().infoProperty().get()).startsWith("1500 pairs (1 row lacks a sentence: not scored)");
        runner.runAll();
        added.sentence1Property().set("문장 하나만 있다.");
        vm.score();
        runner.runAll();
        assertThat(backend.encodedSentences() - before).isZero();
        assertThat(added.scores()).isEmpty();
        assertThat(vm.resultProperty().get().rows()).hasSize(1500).doesNotContain(added);
        assertThat(vm.resultProperty().get().evaluations().get(0).metrics().n()).isEqualTo(1500);
        assertThat(vm.status().infoProperty().get()).startsWith("1500 pairs (1 row lacks a sentence");

        // Unticking and re-ticking the model: nothing encoded.
        before = backend.encodedSentences();
        model.setSelected(false);
        runner.runAll();
        model.setSelected(true);
        runner.runAll();
        assertThat(backend.encodedSentences() - before).isZero();
        assertThat(vm.resultProperty().get().evaluations()).extracting(e -> e.model()).contains(tiny);

        // A restart: new cache and backend on the same folders; the workspace comes back scored.
        CoreBackend again = newBackend();
        ManualTaskRunner runner2 = new ManualTaskRunner();
        WorkbenchViewModel vm2 = newViewModel(again, runner2);
        vm2.start();
        runner2.runAll();
        vm2.score();
        runner2.runAll();
        assertThat(vm2.resultProperty().get().evaluations()).extracting(e -> e.model()).contains(tiny);
        assertThat(vm2.pairs().rows().get(0).scores().get(tiny).cosine())
                .isEqualTo(first.scores().get(tiny).cosine());
        // ... and reopening the file encodes nothing either.
        vm2.pairs().open(dev());
        runner2.runAll();
        vm2.score();
        runner2.runAll();
        assertThat(vm2.resultProperty().get().rows()).hasSize(1500);
        assertThat(again.encodedSentences()).isZero();
    }

    @Test
    void aBurstOfGoldEditsGivesOneResultTheLatest() {
        ManualTaskRunner runner = new ManualTaskRunner();
        WorkbenchViewModel vm = newViewModel(newBackend(), runner);
        vm.start();
        runner.runAll();
        List<ScoringResult> shown = new ArrayList<>();
        vm.resultProperty().addListener((o, was, now) -> shown.add(now));
        PairRow row = vm.pairs().rows().get(0);
        for (double g : new double[] {1.0, 2.0, 3.0}) {
            row.goldProperty().set(g);
            vm.score();
        }
        assertThat(runner.queued()).isEqualTo(1); // the other two wait for it, coalesced into one
        runner.runAll();
        assertThat(shown).singleElement().satisfies(r -> assertThat(r.gold()[0]).isEqualTo(3.0));
        assertThat(runner.titles()).filteredOn(t -> t.startsWith("Scoring")).hasSize(1); // the start only
    }

    @Test
    void aCancelledRunSaysSoAndMarksTheModelsItDidNotScore() {
        ManualTaskRunner runner = new ManualTaskRunner();
        CoreBackend backend = newBackend();
        WorkbenchViewModel vm = newViewModel(backend, runner);
        vm.start();
        runner.runAll();
        ModelEntry model = vm.models().addModel(tiny);
        // The load ran; its selection change queued the scoring run: cancel it before it starts.
        runner.runAll();
        vm.pairs().rows().get(0).sentence1Property().set("새로 쓴 문장");
        vm.score();
        vm.scoringTask().orElseThrow().cancel();
        runner.runAll();
        assertThat(vm.notScoredModels()).contains(tiny);
        assertThat(vm.status().infoProperty().get()).contains("scoring cancelled").contains(tiny).contains("Score");
        assertThat(model.stateTextProperty().get()).contains("not scored");
        assertThat(vm.pairs().rows().get(0).scores()).doesNotContainKey(tiny);

        vm.score(); // the Score button
        runner.runAll();
        assertThat(vm.notScoredModels()).isEmpty();
        assertThat(model.stateTextProperty().get()).isEqualTo("ready");
        assertThat(vm.pairs().rows().get(0).scores()).containsKey(tiny);
    }
}
