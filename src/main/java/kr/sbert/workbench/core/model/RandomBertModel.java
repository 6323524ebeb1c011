package kr.sbert.workbench.core.model;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
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
import java.util.SplittableRandom;
import kr.sbert.workbench.core.model.weights.RawTensor;
import kr.sbert.workbench.core.model.weights.SafetensorsWriter;
import kr.sbert.workbench.core.model.weights.TensorDType;
import kr.sbert.workbench.core.text.SyntheticVocabulary;

/**
 * A sentence-transformers model with random weights, of any family (BERT, RoBERTa, XLM-R) and
 * shape, with a WordPiece {@code vocab.txt} or a SentencePiece Unigram {@code tokenizer.json},
 * written as a hub-style folder (root layout, {@code model.safetensors}, mean pooling). {@code bench} measures speed on
 * it; other tools (sentence-transformers included) can load the same folder and compare.
 */
public final class RandomBertModel {
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    private RandomBertModel() {
    }

    /** The entries of a {@code vocab.txt}, one per line (trailing empty lines dropped). */
    public static List<String> readVocabulary(Path vocabFile) throws IOException {
        List<String> vocab = Files.readAllLines(vocabFile, StandardCharsets.UTF_8);
        while (!vocab.isEmpty() && vocab.get(vocab.size() - 1).isEmpty()) {
            vocab = vocab.subList(0, vocab.size() - 1);
        }
        return vocab;
    }

    /**
     * Writes the folder.
     *
     * @param vocabFile a real {@code vocab.txt} to use (e.g. V40K's), or {@code null} for a
     *                  synthetic vocabulary of Hangul syllables and ASCII characters
     */
    public static void writeFolder(Path dir, BertConfig config, int maxSeqLength, Path vocabFile, long seed)
            throws IOException, MalformedModelException {
        writeFolder(dir, config, maxSeqLength, vocabFile, seed, false);
    }

    /**
     * Writes the folder.
     *
     * @param unigram a synthetic SentencePiece Unigram {@code tokenizer.json} (XLM-R's special tokens)
     *                instead of a WordPiece {@code vocab.txt}; {@code vocabFile} must then be null
     */
    public static void writeFolder(Path dir, BertConfig config, int maxSeqLength, Path vocabFile, long seed,
                                   boolean unigram) throws IOException, MalformedModelException {
        Files.createDirectories(dir.resolve("1_Pooling"));
        boolean klueOrder = config.family().positionsFromPadding();
        if (unigram) {
            writeJson(dir.resolve("tokenizer.json"), kr.sbert.workbench.core.text.SyntheticUnigram.create(config.vocabSize()));
        } else {
            List<String> vocab = vocabFile != null ? readVocabulary(vocabFile) : SyntheticVocabulary.create(config.vocabSize());
            if (vocab.size() > config.vocabSize()) {
                throw new MalformedModelException(vocabFile + ": holds " + vocab.size()
                        + " entries, more than the model's vocab size " + config.vocabSize());
            }
            if (vocabFile == null && klueOrder) {
                // KLUE's order, so [PAD] has RoBERTa's padding id 1
                vocab = new java.util.ArrayList<>(vocab);
                vocab.subList(0, 5).clear();
                vocab.addAll(0, List.of("[CLS]", "[PAD]", "[SEP]", "[UNK]", "[MASK]"));
            }
            Files.write(dir.resolve("vocab.txt"), vocab, StandardCharsets.UTF_8);
        }
        writeJson(dir.resolve("config.json"), configJson(config));
        JsonObject st = new JsonObject();
        st.addProperty("max_seq_length", maxSeqLength);
        st.addProperty("do_lower_case", false);
        writeJson(dir.resolve("sentence_bert_config.json"), st);
        writeJson(dir.resolve("tokenizer_config.json"), unigram ? unigramTokens() : tokenizerConfig());
        writeJson(dir.resolve("special_tokens_map.json"), unigram ? unigramTokens() : specialTokens());
        writeJson(dir.resolve("modules.json"), modules());
        JsonObject pooling = new JsonObject();
        pooling.addProperty("word_embedding_dimension", config.hiddenSize());
        for (PoolingMode mode : PoolingMode.values()) {
            pooling.addProperty(mode.configKey(), mode == PoolingMode.MEAN);
        }
        writeJson(dir.resolve("1_Pooling/config.json"), pooling);
        SafetensorsWriter.write(dir.resolve("model.safetensors"), weights(config, seed), Map.of("format", "pt"));
    }

