package kr.sbert.workbench.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kr.sbert.workbench.core.cache.ModelIdentities;
import kr.sbert.workbench.core.model.weights.RawTensor;
import kr.sbert.workbench.core.model.weights.SafetensorsWriter;
import kr.sbert.workbench.core.model.weights.TensorDType;
import kr.sbert.workbench.core.model.weights.WeightFiles;
import kr.sbert.workbench.core.text.Encoding;
import kr.sbert.workbench.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The modules after the Transformer (pooling choices, Dense, Normalize), prompts, and the
 * checkpoint layouts of the RoBERTa family, against the fixtures' numbers or hand computation.
 */
class HeadsAndPromptsTest {
    private static final double TOLERANCE = 1e-5;

    @TempDir
    Path tmp;

    private static JsonObject expected(String fixture) {
        return Fixtures.readJson(Fixtures.shared().resolve("fixtures/" + fixture + ".expected.json")).getAsJsonObject();
    }

    private static Path fixture(String name) {
        return Fixtures.shared().resolve("fixtures/" + name);
    }

    private static void assertClose(float[] got, float[] want, String what) {
        assertThat(got).as(what).hasSize(want.length);
        for (int d = 0; d < want.length; d++) {
            assertThat((double) got[d]).as(what + " dim " + d).isCloseTo(want[d], within(TOLERANCE));
        }
    }

    @Test
    void queryPromptGivesTheFixturesPromptedEmbeddings() throws Exception {
        JsonObject expected = expected("tiny-xlmr-unigram");
        JsonObject prompt = expected.getAsJsonObject("prompt");
        JsonArray want = prompt.getAsJsonArray("embeddings");
        List<String> texts = expected.getAsJsonArray("sentences").asList().subList(0, want.size()).stream()
                .map(e -> e.getAsJsonObject().get("text").getAsString()).toList();
        try (SentenceTransformerModel model = SentenceTransformerModel.load(fixture("tiny-xlmr-unigram"), "e5-like",
                SentenceTransformerModel.Options.DEFAULT.with(null, PromptChoice.text(prompt.get("prefix").getAsString())))) {
            assertThat(model.info().prompt()).isEqualTo("query: ");
            float[][] got = model.encode(texts);
            for (int i = 0; i < texts.size(); i++) {
                assertClose(got[i], Fixtures.floats(want.get(i).getAsJsonArray()), "prompted sentence " + i);
            }
            // the prompt's pieces are fed but are no part of the text: shown like special tokens
            Encoding e = model.tokenizer().encode(texts.get(0));
            assertThat(e.pieces()).isEqualTo(Fixtures.strings(expected.getAsJsonArray("sentences").get(0)
                    .getAsJsonObject().getAsJsonArray("tokens")));
            assertThat(e.inputIds().length).isGreaterThan(e.pieces().size() + 2);
        }
    }

    @Test
    void defaultPromptNameAppliesUnlessSwitchedOffAndUnknownNamesAreRefused() throws Exception {
        Path folder = Fixtures.copyModel(fixture("tiny-xlmr-unigram"), tmp.resolve("e5"));
        TinyFolders.edit(folder.resolve("config_sentence_transformers.json"), o -> {
            JsonObject prompts = new JsonObject();
            prompts.addProperty("query", "query: ");
            prompts.addProperty("passage", "passage: ");
            o.add("prompts", prompts);
            o.addProperty("default_prompt_name", "query");
        });
        JsonObject expected = expected("tiny-xlmr-unigram");
        String text = expected.getAsJsonArray("sentences").get(1).getAsJsonObject().get("text").getAsString();
        float[] prompted = Fixtures.floats(expected.getAsJsonObject("prompt").getAsJsonArray("embeddings").get(1).getAsJsonArray());
        float[] plain = Fixtures.floats(expected.getAsJsonArray("sentences").get(1).getAsJsonObject().getAsJsonArray("embedding"));
        try (SentenceTransformerModel model = SentenceTransformerModel.load(folder)) {
            assertThat(model.info().prompt()).isEqualTo("query: ");
            assertClose(model.encode(List.of(text))[0], prompted, "default prompt");
        }
        try (SentenceTransformerModel model = SentenceTransformerModel.load(folder, "e5",
                SentenceTransformerModel.Options.DEFAULT.with(null, PromptChoice.named("query")))) {
            assertClose(model.encode(List.of(text))[0], prompted, "named prompt");
        }
        try (SentenceTransformerModel model = SentenceTransformerModel.load(folder, "e5",
                SentenceTransformerModel.Options.DEFAULT.with(null, PromptChoice.text("")))) {
            assertClose(model.encode(List.of(text))[0], plain, "prompt switched off");
        }
        assertThatThrownBy(() -> SentenceTransformerModel.describe(folder,
                SentenceTransformerModel.Options.DEFAULT.with(null, PromptChoice.named("document"))))
                .isInstanceOf(MalformedModelException.class)
                .hasMessageContaining("config_sentence_transformers.json")
                .hasMessageContaining("no prompt named 'document'")
                .hasMessageContaining("query, passage");
    }

