package kr.sbert.workbench.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import kr.sbert.workbench.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Words WordPiece can only call [UNK] are shrunk before a long text reaches the native library:
 * the tokens — pieces, ids, offsets in the original text — must be exactly those of the whole
 * text encoded as it is (compared here on texts the whole encode still affords).
 */
class GiantWordsTest {

    static List<String> texts() throws Exception {
        String base = LongTextTokenizationTest.korstsText(6_000);
        List<String> t = new ArrayList<>();
        t.add("가".repeat(30_000)); // one word, the whole text
        t.add("안녕 " + "가나다".repeat(5_000) + " 하세요 " + base); // a giant word between words
        t.add("가".repeat(8_000) + "," + "나".repeat(8_000) + " 끝 " + base); // two, split by punctuation
        t.add("A\u0301".repeat(6_000) + " " + base); // letters with combining marks (stripped when lower-casing)
        t.add("\u0301".repeat(10) + "B\u0301".repeat(3_000) + "\u0301 " + base); // marks at both edges
        t.add("Ab".repeat(600) + "\u0000" + "Cd".repeat(600) + " " + base); // a control character inside a word
        t.add("가".repeat(2_000) + "漢" + "가".repeat(2_000) + " " + base); // a CJK ideograph splits
        t.add(base + " " + "x".repeat(50_000)); // the giant word after what the model reads
        t.add("x".repeat(401) + " " + base); // barely longer than 4 × 101: kept as it is
        return t;
    }

    static void assertSameTokensAsTheWholeText(HfTextTokenizer tokenizer, int pieces) throws Exception {
        List<String> texts = texts();
        List<Encoding> fast = tokenizer.encodeAll(texts, pieces);
        for (int i = 0; i < texts.size(); i++) {
            Encoding whole = tokenizer.encode(texts.get(i));
            Encoding cut = fast.get(i);
            assertThat(cut.text()).isEqualTo(texts.get(i));
            assertThat(cut.inputIds()).as("ids of text %d", i).containsExactly(whole.inputIds());
            int n = cut.tokens().size() - 1; // [CLS] + the first pieces; the last is [SEP]
            assertThat(cut.tokens().subList(0, n)).as("tokens of text %d", i)
                    .isEqualTo(whole.tokens().subList(0, Math.min(n, whole.tokens().size())));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {24, 512})
    void tokensEqualTheWholeTextsOnTheV40kVocabulary(int maxSeqLength) throws Exception {
        try (HfTextTokenizer t = TokenizerLoader.load(LongTextTokenizationTest.V40K,
                new TokenizerSettings(maxSeqLength, false, false))) {
            assertSameTokensAsTheWholeText(t, maxSeqLength - 2);
        }
    }

    @Test
    void tokensEqualTheWholeTextsWithLowerCasingAndStrippedAccents(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        com.google.gson.JsonObject json = com.google.gson.JsonParser.parseString(
                TokenizerLoader.buildTokenizerJson(Fixtures.tinyModel())).getAsJsonObject();
        json.getAsJsonObject("normalizer").addProperty("lowercase", true); // strip_accents follows it
        java.nio.file.Files.writeString(dir.resolve("tokenizer.json"), json.toString());
        try (HfTextTokenizer t = TokenizerLoader.load(dir, new TokenizerSettings(64, false, false))) {
            assertThat(t.normalization().stripAccents()).isTrue();
            assertSameTokensAsTheWholeText(t, 62);
        }
    }

    @Test
    void onlyRunsFarLongerThanTheLimitAreShrunk() {
        assertThat(GiantWords.shrink("가".repeat(404), 100, false)).isNull();
        GiantWords g = GiantWords.shrink("ab " + "가".repeat(405) + " cd", 100, false);
        assertThat(g.shortText()).isEqualTo("ab " + "x".repeat(101) + " cd");
        // combining marks do not count: 500 marks on 50 letters are a 50-character word
        assertThat(GiantWords.shrink("a" + "\u0301".repeat(500) + "b".repeat(49), 100, false)).isNull();
        assertThat(GiantWords.safeWith(List.of("[CLS]", "<s>"))).isTrue();
        assertThat(GiantWords.safeWith(List.of("[CLS]", "xyz"))).isFalse();
    }
}
