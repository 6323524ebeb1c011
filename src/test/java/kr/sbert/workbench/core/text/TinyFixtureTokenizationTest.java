package kr.sbert.workbench.core.text;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tiny checkpoint (vocab.txt + tokenizer_config.json, no tokenizer.json) against the
 * sentences transformers tokenized for it. The fixture was made with the slow Python
 * BertTokenizer, which NFC-normalises first; the fast tokenizer we reproduce does not, so the two
 * sentences that are not NFC (27: decomposed Hangul, 28: a compatibility ideograph) are checked
 * on their own, and all sentences match with the NFC setting on.
 */
class TinyFixtureTokenizationTest {

    /** The fixture sentences that change under NFC (asserted below, not assumed). */
    private static final Set<Integer> NOT_NFC = Set.of(27, 28);

    private static JsonObject fixture;
    private static List<JsonObject> sentences;
    private static HfTextTokenizer tokenizer;
    private static int maxSeqLength;

    @BeforeAll
    static void load() throws Exception {
        fixture = Fixtures.json("fixtures/tiny-kr-sbert.expected.json");
        sentences = new ArrayList<>();
        for (JsonElement e : fixture.getAsJsonArray("sentences")) {
            sentences.add(e.getAsJsonObject());
        }
        maxSeqLength = Fixtures.json("fixtures/tiny-kr-sbert/sentence_bert_config.json")
                .get("max_seq_length").getAsInt();
        tokenizer = TokenizerLoader.load(Fixtures.tinyModel(), TokenizerSettings.of(maxSeqLength, false));
    }

    @AfterAll
    static void close() {
        tokenizer.close();
    }

    private static String text(JsonObject s) {
        return s.get("text").getAsString();
    }

    private static int id(JsonObject s) {
        return s.get("id").getAsInt();
    }

    @Test
    void exactlySentences27And28AreNotNfc() {
        Set<Integer> notNfc = sentences.stream()
                .filter(s -> !Normalizer.isNormalized(text(s), Normalizer.Form.NFC))
                .map(TinyFixtureTokenizationTest::id).collect(Collectors.toSet());
        assertThat(notNfc).isEqualTo(NOT_NFC);
        assertThat(sentences).hasSize(32);
    }

    @Test
    void everyNfcSentenceMatchesTheFixture() {
        int checked = 0;
        for (JsonObject s : sentences) {
            if (NOT_NFC.contains(id(s))) {
                continue;
            }
            assertMatchesFixture(tokenizer.encode(text(s)), s);
            checked++;
        }
        assertThat(checked).isEqualTo(30);
    }

    @Test
    void nfcSettingReproducesTheSlowTokenizerOnAllSentences() throws Exception {
        try (HfTextTokenizer nfc = TokenizerLoader.load(Fixtures.tinyModel(),
                new TokenizerSettings(maxSeqLength, false, true))) {
            for (JsonObject s : sentences) {
                assertMatchesFixture(nfc.encode(text(s)), s);
            }
        }
    }

    @Test
    void batchEncodingEqualsOneByOne() {
        List<String> texts = sentences.stream().map(TinyFixtureTokenizationTest::text).toList();
        List<Encoding> batch = tokenizer.encodeAll(texts);
        assertThat(batch).hasSize(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            Encoding one = tokenizer.encode(texts.get(i));
            assertThat(batch.get(i).tokens()).isEqualTo(one.tokens());
            assertThat(batch.get(i).inputIds()).isEqualTo(one.inputIds());
        }
    }

    /**
     * Sentence 27 is "한국어 문장을 분해했습니다" in conjoining jamo. Without NFC the fast tokenizer
     * runs WordPiece on the jamo. The vocabulary holds only a handful of jamo pieces, so a
     * greedy longest-match over vocab.txt (written out here, independent of the library) fails
     * inside every word, and a word that cannot be fully matched becomes one [UNK].
     */
    @Test
    void decomposedHangulBecomesUnknownWordsWithoutNfc() throws Exception {
        JsonObject s = sentences.get(27);
        Map<String, Integer> vocab = TokenizerLoader.readVocab(Fixtures.tinyModel().resolve("vocab.txt"));
        List<String> expected = new ArrayList<>();
        for (String word : text(s).split(" ")) {
            expected.addAll(greedyWordPiece(word, vocab));
        }
        assertThat(expected).containsOnly("[UNK]").hasSize(3);

        Encoding e = tokenizer.encode(text(s));
        assertThat(e.pieces()).isEqualTo(expected);
        assertThat(e.wordTokens()).allMatch(Token::unknown);
        // Offsets still cover the decomposed words: 8, 9 and 15 chars.
        assertThat(e.wordTokens()).extracting(Token::start).containsExactly(0, 9, 19);
        assertThat(e.wordTokens()).extracting(Token::end).containsExactly(8, 18, 34);
    }

