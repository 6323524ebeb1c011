package kr.sbert.workbench.gui.main;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import kr.sbert.workbench.core.data.ReadOptions;
import kr.sbert.workbench.core.data.SentencePair;
import kr.sbert.workbench.core.data.StsReader;
import kr.sbert.workbench.core.eval.Baselines;
import kr.sbert.workbench.core.eval.Calibration;
import kr.sbert.workbench.core.task.CancelToken;
import kr.sbert.workbench.core.task.ProgressListener;
import kr.sbert.workbench.gui.GuiFixtures;
import kr.sbert.workbench.gui.models.ModelEntry;
import kr.sbert.workbench.gui.models.ModelState;
import kr.sbert.workbench.gui.pairs.PairRow;
import kr.sbert.workbench.gui.pairs.QuickResult;
import kr.sbert.workbench.gui.scatter.YAxisMode;
import kr.sbert.workbench.gui.service.CoreBackend;
import kr.sbert.workbench.gui.task.SyncTaskRunner;
import kr.sbert.workbench.gui.workspace.WorkspaceStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The window's view model without a toolkit: synchronous tasks, the real core, a temporary workspace. */
class WorkbenchViewModelTest {
    private static final String BASELINE = WorkbenchViewModel.DEFAULT_BASELINE;

    @TempDir
    Path config;
    @TempDir
    Path files;
    private WorkbenchViewModel vm;
    private final String tiny = GuiFixtures.tinyModel().toAbsolutePath().normalize().toString();

    @BeforeEach
    void start() {
        vm = newViewModel();
        vm.start();
    }

    private WorkbenchViewModel newViewModel() {
        return new WorkbenchViewModel(new CoreBackend(), new SyncTaskRunner(), new WorkspaceStore(config), Runnable::run);
    }

    @AfterEach
    void close() {
        vm.models().entries().stream().filter(e -> e.loaded() != null).forEach(e -> e.loaded().close());
    }

    private static List<SentencePair> sample() throws Exception {
        return StsReader.read(Path.of(CoreBackend.SAMPLE), ReadOptions.defaults()).pairs();
    }

    @Test
    void firstStartScoresTheSampleWithTheDefaultBaseline() throws Exception {
        List<SentencePair> pairs = sample();
        ScoringResult r = vm.resultProperty().get();
        assertThat(vm.pairs().rows()).hasSize(pairs.size());
        assertThat(vm.models().selectedIds()).containsExactly(BASELINE);
        assertThat(r.evaluations()).singleElement().satisfies(ev -> {
            assertThat(ev.model()).isEqualTo(BASELINE);
            double[] expected = Baselines.byName(BASELINE).orElseThrow()
                    .score(pairs, ProgressListener.NONE, CancelToken.NONE);
            assertThat(ev.cosine()).containsExactly(expected, within(1e-12));
            assertThat(ev.metrics().n()).isEqualTo(pairs.size());
        });
        PairRow first = vm.pairs().rows().get(0);
        assertThat(first.scores().get(BASELINE).cosine()).isEqualTo(r.evaluations().get(0).cosine()[0]);
        assertThat(vm.scatter().series()).singleElement()
                .satisfies(s -> assertThat(s.points()).hasSize(pairs.size()));
        assertThat(vm.scatter().series().get(0).legend()).contains("Pearson").contains("Spearman");
        assertThat(vm.metrics().rows()).hasSize(1);
        assertThat(vm.pairs().dirtyProperty().get()).isFalse();
    }

    @Test
    void tickingAModelFolderLoadsItScoresAndComparesTheTwo() {
        ModelEntry entry = vm.models().addModel(tiny);
        assertThat(entry.state()).isEqualTo(ModelState.READY);
        assertThat(vm.resultProperty().get().evaluations()).extracting(e -> e.model()).containsExactly(BASELINE, tiny);
        assertThat(vm.resultProperty().get().difference()).isNotNull();
        assertThat(vm.metrics().rows()).hasSize(3);
        assertThat(vm.metrics().rows().get(2).label()).isEqualTo("Δ " + tiny + " − " + BASELINE);
        // (plus the shipped V40K tokenizer's row, labelled tokenizer only: that variant is not downloaded)
        assertThat(vm.tokens().rows()).filteredOn(r -> !r.tokenizerOnly()).extracting(r -> r.model()).containsExactly(tiny);
        assertThat(vm.pairs().rows().get(0).disagreement(BASELINE, tiny)).isNotNull();
        // Every fact the models panel promises, a local folder's (absent) revision included.
        assertThat(entry.factsProperty().get()).contains("base model: tiny-kr-sbert", "vocab size: 40000",
                "layers: 2", "hidden size: 32", "max_seq_length: 24", "pooling: mean", "weight file: model.safetensors",
                "revision: none (local folder)");
    }

