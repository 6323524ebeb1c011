package kr.sbert.workbench.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import kr.sbert.workbench.core.hub.BundledTokenizers;
import kr.sbert.workbench.core.text.Encoding;
import kr.sbert.workbench.core.text.HfTextTokenizer;
import kr.sbert.workbench.core.text.TextTokenizer;
import kr.sbert.workbench.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tokenizer of a folder without weights is the model's tokenizer: same folder rules, same
 * max_seq_length and lower-casing, same tokens as transformers' BertTokenizer.
 */
class ModelTokenizerTest {
    private static final String V40K = "snunlp/KR-SBERT-V40K-klueNLI-augSTS";

    /** The 400 KorSTS/KLUE sentences against the slow BertTokenizer's output for V40K (none exceeds 128 tokens). */
    @Test
    void shippedV40kTokenizerGivesTheSlowTokenizersTokensOnKorStsAndKlue() throws Exception {
        Path shipped = BundledTokenizers.folder(V40K).orElseThrow();
        JsonObject fixture = Fixtures.readJson(Fixtures.shared().resolve("fixtures/tokenization-korsts-klue.json"))
                .getAsJsonObject();
        List<String> texts = new ArrayList<>();
        List<JsonObject> expected = new ArrayList<>();
        for (JsonElement e : fixture.getAsJsonArray("sentences")) {
            texts.add(e.getAsJsonObject().get("text").getAsString());
            expected.add(e.getAsJsonObject().getAsJsonObject("v40k"));
        }
        assertThat(texts).hasSize(400);
        try (HfTextTokenizer t = ModelTokenizer.load(shipped, false)) {
            assertThat(t.maxSeqLength()).isEqualTo(128); // 0_Transformer/sentence_bert_config.json
            assertThat(t.vocabSize()).isEqualTo(40_000);
            assertThat(t.lowercases()).isFalse();
            List<Encoding> got = t.encodeAll(texts);
            for (int i = 0; i < texts.size(); i++) {
                JsonObject want = expected.get(i);
                assertThat(got.get(i).pieces()).as("sentence %d: %s", i, texts.get(i))
                        .isEqualTo(strings(want.get("tokens")));
                assertThat(got.get(i).inputIds()).as("sentence %d", i).isEqualTo(longs(want.get("input_ids")));
                assertThat(got.get(i).truncated()).isFalse();
            }
        }
    }

    @Test
    void shippedFilesAreTheLicensedV40kFilesAndNoWeights() throws Exception {
        Path shipped = BundledTokenizers.folder(V40K).orElseThrow();
        Path source = Fixtures.shared().resolve("model-files/KR-SBERT-V40K-klueNLI-augSTS");
        List<String> files;
        try (Stream<Path> s = Files.walk(shipped)) {
            files = s.filter(Files::isRegularFile).map(p -> shipped.relativize(p).toString()).sorted().toList();
        }
        assertThat(files).containsExactly("0_Transformer/config.json", "0_Transformer/sentence_bert_config.json",
                "0_Transformer/special_tokens_map.json", "0_Transformer/tokenizer_config.json", "0_Transformer/vocab.txt",
                "1_Pooling/config.json", "LICENSE", "README.md", "config.json", "modules.json");
        for (String f : files) {
            if (!f.equals("README.md")) {
                assertThat(Files.readAllBytes(shipped.resolve(f))).as(f).isEqualTo(Files.readAllBytes(source.resolve(f)));
            }
        }
        assertThat(Files.readString(shipped.resolve("LICENSE"))).startsWith("MIT License");
        assertThat(BundledTokenizers.isBundled(shipped)).isTrue();
        assertThat(BundledTokenizers.folder("snunlp/KR-SBERT-Medium-klueNLI-klueSTS")).isEmpty();
    }

    /**
     * The tiny checkpoint without its weights: max_seq_length 24 comes from its
     * sentence_bert_config.json, and the tokens and truncated ids are those Python fed the model.
     */
    @Test
    void aFolderWithoutWeightsGivesTheFullModelsTokensAndTruncation(@TempDir Path tmp) throws Exception {
        Path full = Fixtures.tinyModel();
        Path noWeights = Files.createDirectories(tmp.resolve("tiny-tokenizer"));
        try (Stream<Path> s = Files.walk(full)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                String name = p.getFileName().toString();
                if (!name.equals("model.safetensors") && !name.equals("pytorch_model.bin")) {
                    Path to = noWeights.resolve(full.relativize(p).toString());
                    Files.createDirectories(to.getParent());
                    Files.copy(p, to);
                }
            }
        }
        try (HfTextTokenizer alone = ModelTokenizer.load(noWeights, false);
             SentenceTransformerModel model = SentenceTransformerModel.load(full)) {
            TextTokenizer withWeights = model.tokenizer();
            assertThat(alone.maxSeqLength()).isEqualTo(withWeights.maxSeqLength()).isEqualTo(24);
            for (int id : TinyFolders.nfcSafeIds()) {
                JsonObject s = Fixtures.tinySentences().get(id);
                String text = s.get("text").getAsString();
                Encoding e = alone.encode(text);
                assertThat(e.inputIds()).as("sentence %s", s.get("id")).isEqualTo(longs(s.get("input_ids")))
                        .isEqualTo(withWeights.encode(text).inputIds());
                assertThat(e.truncated()).isEqualTo(s.get("truncated").getAsBoolean());
            }
        }
    }

    private static List<String> strings(JsonElement a) {
        List<String> out = new ArrayList<>();
        a.getAsJsonArray().forEach(e -> out.add(e.getAsString()));
        return out;
    }

    private static long[] longs(JsonElement a) {
        return a.getAsJsonArray().asList().stream().mapToLong(JsonElement::getAsLong).toArray();
    }
}
