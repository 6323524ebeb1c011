package kr.sbert.workbench.core.text;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Paths into ../shared and small readers for the tokenizer fixtures. */
final class Fixtures {

    private Fixtures() {
    }

    static Path shared() {
        return Path.of(System.getProperty("shared.dir"));
    }

    static Path tinyModel() {
        return shared().resolve("fixtures/tiny-kr-sbert");
    }

    static Path v40kTransformer() {
        return shared().resolve("model-files/KR-SBERT-V40K-klueNLI-augSTS/0_Transformer");
    }

    static JsonObject json(String relative) throws IOException {
        return JsonParser.parseString(Files.readString(shared().resolve(relative), StandardCharsets.UTF_8))
                .getAsJsonObject();
    }

    static List<String> strings(JsonElement array) {
        List<String> out = new ArrayList<>();
        for (JsonElement e : array.getAsJsonArray()) {
            out.add(e.getAsString());
        }
        return out;
    }

    static long[] longs(JsonElement array) {
        JsonArray a = array.getAsJsonArray();
        long[] out = new long[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).getAsLong();
        }
        return out;
    }

    /** The ids of every token, specials included, untruncated. */
    static long[] allIds(Encoding e) {
        return e.tokens().stream().mapToLong(Token::id).toArray();
    }
}
