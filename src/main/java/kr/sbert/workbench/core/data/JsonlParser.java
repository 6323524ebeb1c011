package kr.sbert.workbench.core.data;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import kr.sbert.workbench.core.InvalidInputException;

/**
 * JSON Lines: one object per non-empty line, keys as {@link ColumnAliases} (or a KLUE-style
 * {@code labels} object). A line that is not valid JSON is a malformed row.
 */
final class JsonlParser {

    private JsonlParser() {
    }

    static void parse(String text, GoldField goldField, RowCollector rows) throws InvalidInputException {
        String[] lines = text.split("\n", -1);
        RowCollector.GoldRange range = goldField == GoldField.BINARY_LABEL
                ? RowCollector.GoldRange.ZERO_TO_ONE : RowCollector.GoldRange.ZERO_TO_FIVE;
        for (int i = 0; i < lines.length; i++) {
            String line = KorStsTsvParser.stripCr(lines[i]);
            if (line.isBlank()) {
                continue;
            }
            JsonElement e;
            try {
                e = JsonParser.parseString(line);
            } catch (JsonParseException ex) {
                rows.reject(i + 1, "not valid JSON");
                continue;
            }
            JsonRows.accept(e, i + 1, goldField, range, rows);
        }
    }
}
