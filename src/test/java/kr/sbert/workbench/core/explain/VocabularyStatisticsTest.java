package kr.sbert.workbench.core.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kr.sbert.workbench.core.text.Encoding;
import kr.sbert.workbench.core.text.TextTokenizer;
import kr.sbert.workbench.core.text.TokenizerLoader;
import kr.sbert.workbench.core.text.TokenizerSettings;
import kr.sbert.workbench.testing.Fixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Vocabulary statistics of the 400 KorSTS/KLUE-STS sentences of
 * {@code tokenization-korsts-klue.json}, recomputed here from the tokens transformers' slow
 * tokenizer wrote into that file, for V40K and KR-BERT-MEDIUM (20k).
 */
class VocabularyStatisticsTest {
    /** Small enough that some of the 400 sentences are cut. */
    private static final int MAX_SEQ_LENGTH = 32;

    private static List<JsonObject> sentences;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void read() {
        sentences = new ArrayList<>();
        for (JsonElement e : Fixtures.readJson(Fixtures.shared().resolve("fixtures/tokenization-korsts-klue.json"))
                .getAsJsonObject().getAsJsonArray("sentences")) {
            sentences.add(e.getAsJsonObject());
        }
    }

    private static Path v40k() {
        return Fixtures.shared().resolve("model-files/KR-SBERT-V40K-klueNLI-augSTS/0_Transformer");
    }

    private static Path medium() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("medium"));
        if (!Files.exists(dir.resolve("vocab.txt"))) {
            Files.copy(Fixtures.shared().resolve("model-files/KR-BERT-MEDIUM/20000-vocab.txt"), dir.resolve("vocab.txt"));
            Files.writeString(dir.resolve("tokenizer_config.json"), "{\"do_lower_case\": false}");
        }
        return dir;
    }

    private static List<Encoding> encode(Path folder) throws Exception {
        try (TextTokenizer t = TokenizerLoader.load(folder, TokenizerSettings.of(MAX_SEQ_LENGTH, false))) {
            return t.encodeAll(sentences.stream().map(s -> s.get("text").getAsString()).toList());
        }
    }

    @Test
    void v40kCountsEqualThoseOfTheFixtureTokens() throws Exception {
        assertCounts(VocabularyStatistics.of("v40k", encode(v40k()), MAX_SEQ_LENGTH, 1000), "v40k");
    }

    @Test
    void mediumCountsEqualThoseOfTheFixtureTokens() throws Exception {
        assertCounts(VocabularyStatistics.of("medium", encode(medium()), MAX_SEQ_LENGTH, 1000), "medium20k");
    }

    private static void assertCounts(VocabularyStats stats, String key) {
        int n = sentences.size();
        int[] per = new int[n];
        long tokens = 0;
        long unk = 0;
        long words = 0;
        long split = 0;
        long whitespace = 0;
        int truncated = 0;
        for (int s = 0; s < n; s++) {
            JsonObject side = sentences.get(s).getAsJsonObject(key);
            List<String> pieces = Fixtures.strings(side.getAsJsonArray("tokens"));
            per[s] = pieces.size();
            tokens += pieces.size();
            truncated += side.getAsJsonArray("input_ids").size() > MAX_SEQ_LENGTH ? 1 : 0;
            whitespace += sentences.get(s).get("text").getAsString().trim().split("\\s+").length;
            for (int i = 0; i < pieces.size(); i++) {
                unk += pieces.get(i).equals("[UNK]") ? 1 : 0;
                if (!pieces.get(i).startsWith("##")) {
                    words++;
                    split += i + 1 < pieces.size() && pieces.get(i + 1).startsWith("##") ? 1 : 0;
                }
            }
        }
        int[] sorted = per.clone();
        Arrays.sort(sorted);
        assertThat(stats.sentences()).isEqualTo(400);
        assertThat(stats.tokens()).isEqualTo(tokens);
        assertThat(stats.meanTokens()).isCloseTo((double) tokens / n, within(1e-12));
        assertThat(stats.p95Tokens()).isEqualTo(sorted[379]); // nearest rank: ceil(0.95 · 400) = 380th
        assertThat(stats.maxTokens()).isEqualTo(sorted[n - 1]);
        assertThat(stats.truncated()).isEqualTo(truncated).isPositive();
        assertThat(stats.unknownTokens()).isEqualTo(unk);
        assertThat(stats.topUnknownWords().stream().mapToLong(WordCount::count).sum()).isEqualTo(unk);
        assertThat(stats.words()).isEqualTo(words);
        assertThat(stats.splitWords()).isEqualTo(split);
        assertThat(stats.whitespaceWords()).isEqualTo(whitespace);
        assertThat(stats.fertility()).isCloseTo((double) tokens / whitespace, within(1e-12));
    }

    @Test
    void differencesListWordsTheVocabulariesSplitDifferentlyWithCounts() throws Exception {
        List<SplitDifference> diffs = VocabularyStatistics.differences(encode(v40k()), encode(medium()), 100_000);
        assertThat(diffs).isNotEmpty();
        // Recount from the fixture: every listed word's pieces and occurrences.
        Map<String, Integer> wordCount = new HashMap<>();
        Map<String, List<String>> piecesV40k = new HashMap<>();
        for (JsonObject s : sentences) {
            List<String> pieces = Fixtures.strings(s.getAsJsonObject("v40k").getAsJsonArray("tokens"));
            for (List<String> w : group(pieces)) {
                String text = String.join("", w.stream().map(p -> p.replaceFirst("^##", "")).toList());
                wordCount.merge(text, 1, Integer::sum);
                piecesV40k.putIfAbsent(text, w);
            }
        }
        for (SplitDifference d : diffs) {
            assertThat(d.piecesA()).isNotEqualTo(d.piecesB());
            if (!d.piecesA().contains("[UNK]")) {
                assertThat(d.count()).as(d.word()).isEqualTo(wordCount.get(d.word()));
                assertThat(d.piecesA()).as(d.word()).isEqualTo(piecesV40k.get(d.word()));
            }
        }
        for (int i = 1; i < diffs.size(); i++) {
            assertThat(diffs.get(i).pieceGap()).isLessThanOrEqualTo(diffs.get(i - 1).pieceGap());
        }
    }

    private static List<List<String>> group(List<String> pieces) {
        List<List<String>> words = new ArrayList<>();
        for (String p : pieces) {
            if (!p.startsWith("##") || words.isEmpty()) {
                words.add(new ArrayList<>());
            }
            words.get(words.size() - 1).add(p);
        }
        return words;
    }
}
