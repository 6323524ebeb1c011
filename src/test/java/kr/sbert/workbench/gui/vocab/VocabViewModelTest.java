package kr.sbert.workbench.gui.vocab;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import kr.sbert.workbench.core.data.ReadOptions;
import kr.sbert.workbench.core.data.SentencePair;
import kr.sbert.workbench.core.data.StsReader;
import kr.sbert.workbench.core.text.TextTokenizer;
import kr.sbert.workbench.core.text.Token;
import kr.sbert.workbench.core.text.TokenizerLoader;
import kr.sbert.workbench.core.text.TokenizerSettings;
import kr.sbert.workbench.gui.GuiFixtures;
import kr.sbert.workbench.gui.status.StatusViewModel;
import kr.sbert.workbench.gui.task.SyncTaskRunner;
import org.junit.jupiter.api.Test;

/** The vocabulary view's rows for the sample pairs, against counts made here from the tokenizer's output. */
class VocabViewModelTest {

    @Test
    void rowsHoldEachModelsStatisticsOfTheDistinctSentences() throws Exception {
        SyncTaskRunner runner = new SyncTaskRunner();
        VocabViewModel vm = new VocabViewModel(runner, new StatusViewModel(runner));
        List<SentencePair> pairs = StsReader.read(Path.of("sample-data/korean-sts-sample.tsv"), ReadOptions.defaults()).pairs();
        Path v40k = GuiFixtures.shared().resolve("model-files/KR-SBERT-V40K-klueNLI-augSTS/0_Transformer");
        try (TextTokenizer a = TokenizerLoader.load(v40k, TokenizerSettings.of(128, false));
             TextTokenizer b = TokenizerLoader.load(GuiFixtures.tinyModel(), TokenizerSettings.of(24, false))) {
            Map<String, TextTokenizer> tokenizers = new LinkedHashMap<>();
            tokenizers.put("v40k", a);
            tokenizers.put("tiny", b);
            vm.compute(pairs, tokenizers);

            LinkedHashSet<String> distinct = new LinkedHashSet<>();
            pairs.forEach(p -> {
                distinct.add(p.sentence1());
                distinct.add(p.sentence2());
            });
            int truncatedTiny = 0;
            long tokens = 0;
            for (String s : new ArrayList<>(distinct)) {
                tokens += a.encode(s).wordTokens().size();
                truncatedTiny += b.encode(s).tokens().stream().anyMatch(Token::truncated) ? 1 : 0;
            }
            assertThat(vm.models()).containsExactly("v40k", "tiny");
            assertThat(vm.rows().get(0).statistic()).isEqualTo("sentences");
            assertThat(vm.rows().get(0).values()).containsExactly(Integer.toString(distinct.size()), Integer.toString(distinct.size()));
            VocabRow truncated = vm.rows().stream().filter(r -> r.statistic().startsWith("truncated")).findFirst().orElseThrow();
            assertThat(truncated.values()).containsExactly("0 (max_seq_length 128)", truncatedTiny + " (max_seq_length 24)");
            VocabRow unk = vm.rows().stream().filter(r -> r.statistic().equals("[UNK] rate")).findFirst().orElseThrow();
            assertThat(unk.values().get(0)).endsWith(" of " + tokens + ")");
            // Same vocabulary (the tiny model has V40K's vocab.txt): no word is split differently.
            assertThat(vm.differences()).isEmpty();
        }
    }
}
