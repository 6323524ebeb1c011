package kr.sbert.workbench.core.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import kr.sbert.workbench.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The model reads only the prefix of a long text that {@code max_seq_length} needs
 * ({@link HfTextTokenizer#modelInputIds}); the ids must be exactly those the real tokenizer gives
 * for the whole text, whatever lies at the cut: words, an added token such as {@code [MASK]},
 * punctuation without spaces, long runs of whitespace.
 */
class LongTextTokenizationTest {
    static final Path V40K = Fixtures.shared().resolve("model-files/KR-SBERT-V40K-klueNLI-augSTS/0_Transformer");

    static String korstsText(int chars) throws Exception {
        StringBuilder sb = new StringBuilder();
        for (String line : Files.readAllLines(Fixtures.shared().resolve("data/korsts/sts-test.tsv"), StandardCharsets.UTF_8)) {
            String[] f = line.split("\t");
            if (f.length >= 7) {
                sb.append(f[5]).append(' ');
            }
            if (sb.length() >= chars) {
                break;
            }
        }
        return sb.toString();
    }

    static List<String> hostileTexts() throws Exception {
        String base = korstsText(20_000);
        List<String> texts = new ArrayList<>();
        texts.add(base);
        texts.add("[MASK]".repeat(2_000) + " " + base); // added tokens straddling every cut
        texts.add("가.".repeat(10_000)); // punctuation, no whitespace
        texts.add(" ".repeat(20_000) + base); // whitespace first: nothing to count for a long way
        texts.add("x".repeat(20_000) + " " + base); // one word longer than max_input_chars_per_word
        texts.add(base.replace(' ', '\u3000')); // ideographic spaces
        texts.add("짧은 문장"); // short texts keep the batch path
        return texts;
    }

    static void assertSameIdsAsTheWholeText(HfTextTokenizer t) throws Exception {
        List<String> texts = hostileTexts();
        List<long[]> fast = t.modelInputIds(texts);
        for (int i = 0; i < texts.size(); i++) {
            assertThat(fast.get(i)).as("text %d", i).containsExactly(t.encode(texts.get(i)).inputIds());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {24, 512})
    void prefixIdsEqualWholeTextIdsOnV40kVocabulary(int maxSeqLength) throws Exception {
        assumeTrue(Files.isDirectory(V40K), "V40K model files are not in ../shared");
        try (HfTextTokenizer t = TokenizerLoader.load(V40K, new TokenizerSettings(maxSeqLength, false, false))) {
            assertSameIdsAsTheWholeText(t);
        }
    }

    @Test
    void prefixIdsEqualWholeTextIdsOnTheTinyFixtureWithLowerCasing() throws Exception {
        try (HfTextTokenizer t = TokenizerLoader.load(Fixtures.tinyModel(), new TokenizerSettings(24, true, true))) {
            assertSameIdsAsTheWholeText(t);
        }
    }

    @Test
    void tokenizeListsTheWholeTextsFirstPiecesWhenCut() throws Exception {
        String text = korstsText(200_000);
        try (HfTextTokenizer t = TokenizerLoader.load(Fixtures.tinyModel(), new TokenizerSettings(24, false, false))) {
            Encoding whole = t.encode(text);
            Encoding cut = t.encodeAll(List.of(text), 2_000).get(0);
            assertThat(whole.wordTokens()).hasSizeGreaterThan(2_000);
            assertThat(cut.wordTokens()).containsExactlyElementsOf(whole.wordTokens().subList(0, 2_000));
            assertThat(cut.inputIds()).containsExactly(whole.inputIds());
            assertThat(cut.truncated()).isTrue();
        }
    }
}