    @Test
    void promptAndPoolingChoiceArePartOfTheCacheIdentity() throws Exception {
        Path plainFolder = Fixtures.copyModel(fixture("tiny-kr-sbert"), tmp.resolve("plain"), "modules.json");
        ModelIdentities ids = new ModelIdentities(null);
        String mean = key(ids, plainFolder, SentenceTransformerModel.Options.DEFAULT);
        String cls = key(ids, plainFolder, SentenceTransformerModel.Options.DEFAULT.with(PoolingMode.CLS, null));
        String prompted = key(ids, plainFolder, SentenceTransformerModel.Options.DEFAULT.with(null, PromptChoice.text("query: ")));
        assertThat(List.of(mean, cls, prompted)).doesNotHaveDuplicates();
        assertThat(key(ids, plainFolder, SentenceTransformerModel.Options.DEFAULT.with(PoolingMode.MEAN, null))).isEqualTo(mean);
    }

    private static String key(ModelIdentities ids, Path folder, SentenceTransformerModel.Options options) throws Exception {
        ModelDescription d = SentenceTransformerModel.describe(folder, options);
        return ids.of(d.info(), d.tokenizerSettings()).key();
    }

    @Test
    void folderWithoutModulesJsonPoolsAsTheUserChoosesAndClsIsTheFirstTokensVector() throws Exception {
        Path folder = Fixtures.copyModel(fixture("tiny-kr-sbert"), tmp.resolve("nomodules"), "modules.json");
        JsonObject batch = Fixtures.tinyExpected().getAsJsonObject("last_hidden_state_batch");
        List<String> texts = Fixtures.strings(batch.getAsJsonArray("texts"));
        try (SentenceTransformerModel model = SentenceTransformerModel.load(folder, "kosimcse-like",
                SentenceTransformerModel.Options.DEFAULT.with(PoolingMode.CLS, null))) {
            assertThat(model.info().pooling()).containsExactly("cls");
            assertThat(model.info().warnings()).noneMatch(w -> w.contains("mean pooling"));
            float[][] got = model.encode(texts);
            for (int i = 0; i < texts.size(); i++) {
                float[] firstToken = Fixtures.floats(batch.getAsJsonArray("last_hidden_state").get(i).getAsJsonArray()
                        .get(0).getAsJsonArray());
                assertClose(got[i], firstToken, "[CLS] vector of text " + i);
            }
        }
        try (SentenceTransformerModel model = SentenceTransformerModel.load(folder)) {
            assertThat(model.info().pooling()).containsExactly("mean");
            assertThat(model.info().warnings()).anyMatch(w -> w.contains("no modules.json") && w.contains("cls"));
        }
        assertThatThrownBy(() -> ModelFolder.read(fixture("tiny-kr-sbert"), PoolingMode.CLS))
                .isInstanceOf(MalformedModelException.class)
                .hasMessageContaining("modules.json sets the pooling");
    }

