package kr.sbert.workbench.core.text;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 400 KorSTS / KLUE-STS sentences tokenized by transformers' slow BertTokenizer for three
 * checkpoint settings. All 400 are NFC (asserted), so the slow tokenizer's NFC step changes
 * nothing and the fast tokenizer must agree exactly, including the lower-casing trap.
 */
class KorStsKlueTokenizationTest {

    /** No truncation: the fixture holds untruncated ids. */
    private static final TokenizerSettings UNTRUNCATED = TokenizerSettings.of(4096, false);

    private static List<JsonObject> sentences;

    @BeforeAll
    static void read() throws Exception {
        sentences = new ArrayList<>();
        for (JsonElement e : Fixtures.json("fixtures/tokenization-korsts-klue.json").getAsJsonArray("sentences")) {
            sentences.add(e.getAsJsonObject());
        }
    }

    @Test
    void fixtureSentencesAreAllNfcAndAlreadyStripped() {
        assertThat(sentences).hasSize(400);
        assertThat(sentences).allSatisfy(s -> {
            String t = s.get("text").getAsString();
            assertThat(Normalizer.isNormalized(t, Normalizer.Form.NFC)).isTrue();
            assertThat(t.strip()).isEqualTo(t);
        });
    }

    @Test
    void v40kMatchesTheSlowTokenizer() throws Exception {
        try (HfTextTokenizer t = TokenizerLoader.load(Fixtures.v40kTransformer(), UNTRUNCATED)) {
            assertThat(t.lowercases()).isFalse();
            assertAll(t, "v40k");
        }
    }

    @Test
    void medium20kMatchesTheSlowTokenizer(@TempDir Path dir) throws Exception {
        Files.copy(Fixtures.shared().resolve("model-files/KR-BERT-MEDIUM/20000-vocab.txt"), dir.resolve("vocab.txt"));
        Files.writeString(dir.resolve("tokenizer_config.json"), "{\"do_lower_case\": false}");
        try (HfTextTokenizer t = TokenizerLoader.load(dir, UNTRUNCATED)) {
            assertThat(t.vocabSize()).isEqualTo(20000);
            assertAll(t, "medium20k");
        }
    }

    /**
     * do_lower_case true with strip_accents null: the normalizer strips accents, NFD splits each
     * syllable into jamo, and almost every Korean word becomes [UNK], as in HF.
     */
    @Test
    void v40kLowercaseShowsTheJamoTrapExactlyAsHf(@TempDir Path dir) throws Exception {
        Path src = Fixtures.v40kTransformer();
        Files.copy(src.resolve("vocab.txt"), dir.resolve("vocab.txt"));
        Files.copy(src.resolve("special_tokens_map.json"), dir.resolve("special_tokens_map.json"));
        JsonObject config = Fixtures.json("model-files/KR-SBERT-V40K-klueNLI-augSTS/0_Transformer/tokenizer_config.json");
        config.addProperty("do_lower_case", true);
        Files.writeString(dir.resolve("tokenizer_config.json"), config.toString());
        try (HfTextTokenizer t = TokenizerLoader.load(dir, UNTRUNCATED)) {
            assertThat(t.lowercases()).isTrue();
            assertAll(t, "v40k_lowercase");
            Encoding first = t.encode(sentences.get(0).get("text").getAsString());
            assertThat(first.wordTokens()).anyMatch(Token::unknown);
            assertThat(TextChecks.hasDecomposedHangul(t.whatTheModelSees("잠이 옵니다"))).isTrue();
        }
    }

    private static void assertAll(HfTextTokenizer tokenizer, String setting) {
        List<String> texts = sentences.stream().map(s -> s.get("text").getAsString()).toList();
        List<Encoding> encodings = tokenizer.encodeAll(texts);
        for (int i = 0; i < texts.size(); i++) {
            JsonObject expected = sentences.get(i).getAsJsonObject(setting);
            Encoding e = encodings.get(i);
            assertThat(e.pieces()).as("%s sentence %d: %s", setting, i, texts.get(i))
                    .isEqualTo(Fixtures.strings(expected.get("tokens")));
            assertThat(e.inputIds()).as("%s sentence %d", setting, i).isEqualTo(Fixtures.longs(expected.get("input_ids")));
        }
    }
}