    @Test
    void untickingAModelDropsItsScores() {
        vm.models().addModel(tiny);
        vm.models().find(tiny).orElseThrow().setSelected(false);
        assertThat(vm.resultProperty().get().evaluations()).extracting(e -> e.model()).containsExactly(BASELINE);
        assertThat(vm.pairs().rows().get(0).scores()).containsOnlyKeys(BASELINE);
    }

    @Test
    void aModelThatCannotLoadShowsOneLineAndItsDetails() throws Exception {
        // A model folder (config.json and all) without its weights: added, then fails to load.
        // (A folder that is no model at all is refused before it is added: see CurationWindowTest.)
        Path broken = files.resolve("not-a-model");
        Path tinyFolder = GuiFixtures.tinyModel();
        try (var walk = Files.walk(tinyFolder)) {
            for (Path p : walk.toList()) {
                String name = p.getFileName().toString();
                if (!name.equals("model.safetensors") && !name.equals("pytorch_model.bin")) {
                    Files.copy(p, broken.resolve(tinyFolder.relativize(p).toString()));
                }
            }
        }
        var scoredBefore = vm.resultProperty().get();
        ModelEntry entry = vm.models().addModel(broken.toString());
        // Nothing new can be scored: the pairs are not scored all over again.
        assertThat(vm.resultProperty().get()).isSameAs(scoredBefore);
        assertThat(entry.state()).isEqualTo(ModelState.ERROR);
        assertThat(entry.stateTextProperty().get()).startsWith("error: ").contains("not-a-model");
        assertThat(vm.status().errorProperty().get()).doesNotContain("\n").contains("not-a-model");
        // Details without a stack trace (no log file is set in this test).
        assertThat(vm.status().errorDetailsProperty().get()).contains("not-a-model").doesNotContain("\tat ");
        assertThat(vm.resultProperty().get().evaluations()).extracting(e -> e.model()).containsExactly(BASELINE);
    }

    @Test
    void editsMarkTheScoresStaleAndAreSavedAtOnce() throws Exception {
        vm.pairs().rows().add(new PairRow("새 문장", "다른 문장", 1.5));
        assertThat(vm.staleProperty().get()).isTrue();
        assertThat(vm.pairs().dirtyProperty().get()).isTrue();
        assertThat(new WorkspaceStore(config).load().orElseThrow().pairs())
                .last().satisfies(p -> assertThat(p.sentence1()).isEqualTo("새 문장"));
        vm.score();
        assertThat(vm.staleProperty().get()).isFalse();
        assertThat(vm.pairs().rows().get(vm.pairs().rows().size() - 1).scores()).containsKey(BASELINE);
    }

    @Test
    void aNewStartRestoresPairsAndModels() throws Exception {
        vm.models().addModel(tiny);
        vm.pairs().rows().get(0).sentence1Property().set("고친 문장");
        vm.pairs().rows().get(1).goldProperty().set(null);

        WorkbenchViewModel again = newViewModel();
        again.start();
        try {
            assertThat(again.pairs().rows()).hasSameSizeAs(vm.pairs().rows());
            assertThat(again.pairs().rows().get(0).sentence1()).isEqualTo("고친 문장");
            assertThat(again.pairs().rows().get(1).gold()).isNull();
            assertThat(again.models().selectedIds()).containsExactly(BASELINE, tiny);
            assertThat(again.models().find(tiny).orElseThrow().state()).isEqualTo(ModelState.READY);
            assertThat(again.resultProperty().get().evaluations()).hasSize(2);
        } finally {
            again.models().entries().stream().filter(e -> e.loaded() != null).forEach(e -> e.loaded().close());
        }
    }