    /**
     * A Dense(32→16, tanh) then Normalize after the fixture's mean pooling: the embedding must be
     * normalize(tanh(W·e + b)) of the fixture's own embedding e, computed here by hand.
     */
    @Test
    void denseTanhThenNormalizeIsAppliedToThePooledEmbedding() throws Exception {
        Path folder = Fixtures.copyModel(fixture("tiny-kr-sbert"), tmp.resolve("labse-like"), "pytorch_model.bin");
        int in = 32;
        int out = 16;
        float[][] w = new float[out][in];
        float[] b = new float[out];
        for (int o = 0; o < out; o++) {
            b[o] = (float) (0.01 * (o - 8));
            for (int i = 0; i < in; i++) {
                w[o][i] = (float) Math.sin(o * 31 + i * 7) * 0.3f;
            }
        }
        writeDense(folder.resolve("2_Dense"), w, b, "torch.nn.modules.activation.Tanh");
        TinyFolders.editArray(folder.resolve("modules.json"), m -> {
            m.add(TinyFolders.module(2, "2_Dense", "sentence_transformers.models.Dense"));
            m.add(TinyFolders.module(3, "3_Normalize", "sentence_transformers.models.Normalize"));
        });
        List<JsonObject> sentences = Fixtures.tinySentences().subList(0, 6);
        try (SentenceTransformerModel model = SentenceTransformerModel.load(folder)) {
            assertThat(model.dimension()).isEqualTo(out);
            assertThat(model.info().pipeline()).isEqualTo("BERT 2×32 → mean → Dense 32→16 tanh → Normalize");
            float[][] got = model.encodeTokenized(sentences.stream()
                    .map(s -> Fixtures.longs(s.getAsJsonArray("input_ids"))).toList(),
                    kr.sbert.workbench.core.task.ProgressListener.NONE, kr.sbert.workbench.core.task.CancelToken.NONE);
            for (int s = 0; s < sentences.size(); s++) {
                float[] e = Fixtures.floats(sentences.get(s).getAsJsonArray("embedding"));
                double[] y = new double[out];
                double norm = 0;
                for (int o = 0; o < out; o++) {
                    double z = b[o];
                    for (int i = 0; i < in; i++) {
                        z += (double) w[o][i] * e[i];
                    }
                    y[o] = Math.tanh(z);
                    norm += y[o] * y[o];
                }
                float[] want = new float[out];
                for (int o = 0; o < out; o++) {
                    want[o] = (float) (y[o] / Math.sqrt(norm));
                }
                assertClose(got[s], want, "sentence " + s);
            }
            // no exact token split after a non-linear Dense: explain must say so
            assertThat(model.encodeWithTokens(List.of("한 남자가 말을 탄다."),
                    kr.sbert.workbench.core.task.CancelToken.NONE).get(0).additive()).isFalse();
        }
        TinyFolders.edit(folder.resolve("2_Dense/config.json"), o -> o.addProperty("in_features", 48));
        assertThatThrownBy(() -> ModelFolder.read(folder))
                .isInstanceOf(MalformedModelException.class)
                .hasMessageContaining("2_Dense")
                .hasMessageContaining("in_features 48");
    }

    private static void writeDense(Path dir, float[][] w, float[] b, String activation) throws IOException {
        Files.createDirectories(dir);
        JsonObject config = new JsonObject();
        config.addProperty("in_features", w[0].length);
        config.addProperty("out_features", w.length);
        config.addProperty("bias", true);
        config.addProperty("activation_function", activation);
        Files.writeString(dir.resolve("config.json"), config.toString(), StandardCharsets.UTF_8);
        ByteBuffer wb = ByteBuffer.allocate(w.length * w[0].length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float[] row : w) {
            for (float v : row) {
                wb.putFloat(v);
            }
        }
        ByteBuffer bb = ByteBuffer.allocate(b.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : b) {
            bb.putFloat(v);
        }
        Map<String, RawTensor> tensors = new LinkedHashMap<>();
        tensors.put("linear.weight", new RawTensor("linear.weight", TensorDType.F32, new long[] {w.length, w[0].length}, wb.flip()));
        tensors.put("linear.bias", new RawTensor("linear.bias", TensorDType.F32, new long[] {b.length}, bb.flip()));
        SafetensorsWriter.write(dir.resolve("model.safetensors"), tensors, Map.of("format", "pt"));
    }

