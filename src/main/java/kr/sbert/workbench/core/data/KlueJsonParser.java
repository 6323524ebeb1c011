package kr.sbert.workbench.core.data;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kr.sbert.workbench.core.InvalidInputException;

/**
 * KLUE-STS JSON: an array of {@code {guid, source, sentence1, sentence2, labels: {label,
 * real-label, binary-label}}}. The whole file is parsed at once (KLUE dev is 450 KB). Each
 * pair's line is the line of its object's opening brace. {@code label} and {@code real-label}
 * must lie in 0–5, {@code binary-label} in 0–1.
 */
final class KlueJsonParser {
    private static final Pattern GSON_POSITION = Pattern.compile("at line (\\d+) column (\\d+)");

    private KlueJsonParser() {
    }

    static void parse(String text, GoldField goldField, RowCollector rows) throws InvalidInputException {
        if (text.isBlank()) {
            throw rows.fileError(1, "empty file: expected a JSON array of pairs (KLUE-STS layout)");
        }
        JsonElement root;
        try {
            root = JsonParser.parseString(text);
        } catch (JsonParseException e) {
            throw invalidJson(e, rows);
        }
        if (!root.isJsonArray()) {
            throw rows.fileError(1, "expected a JSON array of pairs (KLUE-STS layout)");
        }
        JsonArray array = root.getAsJsonArray();
        List<int[]> spans = elementSpans(text);
        RowCollector.GoldRange range = goldField == GoldField.BINARY_LABEL
                ? RowCollector.GoldRange.ZERO_TO_ONE : RowCollector.GoldRange.ZERO_TO_FIVE;
        for (int i = 0; i < array.size(); i++) {
            int line = i < spans.size() ? spans.get(i)[0] : 0;
            if (i < spans.size()) {
                rows.span(spans.get(i)[1], spans.get(i)[2]);
            }
            JsonRows.accept(array.get(i), line, goldField, range, rows);
        }
    }

    // Gson's message is long and multi-line ("... at line 3 column 7 path $[1] See https://..."):
    // keep only where it failed.
    private static InvalidInputException invalidJson(JsonParseException e, RowCollector rows) {
        String message = String.valueOf(e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
        Matcher m = GSON_POSITION.matcher(message);
        if (m.find()) {
            return rows.fileError(Integer.parseInt(m.group(1)), "not valid JSON (column " + m.group(2) + ")");
        }
        return rows.fileError(0, "not valid JSON (" + message.lines().findFirst().orElse("") + ")");
    }

    /**
     * Each element of the top-level array as {@code {line, start, end}}: the line of its first
     * character and its characters {@code [start, end)} in the text (strings are skipped).
     */
    static List<int[]> elementSpans(String text) {
        List<int[]> spans = new ArrayList<>();
        int depth = 0;
        int line = 1;
        boolean inString = false;
        boolean expectElement = false;
        int[] open = null;
        int lastSignificant = -1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
                continue;
            }
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                    lastSignificant = i;
                }
                continue;
            }
            if (Character.isWhitespace(c)) {
                continue;
            }
            if (depth == 1 && expectElement && c != ']') {
                open = new int[] {line, i, -1};
                spans.add(open);
                expectElement = false;
            }
            if (depth == 1 && (c == ',' || c == ']') && open != null) {
                open[2] = lastSignificant + 1;
                open = null;
            }
            switch (c) {
                case '"' -> inString = true;
                case '[', '{' -> {
                    depth++;
                    if (depth == 1) {
                        expectElement = true;
                    }
                }
                case ']', '}' -> depth--;
                case ',' -> expectElement = depth == 1;
                default -> { }
            }
            lastSignificant = i;
        }
        return spans;
    }
}
