package kr.sbert.workbench.core.text;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import kr.sbert.workbench.core.model.MalformedModelException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenizerLoaderTest {

    private static final TokenizerSettings SETTINGS = TokenizerSettings.of(128, false);

    /** A tokenizer-only folder: vocab.txt and tokenizer_config.json of the tiny checkpoint. */
    private static Path tokenizerOnly(Path dir) throws Exception {
        Files.copy(Fixtures.tinyModel().resolve("vocab.txt"), dir.resolve("vocab.txt"));
        Files.copy(Fixtures.tinyModel().resolve("tokenizer_config.json"), dir.resolve("tokenizer_config.json"));
        return dir;
    }

    private static List<String> fixtureTexts() throws Exception {
        List<String> texts = new ArrayList<>();
        Fixtures.json("fixtures/tiny-kr-sbert.expected.json").getAsJsonArray("sentences")
                .forEach(e -> texts.add(e.getAsJsonObject().get("text").getAsString()));
        return texts;
    }

    @Test
    void tokenizerOnlyFolderLoads(@TempDir Path dir) throws Exception {
        try (HfTextTokenizer t = TokenizerLoader.load(tokenizerOnly(dir), SETTINGS)) {
            List<String> vocab = Files.readAllLines(dir.resolve("vocab.txt"));
            assertThat(t.vocabSize()).isEqualTo(vocab.size());
            assertThat(t.padId()).isEqualTo(vocab.indexOf("[PAD]"));
            assertThat(t.unkId()).isEqualTo(vocab.indexOf("[UNK]"));
            assertThat(t.lowercases()).isFalse();
            assertThat(t.encode("잠이 옵니다").pieces()).isNotEmpty().doesNotContain("[UNK]");
        }
    }

    @Test
    void tokenizerJsonGivesTheSameAsTheVocabBuiltTokenizer(@TempDir Path dir) throws Exception {
        Path built = Files.createDirectory(dir.resolve("built"));
        Path json = Files.createDirectory(dir.resolve("json"));
        Files.writeString(json.resolve("tokenizer.json"), TokenizerLoader.buildTokenizerJson(Fixtures.tinyModel()));
        List<String> texts = fixtureTexts();
        try (HfTextTokenizer a = TokenizerLoader.load(tokenizerOnly(built), SETTINGS);
             HfTextTokenizer b = TokenizerLoader.load(json, SETTINGS)) {
            assertThat(b.vocabSize()).isEqualTo(a.vocabSize());
            assertThat(b.padId()).isEqualTo(a.padId());
            List<Encoding> ea = a.encodeAll(texts);
            List<Encoding> eb = b.encodeAll(texts);
            for (int i = 0; i < texts.size(); i++) {
                assertThat(eb.get(i).tokens()).isEqualTo(ea.get(i).tokens());
                assertThat(eb.get(i).inputIds()).isEqualTo(ea.get(i).inputIds());
            }
        }
    }

    /** vocab.txt as transformers reads it: universal newlines, id = line number, a repeat keeps its last id. */
    @Test
    void vocabLinesSplitAsReadAllLinesSplitsThem(@TempDir Path dir) throws Exception {
        String[] texts = {"[PAD]\n[UNK]\n한국\n##어\n", "[PAD]\r\n[UNK]\r\n\r\n한국", "[PAD]\r[UNK]\r\r\n##어\r",
                "a\nb\na\nc", "only", "\n\nx\n"};
        for (String text : texts) {
            Path file = dir.resolve("vocab.txt");
            Files.writeString(file, text);
            List<String> lines = Files.readAllLines(file);
            java.util.Map<String, Integer> expected = new java.util.LinkedHashMap<>();
            for (int i = 0; i < lines.size(); i++) {
                expected.put(lines.get(i), i);
            }
            assertThat(TokenizerLoader.readVocab(file)).as(text).containsExactlyEntriesOf(expected);
        }
        Files.writeString(dir.resolve("vocab.txt"), "");
        assertThatThrownBy(() -> TokenizerLoader.readVocab(dir.resolve("vocab.txt")))
                .hasMessageContaining("empty vocabulary");
    }

    /** The built tokenizer.json holds every vocab.txt line under model.vocab with its line number. */
    @Test
    void builtTokenizerJsonHoldsTheWholeVocabulary() throws Exception {
        JsonObject json = JsonParser.parseString(TokenizerLoader.buildTokenizerJson(Fixtures.tinyModel()))
                .getAsJsonObject();
        JsonObject model = json.getAsJsonObject("model");
        assertThat(model.get("type").getAsString()).isEqualTo("WordPiece");
        JsonObject vocab = model.getAsJsonObject("vocab");
        List<String> lines = Files.readAllLines(Fixtures.tinyModel().resolve("vocab.txt"));
        assertThat(vocab.size()).isEqualTo(new java.util.HashSet<>(lines).size());
        for (int i = 0; i < lines.size(); i++) {
            assertThat(vocab.get(lines.get(i)).getAsInt()).isEqualTo(lines.lastIndexOf(lines.get(i)));
        }
        assertThat(json.getAsJsonArray("added_tokens")).hasSize(5);
    }

    /** The vocabulary budget holds for vocab.txt and for tokenizer.json alike, before the native library is called. */
    @Test
    void vocabulariesOverTheEntryBudgetAreRefused(@TempDir Path dir) throws Exception {
        int n = kr.sbert.workbench.core.Limits.VOCAB_MAX_ENTRIES + 1;
        StringBuilder lines = new StringBuilder("[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\n");
        StringBuilder json = new StringBuilder("{\"model\":{\"type\":\"WordPiece\",\"unk_token\":\"[UNK]\",\"vocab\":{");
        for (int i = 0; i < n; i++) {
            if (i >= 5) {
                lines.append('w').append(i).append('\n');
            }
            json.append(i == 0 ? "" : ",").append("\"w").append(i).append("\":").append(i);
        }
        json.append("}}}");
        Path txt = Files.createDirectory(dir.resolve("txt"));
        Files.writeString(txt.resolve("vocab.txt"), lines);
        assertThatThrownBy(() -> TokenizerLoader.load(txt, SETTINGS))
                .isInstanceOf(MalformedModelException.class)
                .hasMessageContaining("vocab.txt: more than 1000000 entries");
        Path js = Files.createDirectory(dir.resolve("json"));
        Files.writeString(js.resolve("tokenizer.json"), json);
        assertThatThrownBy(() -> TokenizerLoader.load(js, SETTINGS))
                .isInstanceOf(MalformedModelException.class)
                .hasMessageContaining("tokenizer.json: model.vocab has more than 1000000 entries");
    }

    /** A tokenizer.json whose vocabulary is streamed still has every id checked, naming the entry. */
    @Test
    void tokenizerJsonVocabIdsAreChecked(@TempDir Path dir) throws Exception {
        JsonObject json = JsonParser.parseString(TokenizerLoader.buildTokenizerJson(Fixtures.tinyModel()))
                .getAsJsonObject();
        for (String bad : new String[] {"-1", "1.5", "\"7\"", "null", "1e3"}) {
            json.getAsJsonObject("model").getAsJsonObject("vocab").add("한국", JsonParser.parseString(bad));
            Files.writeString(dir.resolve("tokenizer.json"), json.toString());
            assertThatThrownBy(() -> TokenizerLoader.load(dir, SETTINGS)).as(bad)
                    .isInstanceOf(MalformedModelException.class)
                    .hasMessageContaining("tokenizer.json: model.vocab entry '한국' has id ")
                    .hasMessageContaining("(needs a non-negative integer)");
        }
        assertThatThrownBy(() -> {
            java.io.RandomAccessFile f = new java.io.RandomAccessFile(dir.resolve("tokenizer.json").toFile(), "rw");
            f.setLength((32L << 20) + 1);
            f.close();
            TokenizerLoader.load(dir, SETTINGS);
        }).isInstanceOf(MalformedModelException.class).hasMessageContaining("larger than the 32 MB");
    }

    /** Found by the hostile-input campaign: these reached the native library and aborted or hung the process. */
    @Test
    void whatTheNativeLibraryCannotSurviveIsRefusedFirst(@TempDir Path dir) throws Exception {
        JsonObject base = JsonParser.parseString(TokenizerLoader.buildTokenizerJson(Fixtures.tinyModel()))
                .getAsJsonObject();
        // [UNK] only among the added tokens: WordPiece panics (and the JVM aborts) on the first unknown word
        JsonObject noUnk = base.deepCopy();
        noUnk.getAsJsonObject("model").add("vocab", new JsonObject());
        Files.writeString(dir.resolve("tokenizer.json"), noUnk.toString());
        assertThatThrownBy(() -> TokenizerLoader.load(dir, SETTINGS))
                .isInstanceOf(MalformedModelException.class)
                .hasMessageContaining("tokenizer.json: unknown token [UNK] is not in the vocabulary");
        // a 1 MB added token: the native load runs for minutes
        JsonObject longAdded = base.deepCopy();
        longAdded.getAsJsonArray("added_tokens").get(4).getAsJsonObject().addProperty("content", "가".repeat(1_025));
        Files.writeString(dir.resolve("tokenizer.json"), longAdded.toString());
        assertThatThrownBy(() -> TokenizerLoader.load(dir, SETTINGS))
                .isInstanceOf(MalformedModelException.class)
                .hasMessageContaining("tokenizer.json: added_tokens[4] is 1025 characters long (limit 1024)");
    }

    /** The post-processor's [CLS]/[SEP] ids count as the tokenizer's ids (checked against the embedding rows). */
    @Test
    void postProcessorIdsCountAsTokenIds(@TempDir Path dir) throws Exception {
        JsonObject json = JsonParser.parseString(TokenizerLoader.buildTokenizerJson(Fixtures.tinyModel()))
                .getAsJsonObject();
        json.getAsJsonObject("post_processor").getAsJsonObject("special_tokens").getAsJsonObject("[SEP]")
                .add("ids", JsonParser.parseString("[99999]"));
        Files.writeString(dir.resolve("tokenizer.json"), json.toString());
        try (HfTextTokenizer t = TokenizerLoader.load(dir, SETTINGS)) {
            assertThat(t.maxTokenId()).isEqualTo(99_999);
        }
    }

    /** transformers' BertTokenizerFast rewrites the normalizer from tokenizer_config.json. */
    @Test
    void tokenizerConfigOverridesTheNormalizerOfTokenizerJson(@TempDir Path dir) throws Exception {
        JsonObject json = JsonParser.parseString(TokenizerLoader.buildTokenizerJson(Fixtures.tinyModel()))
                .getAsJsonObject();
        json.getAsJsonObject("normalizer").addProperty("lowercase", true);
        Files.writeString(dir.resolve("tokenizer.json"), json.toString());

        // Alone, the tokenizer.json lower-cases (and so strips accents).
        try (HfTextTokenizer t = TokenizerLoader.load(dir, SETTINGS)) {
            assertThat(t.lowercases()).isTrue();
            assertThat(t.normalization().stripAccents()).isTrue();
            assertThat(t.encode("한국어").pieces()).containsExactly("[UNK]");
        }
        // tokenizer_config.json's do_lower_case false wins, as in transformers.
        Files.writeString(dir.resolve("tokenizer_config.json"), "{\"do_lower_case\": false, \"strip_accents\": null}");
        try (HfTextTokenizer t = TokenizerLoader.load(dir, SETTINGS)) {
            assertThat(t.lowercases()).isFalse();
            assertThat(t.encode("한국어").pieces()).containsExactly("한국어");
        }
    }

    /** Unlike transformers (default true), silence about do_lower_case never lower-cases Korean. */
    @Test
    void vocabWithoutTokenizerConfigDoesNotLowerCase(@TempDir Path dir) throws Exception {
        Files.copy(Fixtures.tinyModel().resolve("vocab.txt"), dir.resolve("vocab.txt"));
        try (HfTextTokenizer t = TokenizerLoader.load(dir, SETTINGS)) {
            assertThat(t.lowercases()).isFalse();
            assertThat(t.encode("KR 한국어").pieces()).containsExactly("K", "##R", "한국어");
        }
    }

    @Test
    void missingVocabIsAOneLineErrorNamingTheFolder(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("tokenizer_config.json"), "{}");
        assertThatThrownBy(() -> TokenizerLoader.load(dir, SETTINGS))
                .isInstanceOf(MalformedModelException.class)
                .hasMessageContaining(dir.toString())
                .hasMessageContaining("vocab.txt")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void vocabWithoutUnknownTokenIsRefused(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("vocab.txt"), "[PAD]\n[CLS]\n[SEP]\n한국어\n");
        assertThatThrownBy(() -> TokenizerLoader.load(dir, SETTINGS))
                .isInstanceOf(MalformedModelException.class)
                .hasMessageContaining("[UNK]");
    }

    @Test
    void brokenTokenizerConfigNamesTheFile(@TempDir Path dir) throws Exception {
        Files.copy(Fixtures.tinyModel().resolve("vocab.txt"), dir.resolve("vocab.txt"));
        Files.writeString(dir.resolve("tokenizer_config.json"), "{\"do_lower_case\": ");
        assertThatThrownBy(() -> TokenizerLoader.load(dir, SETTINGS))
                .isInstanceOf(MalformedModelException.class)
                .hasMessageContaining("tokenizer_config.json");
    }

    @Test
    void nonWordPieceTokenizerJsonIsRefused(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("tokenizer.json"),
                "{\"model\": {\"type\": \"BPE\", \"vocab\": {}, \"merges\": []}}");
        assertThatThrownBy(() -> TokenizerLoader.load(dir, SETTINGS))
                .isInstanceOf(MalformedModelException.class)
                .hasMessageContaining("tokenizer.json")
                .hasMessageContaining("WordPiece");
    }
}