    @Test
    void openingAFileOverUnsavedEditsAsksFirst() throws Exception {
        Path file = files.resolve("pairs.csv");
        Files.writeString(file, "sentence1,sentence2,score\n가방을 샀다,가방을 구매했다,4.5\n", StandardCharsets.UTF_8);
        vm.pairs().rows().add(new PairRow("지우면 안 되는 문장", "또 하나", null));
        List<String> asked = new java.util.ArrayList<>();
        vm.pairs().setConfirmDiscard(q -> {
            asked.add(q);
            return false;
        });
        vm.pairs().open(file);
        assertThat(asked).hasSize(1);
        assertThat(vm.pairs().rows().get(vm.pairs().rows().size() - 1).sentence1()).isEqualTo("지우면 안 되는 문장");

        vm.pairs().setConfirmDiscard(q -> true);
        vm.pairs().open(file);
        assertThat(vm.pairs().rows()).extracting(PairRow::sentence1).containsExactly("가방을 샀다");
        assertThat(vm.pairs().dirtyProperty().get()).isFalse();
        assertThat(vm.status().infoProperty().get()).contains("1 pairs", "UTF-8");
    }

    @Test
    void savedPairsReadBackEqual() throws Exception {
        Path out = files.resolve("saved.tsv");
        vm.pairs().rows().get(0).goldProperty().set(null);
        vm.pairs().save(out);
        List<SentencePair> back = StsReader.read(out, ReadOptions.defaults()).pairs();
        assertThat(back).extracting(SentencePair::sentence1)
                .containsExactlyElementsOf(vm.pairs().rows().stream().map(PairRow::sentence1).toList());
        assertThat(back.get(0).gold()).isNull();
        assertThat(back.get(1).gold()).isEqualTo(vm.pairs().rows().get(1).gold());
        assertThat(vm.pairs().dirtyProperty().get()).isFalse();
        assertThat(vm.pairs().openedFileProperty().get()).isEqualTo(out);
    }

    @Test
    void aCsvNameGetsCsvEvenWhenTheFileDialogAppendedTheTsvExtension() throws Exception {
        // GTK's save dialog appends the selected filter's extension: "pairs.csv" comes back as
        // "pairs.csv.tsv". The user asked for pairs.csv, in CSV.
        vm.pairs().save(files.resolve("pairs.csv.tsv"));
        Path csv = files.resolve("pairs.csv");
        assertThat(csv).exists();
        assertThat(files.resolve("pairs.csv.tsv")).doesNotExist();
        assertThat(Files.readAllLines(csv, StandardCharsets.UTF_8).get(1)).contains(",");
        assertThat(vm.pairs().openedFileProperty().get()).isEqualTo(csv);
        assertThat(StsReader.read(csv, ReadOptions.defaults()).pairs()).extracting(SentencePair::sentence1)
                .containsExactlyElementsOf(sample().stream().map(SentencePair::sentence1).toList());

        // A name without an extension is saved as TSV under name.tsv.
        vm.pairs().save(files.resolve("plain"));
        assertThat(files.resolve("plain.tsv")).exists();
    }

