package kr.sbert.workbench.core.text;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.stream.JsonWriter;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * A {@code tokenizer.json} as the loader hands it to the native library: its tree and, when the
 * loader built it from {@code vocab.txt}, the WordPiece vocabulary held apart as a map.
 *
 * <p>Why apart: Gson keeps every JSON object in a tree map, so a 40,000-entry vocabulary put into
 * a tree costs about a tenth of a second in a fresh process (where a model load is timed), and its
 * ids would then need checking again. As a map it is written straight into the JSON text.
 *
 * @param root  the {@code tokenizer.json} tree; its {@code model} has no {@code vocab} when
 *              {@code vocab} is set
 * @param vocab token → id, written as {@code model.vocab} (ids are line numbers, so valid by
 *              construction); {@code null} when {@code root} holds its own, as read from a file
 */
record TokenizerDefinition(JsonObject root, Map<String, Integer> vocab) {

    private static final String MODEL = "model";
    private static final String VOCAB = "vocab";

    /** The JSON text: {@code root} with the vocabulary in {@code model.vocab}. */
    String toJson() {
        if (vocab == null) {
            return root.toString();
        }
        StringWriter out = new StringWriter(vocab.size() * 16 + 4096);
        try (JsonWriter w = new JsonWriter(out)) {
            w.beginObject();
            for (Map.Entry<String, JsonElement> e : root.entrySet()) {
                w.name(e.getKey());
                if (MODEL.equals(e.getKey()) && e.getValue().isJsonObject()) {
                    writeModel(w, e.getValue().getAsJsonObject());
                } else {
                    w.jsonValue(e.getValue().toString());
                }
            }
            w.endObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    private void writeModel(JsonWriter w, JsonObject model) throws IOException {
        w.beginObject();
        for (Map.Entry<String, JsonElement> e : model.entrySet()) {
            w.name(e.getKey()).jsonValue(e.getValue().toString());
        }
        w.name(VOCAB).beginObject();
        for (Map.Entry<String, Integer> e : vocab.entrySet()) {
            w.name(e.getKey()).value(e.getValue().longValue());
        }
        w.endObject();
        w.endObject();
    }
}
