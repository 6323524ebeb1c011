package kr.sbert.workbench.gui.pairs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import kr.sbert.workbench.core.data.GoldField;
import kr.sbert.workbench.core.data.ReadOptions;
import kr.sbert.workbench.core.data.SentencePair;
import kr.sbert.workbench.core.data.StsReader;
import kr.sbert.workbench.gui.GuiFixtures;
import kr.sbert.workbench.gui.service.CoreBackend;
import kr.sbert.workbench.gui.status.StatusViewModel;
import kr.sbert.workbench.gui.task.SyncTaskRunner;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Open's options (KLUE gold field, skip bad rows) go to the core reader; errors clear on the next success. */
class OpenOptionsTest {
    @TempDir
    Path dir;
    private final SyncTaskRunner runner = new SyncTaskRunner();
    private final StatusViewModel status = new StatusViewModel(runner);
    private final PairsViewModel vm = new PairsViewModel(new CoreBackend(), runner, status);

    @Test
    void theKlueGoldFieldChosenIsTheGold() throws Exception {
        Path klue = GuiFixtures.shared().resolve("data/klue-sts/klue-sts-v1.1_dev.json");
        Assumptions.assumeTrue(Files.isRegularFile(klue), "../shared/data/klue-sts is absent");
        for (GoldField field : GoldField.values()) {
            vm.goldFieldProperty().set(field);
            vm.open(klue);
            List<SentencePair> expected = StsReader.read(klue, new ReadOptions(null, field, false)).pairs();
            assertThat(vm.rows()).hasSize(519).extracting(PairRow::gold)
                    .containsExactlyElementsOf(expected.stream().map(SentencePair::gold).toList());
        }
        // The first pair's three labels, as the file has them.
        assertThat(vm.rows().get(0).gold()).isEqualTo(1.0);
        vm.goldFieldProperty().set(GoldField.REAL_LABEL);
        vm.open(klue);
        assertThat(vm.rows().get(0).gold()).isEqualTo(4.857142857142857);
    }

    @Test
    void badRowsStopTheOpenUntilSkipBadRowsIsOnAndThenEverySkippedLineIsListed() throws Exception {
        Path file = dir.resolve("pairs.tsv");
        Files.writeString(file, "sentence1\tsentence2\tscore\n가\t나\t1.0\n다\t라\t높음\n마\t바\t2.0\n사\t\t3.0\n",
                StandardCharsets.UTF_8);
        vm.open(file);
        assertThat(vm.rows()).isEmpty();
        assertThat(status.errorProperty().get()).isEqualTo("opening pairs.tsv: " + file + ":3: score '높음' is not a number");

        vm.skipBadRowsProperty().set(true);
        vm.open(file);
        assertThat(vm.rows()).extracting(PairRow::sentence1).containsExactly("가", "마");
        assertThat(status.infoProperty().get()).contains("2 lines skipped", "skipped line 3: score '높음' is not a number",
                "skipped line 5: empty sentence2");
        assertThat(status.errorProperty().get()).isEmpty();
    }
}
