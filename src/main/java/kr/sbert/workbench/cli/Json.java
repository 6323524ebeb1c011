package kr.sbert.workbench.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;

/** JSON output of the CLI: Korean kept as is (no HTML escaping), floats in shortest form. */
final class Json {
    private static final Gson COMPACT = new GsonBuilder().disableHtmlEscaping().serializeSpecialFloatingPointValues().create();
    private static final Gson PRETTY = new GsonBuilder().disableHtmlEscaping().serializeSpecialFloatingPointValues()
            .setPrettyPrinting().create();

    private Json() {
    }

    static String compact(JsonElement e) {
        return COMPACT.toJson(e);
    }

    static String pretty(JsonElement e) {
        return PRETTY.toJson(e);
    }
}