    /**
     * A raw masked-LM checkpoint of the RoBERTa fixture ({@code roberta.} prefixes, an unused
     * {@code lm_head}) in the old {@code 0_Transformer/} layout gives the fixture's embeddings.
     */
    @Test
    void robertaCheckpointWithPrefixesAndLmHeadInOldLayoutGivesTheSameEmbeddings() throws Exception {
        Path folder = Fixtures.copyModel(fixture("tiny-ko-sroberta"), tmp.resolve("raw-roberta"));
        Path transformer = Files.createDirectories(folder.resolve("0_Transformer"));
        for (String f : List.of("config.json", "vocab.txt", "tokenizer_config.json", "special_tokens_map.json",
                "sentence_bert_config.json")) {
            Files.move(folder.resolve(f), transformer.resolve(f));
        }
        Map<String, RawTensor> prefixed = new LinkedHashMap<>();
        for (RawTensor t : WeightFiles.read(folder.resolve("pytorch_model.bin")).values()) {
            String name = "roberta." + t.name();
            ByteBuffer copy = ByteBuffer.allocate(t.data().limit()).order(ByteOrder.LITTLE_ENDIAN);
            copy.put(t.data().duplicate().clear()).flip();
            prefixed.put(name, new RawTensor(name, t.dtype(), t.shape(), copy));
        }
        ByteBuffer head = ByteBuffer.allocate(40000 * 4).order(ByteOrder.LITTLE_ENDIAN);
        prefixed.put("lm_head.bias", new RawTensor("lm_head.bias", TensorDType.F32, new long[] {40000}, head));
        SafetensorsWriter.write(transformer.resolve("model.safetensors"), prefixed, Map.of("format", "pt"));
        Files.delete(folder.resolve("pytorch_model.bin"));
        TinyFolders.editArray(folder.resolve("modules.json"), m -> m.get(0).getAsJsonObject().addProperty("path", "0_Transformer"));
        JsonObject expected = expected("tiny-ko-sroberta");
        JsonObject s = expected.getAsJsonArray("sentences").get(2).getAsJsonObject();
        try (SentenceTransformerModel model = SentenceTransformerModel.load(folder)) {
            assertThat(model.info().family()).isEqualTo("RoBERTa");
            assertClose(model.encode(List.of(s.get("text").getAsString()))[0],
                    Fixtures.floats(s.getAsJsonArray("embedding")), "sentence 2");
        }
    }

    /** tokenizers ≥ 0.19 write Metaspace as {@code prepend_scheme: "always"} (and {@code split}); older as {@code add_prefix_space}. */
    @Test
    void newerMetaspaceSerialisationTokenizesTheSame() throws Exception {
        Path folder = Fixtures.copyModel(fixture("tiny-xlmr-unigram"), tmp.resolve("new-metaspace"));
        TinyFolders.edit(folder.resolve("tokenizer.json"), o -> {
            for (String part : List.of("pre_tokenizer", "decoder")) {
                JsonObject m = o.getAsJsonObject(part);
                m.remove("add_prefix_space");
                m.addProperty("prepend_scheme", "always");
                m.addProperty("split", true);
            }
        });
        JsonObject expected = expected("tiny-xlmr-unigram");
        try (var tokenizer = ModelTokenizer.load(folder, false)) {
            for (var e : expected.getAsJsonArray("sentences")) {
                JsonObject s = e.getAsJsonObject();
                assertThat(tokenizer.encode(s.get("text").getAsString()).inputIds()).as(s.get("text").getAsString())
                        .containsExactly(Fixtures.longs(s.getAsJsonArray("input_ids")));
            }
        }
    }

    @Test
    void folderWithOnlyASentencePieceModelIsRefusedSayingWhatIsMissing() {
        Path folder = Fixtures.copyModel(fixture("tiny-xlmr-unigram"), tmp.resolve("spm-only"), "tokenizer.json");
        assertThatThrownBy(() -> SentenceTransformerModel.load(folder))
                .isInstanceOf(MalformedModelException.class)
                .hasMessageContaining("sentencepiece.bpe.model")
                .hasMessageContaining("tokenizer.json");
    }

    /**
     * added_tokens.json as transformers merges it (KLUE-SRoBERTa-Large-SNUExtended ships ~20k):
     * a new token takes the next free id and is matched whole before WordPiece; a vocabulary
     * token keeps its id; an id already in tokenizer.json is skipped; a gap is refused.
     */
    @Test
    void addedTokensJsonIsMergedAsTransformersMergesIt() throws Exception {
        Path folder = Fixtures.copyModel(fixture("tiny-ko-sroberta"), tmp.resolve("extended"), "pytorch_model.bin");
        Files.writeString(folder.resolve("added_tokens.json"), "{\"선로를\": 40000, \"기차\": 23771}", StandardCharsets.UTF_8);
        try (var tokenizer = ModelTokenizer.load(folder, false)) {
            Encoding e = tokenizer.encode("선로를 따라 내려가는 기차");
            // without the file: 선 ##로를 (fixture sentence 0); with it: one added token
            assertThat(e.pieces()).containsExactly("선로를", "따라", "내려가는", "기차");
            assertThat(e.inputIds()).containsExactly(0, 40000, 8530, 39521, 23771, 2);
            assertThat(tokenizer.maxTokenId()).isEqualTo(40000);
        }
        Files.writeString(folder.resolve("added_tokens.json"), "{\"선로를\": 40005}", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> ModelTokenizer.load(folder, false))
                .isInstanceOf(MalformedModelException.class)
                .hasMessageContaining("added_tokens.json")
                .hasMessageContaining("has id 40005, but the next free id is 40000");
    }
}