    /**
     * Random parameters under HF's names: normal-like values of standard deviation 0.02
     * (uniform, which is all a speed test needs), LayerNorm weights 1 and biases 0.
     */
    public static Map<String, RawTensor> weights(BertConfig c, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, RawTensor> t = new LinkedHashMap<>();
        int h = c.hiddenSize();
        put(t, random, "embeddings.word_embeddings.weight", c.vocabSize(), h);
        put(t, random, "embeddings.position_embeddings.weight", c.maxPositionEmbeddings(), h);
        put(t, random, "embeddings.token_type_embeddings.weight", c.typeVocabSize(), h);
        norm(t, "embeddings.LayerNorm", h);
        for (int i = 0; i < c.layers(); i++) {
            String p = "encoder.layer." + i + ".";
            for (String name : new String[] {"attention.self.query", "attention.self.key", "attention.self.value",
                "attention.output.dense"}) {
                put(t, random, p + name + ".weight", h, h);
                put(t, random, p + name + ".bias", h);
            }
            norm(t, p + "attention.output.LayerNorm", h);
            put(t, random, p + "intermediate.dense.weight", c.intermediateSize(), h);
            put(t, random, p + "intermediate.dense.bias", c.intermediateSize());
            put(t, random, p + "output.dense.weight", h, c.intermediateSize());
            put(t, random, p + "output.dense.bias", h);
            norm(t, p + "output.LayerNorm", h);
        }
        return t;
    }

    private static void put(Map<String, RawTensor> t, SplittableRandom random, String name, long... shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        ByteBuffer data = ByteBuffer.allocateDirect(Math.toIntExact(n * 4)).order(ByteOrder.LITTLE_ENDIAN);
        double half = 0.02 * Math.sqrt(3); // uniform(-a, a) has standard deviation a/√3
        for (long i = 0; i < n; i++) {
            data.putFloat((float) ((random.nextDouble() * 2 - 1) * half));
        }
        t.put(name, new RawTensor(name, TensorDType.F32, shape, data.flip()));
    }

    private static void norm(Map<String, RawTensor> t, String prefix, int h) {
        ByteBuffer ones = ByteBuffer.allocateDirect(h * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < h; i++) {
            ones.putFloat(1f);
        }
        t.put(prefix + ".weight", new RawTensor(prefix + ".weight", TensorDType.F32, new long[] {h}, ones.flip()));
        ByteBuffer zeros = ByteBuffer.allocateDirect(h * 4).order(ByteOrder.LITTLE_ENDIAN);
        t.put(prefix + ".bias", new RawTensor(prefix + ".bias", TensorDType.F32, new long[] {h}, zeros));
    }

    private static JsonObject configJson(BertConfig c) {
        JsonObject o = new JsonObject();
        JsonArray arch = new JsonArray();
        arch.add(c.family().architecture());
        o.add("architectures", arch);
        o.addProperty("model_type", c.family().modelType());
        o.addProperty("vocab_size", c.vocabSize());
        o.addProperty("hidden_size", c.hiddenSize());
        o.addProperty("num_hidden_layers", c.layers());
        o.addProperty("num_attention_heads", c.heads());
        o.addProperty("intermediate_size", c.intermediateSize());
        o.addProperty("max_position_embeddings", c.maxPositionEmbeddings());
        o.addProperty("type_vocab_size", c.typeVocabSize());
        o.addProperty("layer_norm_eps", c.layerNormEps());
        o.addProperty("hidden_act", "gelu");
        o.addProperty("hidden_dropout_prob", 0.1);
        o.addProperty("attention_probs_dropout_prob", 0.1);
        o.addProperty("initializer_range", 0.02);
        o.addProperty("pad_token_id", c.padTokenId());
        o.addProperty("position_embedding_type", "absolute");
        o.addProperty("torch_dtype", "float32");
        return o;
    }

    private static JsonObject tokenizerConfig() {
        JsonObject o = specialTokens();
        o.addProperty("do_lower_case", false);
        o.addProperty("strip_accents", (String) null);
        o.addProperty("tokenize_chinese_chars", true);
        o.addProperty("tokenizer_class", "BertTokenizer");
        return o;
    }

    /** XLM-R's special tokens, as its tokenizer_config.json and special_tokens_map.json name them. */
    private static JsonObject unigramTokens() {
        JsonObject o = new JsonObject();
        o.addProperty("bos_token", "<s>");
        o.addProperty("cls_token", "<s>");
        o.addProperty("eos_token", "</s>");
        o.addProperty("sep_token", "</s>");
        o.addProperty("pad_token", "<pad>");
        o.addProperty("unk_token", "<unk>");
        o.addProperty("mask_token", "<mask>");
        return o;
    }

    private static JsonObject specialTokens() {
        JsonObject o = new JsonObject();
        o.addProperty("unk_token", "[UNK]");
        o.addProperty("sep_token", "[SEP]");
        o.addProperty("pad_token", "[PAD]");
        o.addProperty("cls_token", "[CLS]");
        o.addProperty("mask_token", "[MASK]");
        return o;
    }

    private static JsonArray modules() {
        JsonArray a = new JsonArray();
        a.add(ModelFolderWriter.module(0, "", ModelFolder.TRANSFORMER));
        a.add(ModelFolderWriter.module(1, "1_Pooling", ModelFolder.POOLING));
        return a;
    }

    private static void writeJson(Path file, com.google.gson.JsonElement json) throws IOException {
        Files.writeString(file, GSON.toJson(json) + "\n", StandardCharsets.UTF_8);
    }
}
