package kr.sbert.workbench.core.model;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import kr.sbert.workbench.testing.Fixtures;

/** Builds variants of the tiny fixture folder in a temporary directory (tests only). */
final class TinyFolders {
    /** Ids 26–28 were tokenized by the slow tokenizer, which applies NFC first. */
    static final Set<Integer> NFC_SENSITIVE = Set.of(26, 27, 28);

    static final String[] TRANSFORMER_FILES = {"config.json", "vocab.txt", "tokenizer_config.json",
        "special_tokens_map.json", "model.safetensors", "sentence_bert_config.json"};

    private TinyFolders() {
    }

    /** The fixture in root layout, with only {@code model.safetensors} as weights. */
    static Path root(Path target) {
        return Fixtures.copyModel(Fixtures.tinyModel(), target, "pytorch_model.bin");
    }

    /** The fixture as the GitHub copies ship it: Transformer files inside {@code 0_Transformer/}. */
    static Path oldLayout(Path target) {
        Path dir = root(target);
        try {
            Path transformer = Files.createDirectories(dir.resolve("0_Transformer"));
            for (String f : TRANSFORMER_FILES) {
                Files.move(dir.resolve(f), transformer.resolve(f));
            }
            // The old copies keep sentence-transformers' version file at the root, named config.json.
            Files.writeString(dir.resolve("config.json"), "{\n  \"__version__\": \"1.1.0\"\n}");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        editArray(dir.resolve("modules.json"), modules -> modules.get(0).getAsJsonObject()
                .addProperty("path", "0_Transformer"));
        return dir;
    }

    static void edit(Path jsonFile, Consumer<JsonObject> change) {
        JsonObject o = Fixtures.readJson(jsonFile).getAsJsonObject();
        change.accept(o);
        write(jsonFile, o);
    }

    static void editArray(Path jsonFile, Consumer<JsonArray> change) {
        JsonArray a = Fixtures.readJson(jsonFile).getAsJsonArray();
        change.accept(a);
        write(jsonFile, a);
    }

    static void write(Path file, JsonElement json) {
        try {
            Files.writeString(file, new GsonBuilder().setPrettyPrinting().create().toJson(json), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonObject module(int idx, String path, String type) {
        JsonObject m = new JsonObject();
        m.addProperty("idx", idx);
        m.addProperty("name", String.valueOf(idx));
        m.addProperty("path", path);
        m.addProperty("type", type);
        return m;
    }

    /** Fixture ids whose text the fast tokenizer splits as the fixture did (all but 26–28). */
    static List<Integer> nfcSafeIds() {
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < Fixtures.tinySentences().size(); i++) {
            if (!NFC_SENSITIVE.contains(i)) {
                ids.add(i);
            }
        }
        return ids;
    }

    static String text(int id) {
        return Fixtures.tinySentences().get(id).get("text").getAsString();
    }

    static float[] embedding(int id) {
        return Fixtures.floats(Fixtures.tinySentences().get(id).getAsJsonArray("embedding"));
    }

    static long[] inputIds(int id) {
        return Fixtures.longs(Fixtures.tinySentences().get(id).getAsJsonArray("input_ids"));
    }

    static boolean truncated(int id) {
        return Fixtures.tinySentences().get(id).get("truncated").getAsBoolean();
    }
}
