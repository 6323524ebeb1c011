package kr.sbert.workbench.core.model;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import kr.sbert.workbench.core.model.weights.RawTensor;
import kr.sbert.workbench.core.model.weights.SafetensorsWriter;

/**
 * Writes a sentence-transformers folder in the root layout {@code SentenceTransformer.save}
 * produces: {@code modules.json}, {@code config.json}, {@code sentence_bert_config.json},
 * {@code config_sentence_transformers.json}, the tokenizer files, {@code 1_Pooling/config.json}
 * (and {@code 2_Normalize/} when the model normalises) and {@code model.safetensors} under HF's
 * state-dict names. The configs and tokenizer files come from the base model's folder.
 */
final class ModelFolderWriter {
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();
    private static final List<String> TOKENIZER_FILES = List.of("vocab.txt", "tokenizer.json",
            "tokenizer_config.json", "special_tokens_map.json", "added_tokens.json", "sentencepiece.bpe.model",
            "spiece.model", "sentencepiece.model");

    private ModelFolderWriter() {
    }

    static void write(Path dir, ModelFolder base, int maxSeqLength, Map<String, RawTensor> stateDict)
            throws IOException {
        Path src = base.transformerDir();
        Files.copy(src.resolve("config.json"), dir.resolve("config.json"));
        for (String name : TOKENIZER_FILES) {
            Path f = src.resolve(name);
            if (Files.isRegularFile(f)) {
                Files.copy(f, dir.resolve(name));
            }
        }
        JsonObject st = new JsonObject();
        st.addProperty("max_seq_length", maxSeqLength);
        st.addProperty("do_lower_case", base.lowerCaseInput());
        writeJson(dir.resolve("sentence_bert_config.json"), st);
        Path stVersions = base.root().resolve("config_sentence_transformers.json");
        if (Files.isRegularFile(stVersions)) {
            Files.copy(stVersions, dir.resolve("config_sentence_transformers.json"));
        } else {
            JsonObject versions = new JsonObject();
            versions.addProperty("sentence_transformers", "2.3.1");
            JsonObject o = new JsonObject();
            o.add("__version__", versions);
            writeJson(dir.resolve("config_sentence_transformers.json"), o);
        }
        JsonArray modules = new JsonArray();
        modules.add(module(0, "", ModelFolder.TRANSFORMER));
        modules.add(module(1, "1_Pooling", ModelFolder.POOLING));
        Files.createDirectories(dir.resolve("1_Pooling"));
        writeJson(dir.resolve("1_Pooling/config.json"), pooling(base.pooling(), base.bertConfig().orElseThrow()));
        if (base.normalize()) {
            modules.add(module(2, "2_Normalize", ModelFolder.NORMALIZE));
            Files.createDirectories(dir.resolve("2_Normalize"));
        }
        writeJson(dir.resolve("modules.json"), modules);
        SafetensorsWriter.write(dir.resolve("model.safetensors"), stateDict, Map.of("format", "pt"));
    }

    private static JsonObject pooling(PoolingConfig pooling, BertConfig config) {
        JsonObject o = new JsonObject();
        o.addProperty("word_embedding_dimension", config.hiddenSize());
        // sentence-transformers' key order.
        for (PoolingMode mode : List.of(PoolingMode.CLS, PoolingMode.MEAN, PoolingMode.MAX,
                PoolingMode.MEAN_SQRT_LEN, PoolingMode.WEIGHTED_MEAN, PoolingMode.LAST_TOKEN)) {
            o.addProperty(mode.configKey(), pooling.modes().contains(mode));
        }
        return o;
    }

    /** One {@code modules.json} entry, as sentence-transformers writes it. */
    static JsonObject module(int idx, String path, String type) {
        JsonObject o = new JsonObject();
        o.addProperty("idx", idx);
        o.addProperty("name", String.valueOf(idx));
        o.addProperty("path", path);
        o.addProperty("type", type);
        return o;
    }

    private static void writeJson(Path file, JsonElement json) throws IOException {
        Files.writeString(file, GSON.toJson(json), StandardCharsets.UTF_8);
    }
}
