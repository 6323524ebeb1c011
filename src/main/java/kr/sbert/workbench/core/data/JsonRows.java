package kr.sbert.workbench.core.data;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.Optional;
import kr.sbert.workbench.core.InvalidInputException;

/**
 * Turns one JSON object into a pair: sentences under {@link ColumnAliases} keys; gold from
 * KLUE's {@code labels.<goldField>} when a {@code labels} object is present, else from a
 * score-alias key; no gold when neither is present.
 */
final class JsonRows {

    private JsonRows() {
    }

    static void accept(JsonElement element, int line, GoldField goldField, RowCollector.GoldRange labelRange,
                       RowCollector rows) throws InvalidInputException {
        if (!element.isJsonObject()) {
            rows.reject(line, "expected a JSON object");
            return;
        }
        JsonObject o = element.getAsJsonObject();
        Optional<String> k1 = ColumnAliases.findKey(o.asMap(), ColumnAliases.SENTENCE1);
        Optional<String> k2 = ColumnAliases.findKey(o.asMap(), ColumnAliases.SENTENCE2);
        if (k1.isEmpty() || k2.isEmpty()) {
            rows.reject(line, "no " + (k1.isEmpty() ? "sentence1" : "sentence2") + " field");
            return;
        }
        String s1 = text(o.get(k1.get()));
        String s2 = text(o.get(k2.get()));
        if (s1 == null || s2 == null) {
            rows.reject(line, (s1 == null ? k1.get() : k2.get()) + " is not a string");
            return;
        }
        String score = null;
        String scoreKey = null;
        RowCollector.GoldRange range = RowCollector.GoldRange.ZERO_TO_FIVE.optional();
        if (o.has("labels") && o.get("labels").isJsonObject()) {
            JsonObject labels = o.getAsJsonObject("labels");
            if (!labels.has(goldField.jsonKey())) {
                rows.reject(line, "labels has no '" + goldField.jsonKey() + "'");
                return;
            }
            score = scalar(labels.get(goldField.jsonKey()));
            if (score == null) {
                rows.reject(line, "labels." + goldField.jsonKey() + " is not a number");
                return;
            }
            range = labelRange;
        } else {
            Optional<String> ks = ColumnAliases.findKey(o.asMap(), ColumnAliases.SCORE);
            scoreKey = ks.orElse(null);
            if (ks.isPresent() && !o.get(ks.get()).isJsonNull()) {
                score = scalar(o.get(ks.get()));
                if (score == null) {
                    rows.reject(line, ks.get() + " is not a number");
                    return;
                }
            }
        }
        rows.accept(line, s1, s2, score, range, attributes(o, k1.get(), k2.get(), scoreKey));
    }

    /** Scalar fields other than the sentences, the score and {@code labels} (KLUE's guid, source): slice keys. */
    private static java.util.Map<String, String> attributes(JsonObject o, String... used) {
        java.util.Map<String, String> a = new java.util.LinkedHashMap<>();
        java.util.List<String> skip = java.util.Arrays.asList(used);
        for (java.util.Map.Entry<String, JsonElement> e : o.entrySet()) {
            if (!skip.contains(e.getKey()) && !e.getKey().equals("labels") && e.getValue().isJsonPrimitive()) {
                a.put(e.getKey(), e.getValue().getAsString());
            }
        }
        return a;
    }

    private static String text(JsonElement e) {
        return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isString() ? e.getAsString() : null;
    }

    // Numbers and numeric strings are both accepted; RowCollector checks the text.
    private static String scalar(JsonElement e) {
        if (e == null || !e.isJsonPrimitive()) {
            return null;
        }
        JsonPrimitive p = e.getAsJsonPrimitive();
        return p.isBoolean() ? null : p.getAsString();
    }
}