    @Test
    void quickCompareScoresOnePairWithEveryTickedModelOnTheTablesScale() throws Exception {
        vm.models().addModel(tiny);
        vm.pairs().quickSentence1Property().set("오늘 날씨가 좋다");
        vm.pairs().quickSentence2Property().set("날씨가 맑다");
        vm.pairs().quickCompare(vm.models().selectedReady(), vm.resultProperty().get());
        assertThat(vm.pairs().quickResults()).extracting(QuickResult::model).containsExactly(BASELINE, tiny);

        // char-ngram's IDF depends on the corpus: fitted on the table's sentences plus this pair.
        List<SentencePair> table = sample();
        List<SentencePair> withPair = new java.util.ArrayList<>(table);
        withPair.add(new SentencePair("오늘 날씨가 좋다", "날씨가 맑다", null, 0));
        double[] all = Baselines.byName(BASELINE).orElseThrow().score(withPair, ProgressListener.NONE, CancelToken.NONE);
        double cos = all[all.length - 1];
        // 0–5: the line the core's evaluator fits on all the table's gold pairs (what rows without gold get).
        double[] tableCos = Baselines.byName(BASELINE).orElseThrow().score(table, ProgressListener.NONE, CancelToken.NONE);
        var fit = kr.sbert.workbench.core.eval.Evaluator.standard().evaluate(BASELINE, table,
                kr.sbert.workbench.core.data.GoldScale.infer(table), 0, tableCos, null);
        double expected = Math.max(0, Math.min(5, fit.metric("calibration_slope") * cos + fit.metric("calibration_intercept")));
        QuickResult b = vm.pairs().quickResults().get(0);
        assertThat(b.cosine()).isEqualTo(cos);
        assertThat(b.scaled()).isCloseTo(expected, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(b.how()).isEqualTo("line fitted on the table's " + table.size() + " gold pairs");
        assertThat(b.basis()).startsWith("IDF fitted on the table's ").endsWith(" + 2 new sentences");
    }

    @Test
    void scatterShowsRawCosineOnRequestAndSelectsThePairOfAPoint() {
        double[] cos = vm.resultProperty().get().evaluations().get(0).cosine();
        double[] scaled = vm.resultProperty().get().evaluations().get(0).scaled();
        assertThat(vm.scatter().series().get(0).points().get(3).prediction()).isEqualTo(scaled[3]);
        vm.scatter().yModeProperty().set(YAxisMode.COSINE);
        assertThat(vm.scatter().series().get(0).points().get(3).prediction()).isEqualTo(cos[3]);
        vm.scatter().pointClicked(0, 3);
        assertThat(vm.pairs().selectedProperty().get()).isSameAs(vm.pairs().rows().get(3));
        assertThat(vm.tokens().textProperty().get()).isEqualTo(vm.pairs().rows().get(3).sentence1());
    }

    @Test
    void metricsExportAsCsvWithValueLowAndHighInNumericColumns() throws Exception {
        Path csv = files.resolve("metrics.csv");
        vm.metrics().exportCsv(csv);
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertThat(lines.get(0)).isEqualTo("model,reference,n,pearson_cosine,pearson_low,pearson_high,spearman_cosine,"
                + "spearman_low,spearman_high,f1_at_3,accuracy_at_3,mse_calibrated,mae_calibrated");
        assertThat(lines).hasSize(2);
        var m = vm.resultProperty().get().evaluations().get(0).metrics();
        String[] cells = lines.get(1).split(",");
        assertThat(cells[0]).isEqualTo(BASELINE);
        assertThat(cells[1]).isEmpty();
        assertThat(Integer.parseInt(cells[2])).isEqualTo(m.n());
        assertThat(Double.parseDouble(cells[3])).isEqualTo(m.pearson().value());
        assertThat(Double.parseDouble(cells[4])).isEqualTo(m.pearson().low());
        assertThat(Double.parseDouble(cells[5])).isEqualTo(m.pearson().high());
        assertThat(Double.parseDouble(cells[8])).isEqualTo(m.spearman().high());
        assertThat(Double.parseDouble(cells[12])).isEqualTo(m.mae());
    }

    @Test
    void metricsHaveOnePairedDifferencePerModelAgainstTheChosenReference() throws Exception {
        vm.models().addModel(tiny);
        vm.models().find("baseline:jaccard").orElseThrow().setSelected(true);
        List<String> models = vm.resultProperty().get().evaluations().stream().map(e -> e.model()).toList();
        assertThat(models).hasSize(3);
        assertThat(vm.metrics().rows()).hasSize(5);
        assertThat(vm.metrics().rows().subList(3, 5)).allSatisfy(r -> assertThat(r.reference()).isEqualTo(models.get(0)))
                .extracting(r -> r.model()).containsExactly(models.get(1), models.get(2));

        vm.metrics().referenceProperty().set(models.get(2));
        assertThat(vm.metrics().rows()).hasSize(5);
        var diff = vm.metrics().rows().get(3);
        assertThat(diff.model()).isEqualTo(models.get(0));
        assertThat(diff.reference()).isEqualTo(models.get(2));
        // The core's paired bootstrap of the same two cosine columns.
        List<SentencePair> pairs = sample();
        var expected = kr.sbert.workbench.core.eval.Evaluator.standard().compare(pairs,
                vm.resultProperty().get().evaluations().get(0).cosine(), vm.resultProperty().get().evaluations().get(2).cosine());
        assertThat(diff.spearman().value()).isEqualTo(expected.spearman());
        assertThat(diff.spearman().low()).isEqualTo(expected.spearmanInterval().lower());
        assertThat(diff.pearson().high()).isEqualTo(expected.pearsonInterval().upper());
    }

    @Test
    void aFolderThatDoesNotExistIsRefusedNotAdded() {
        Path missing = files.resolve("no-such-model");
        int before = vm.models().entries().size();
        assertThat(vm.models().addModel(missing.toString())).isNull();
        assertThat(vm.models().entries()).hasSize(before);
        assertThat(vm.status().errorProperty().get()).isEqualTo("adding a model: no such folder: " + missing);
        assertThat(vm.status().errorDetailsProperty().get()).doesNotContain("\tat ", "Exception");
    }
}
