package kr.sbert.workbench.gui;

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

/** Paths into ../shared and the tiny model's expected tokens, for the GUI tests. */
public final class GuiFixtures {
    private GuiFixtures() {
    }

    public static Path shared() {
        return Path.of(System.getProperty("shared.dir"));
    }

    public static Path tinyModel() {
        return shared().resolve("fixtures/tiny-kr-sbert");
    }

    /** One sentence of {@code tiny-kr-sbert.expected.json}. */
    public record ExpectedSentence(int id, String text, List<String> tokens, boolean truncated,
                                   List<Long> inputIds) {
    }

    public static List<ExpectedSentence> expectedSentences() throws IOException {
        JsonObject root = JsonParser.parseString(Files.readString(
                shared().resolve("fixtures/tiny-kr-sbert.expected.json"), StandardCharsets.UTF_8)).getAsJsonObject();
        List<ExpectedSentence> out = new ArrayList<>();
        for (JsonElement e : root.getAsJsonArray("sentences")) {
            JsonObject s = e.getAsJsonObject();
            List<String> tokens = new ArrayList<>();
            for (JsonElement t : s.getAsJsonArray("tokens")) {
                tokens.add(t.getAsString());
            }
            List<Long> ids = new ArrayList<>();
            JsonArray arr = s.getAsJsonArray("input_ids");
            for (JsonElement t : arr) {
                ids.add(t.getAsLong());
            }
            out.add(new ExpectedSentence(s.get("id").getAsInt(), s.get("text").getAsString(), tokens,
                    s.get("truncated").getAsBoolean(), ids));
        }
        return out;
    }

    public static ExpectedSentence expected(int id) throws IOException {
        return expectedSentences().stream().filter(s -> s.id() == id).findFirst().orElseThrow();
    }
}