    /**
     * Sentence 28 starts with U+F902, a compatibility ideograph; NFC maps it to U+8ECA. The
     * vocabulary lists both as separate lines, so the fast tokenizer keeps U+F902's own id.
     */
    @Test
    void compatibilityIdeographKeepsItsOwnVocabIdWithoutNfc() throws Exception {
        JsonObject s = sentences.get(28);
        List<String> lines = Files.readAllLines(Fixtures.tinyModel().resolve("vocab.txt"), StandardCharsets.UTF_8);
        long compatId = lines.indexOf("\uF902");
        long unifiedId = lines.indexOf("\u8ECA");
        assertThat(compatId).isPositive().isNotEqualTo(unifiedId);

        List<String> expectedPieces = new ArrayList<>(Fixtures.strings(s.get("tokens")));
        assertThat(expectedPieces.get(0)).isEqualTo("\u8ECA");
        expectedPieces.set(0, "\uF902");
        long[] expectedIds = Fixtures.longs(s.get("input_ids"));
        assertThat(expectedIds[1]).isEqualTo(unifiedId);
        expectedIds[1] = compatId;

        Encoding e = tokenizer.encode(text(s));
        assertThat(e.pieces()).isEqualTo(expectedPieces);
        assertThat(e.inputIds()).isEqualTo(expectedIds);
    }

    @Test
    void truncationFollowsTheFixture() {
        int truncatedSentences = 0;
        long expectedTruncatedSentences = sentences.stream().filter(s -> s.get("truncated").getAsBoolean()).count();
        for (JsonObject s : sentences) {
            Encoding e = tokenizer.encode(text(s));
            boolean expected = s.get("truncated").getAsBoolean();
            assertThat(e.truncated()).as("sentence %d", id(s)).isEqualTo(expected);
            long[] untruncated = Fixtures.longs(s.get("input_ids_untruncated"));
            long flagged = e.tokens().stream().filter(Token::truncated).count();
            assertThat(flagged).isEqualTo(untruncated.length - Fixtures.longs(s.get("input_ids")).length);
            // Only pieces past maxSeqLength - 2 are flagged, never [CLS]/[SEP].
            List<Token> words = e.wordTokens();
            for (int i = 0; i < words.size(); i++) {
                assertThat(words.get(i).truncated()).isEqualTo(i >= maxSeqLength - 2);
            }
            assertThat(e.inputIds().length).isLessThanOrEqualTo(maxSeqLength);
            if (expected) {
                truncatedSentences++;
                assertThat(e.inputIds()).hasSize(maxSeqLength);
            }
        }
        assertThat(truncatedSentences).isEqualTo(expectedTruncatedSentences).isPositive();
    }

    @Test
    void offsetsPointAtTheTextOfEachPiece() {
        for (JsonObject s : sentences) {
            if (NOT_NFC.contains(id(s))) {
                continue;
            }
            String text = text(s);
            for (Token t : tokenizer.encode(text).tokens()) {
                if (t.special()) {
                    assertThat(t.start()).isEqualTo(-1);
                    assertThat(t.end()).isEqualTo(-1);
                } else if (!t.unknown()) {
                    String piece = t.continuation() ? t.piece().substring(2) : t.piece();
                    // The span covers the original text, including a zero-width space the
                    // normalizer dropped (sentence 26).
                    String covered = text.substring(t.start(), t.end()).replace("\u200b", "");
                    assertThat(covered).as("sentence %d", id(s)).isEqualTo(piece);
                }
            }
        }
    }

    private static void assertMatchesFixture(Encoding e, JsonObject s) {
        String what = "sentence " + id(s) + " " + text(s);
        assertThat(e.pieces()).as(what).isEqualTo(Fixtures.strings(s.get("tokens")));
        assertThat(e.inputIds()).as(what).isEqualTo(Fixtures.longs(s.get("input_ids")));
        assertThat(Fixtures.allIds(e)).as(what).isEqualTo(Fixtures.longs(s.get("input_ids_untruncated")));
        assertThat(e.truncated()).as(what).isEqualTo(s.get("truncated").getAsBoolean());
        assertThat(e.text()).isEqualTo(text(s));
    }

    /** Textbook greedy longest-match-first WordPiece on one whitespace-free, punctuation-free word. */
    private static List<String> greedyWordPiece(String word, Map<String, Integer> vocab) {
        List<String> out = new ArrayList<>();
        int[] cps = word.codePoints().toArray();
        int start = 0;
        while (start < cps.length) {
            String match = null;
            for (int end = cps.length; end > start; end--) {
                String sub = new String(cps, start, end - start);
                String candidate = start > 0 ? "##" + sub : sub;
                if (vocab.containsKey(candidate)) {
                    match = candidate;
                    start = end;
                    break;
                }
            }
            if (match == null) {
                return List.of("[UNK]");
            }
            out.add(match);
        }
        return out;
    }
}
