package kr.sbert.workbench.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import kr.sbert.workbench.core.text.TokenizerLoader;
import kr.sbert.workbench.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The bounded parser gives Gson's own tree for real files, and refuses what is over budget. */
class BoundedJsonTest {

    @Test
    void realModelFilesParseToTheSameTreeAsGson() throws Exception {
        List<Path> files;
        try (Stream<Path> s = Stream.concat(Files.walk(Fixtures.shared().resolve("model-files")),
                Files.walk(Fixtures.shared().resolve("fixtures")))) {
            files = s.filter(p -> p.toString().endsWith(".json")).toList();
        }
        assertThat(files).hasSizeGreaterThan(10);
        for (Path f : files) {
            String text = Files.readString(f, StandardCharsets.UTF_8);
            assertThat(BoundedJson.parse(text)).as(f.toString()).isEqualTo(JsonParser.parseString(text));
        }
        // and a real tokenizer.json: the one built for the V40K vocabulary (40,000 entries)
        Path v40k = Fixtures.shared().resolve("model-files/KR-SBERT-V40K-klueNLI-augSTS/0_Transformer");
        String tokenizer = TokenizerLoader.buildTokenizerJson(v40k);
        assertThat(BoundedJson.parse(tokenizer)).isEqualTo(JsonParser.parseString(tokenizer));
    }

    /** A streamed object reaches the sink member by member, is left out of the tree, and keeps the budgets. */
    @Test
    void theObjectAtTheStreamedPathGoesToTheSink() throws Exception {
        String text = "{\"model\":{\"type\":\"WordPiece\",\"vocab\":{\"a\":0,\"b\":1,\"a\":2},\"x\":[1]},"
                + "\"vocab\":{\"c\":3},\"other\":{\"model\":{\"vocab\":{\"d\":4}}}}";
        java.util.Map<String, String> seen = new java.util.LinkedHashMap<>();
        List<String> order = new java.util.ArrayList<>();
        com.google.gson.JsonElement tree = BoundedJson.parse(text, 100, List.of("model", "vocab"), (name, value) -> {
            order.add(name);
            seen.put(name, value.getAsString());
        });
        assertThat(order).containsExactly("a", "b", "a");
        assertThat(seen).containsExactly(java.util.Map.entry("a", "2"), java.util.Map.entry("b", "1"));
        // the same tree as Gson's without model.vocab; same-named objects elsewhere are untouched
        com.google.gson.JsonObject expected = JsonParser.parseString(text).getAsJsonObject();
        expected.getAsJsonObject("model").remove("vocab");
        assertThat(tree).isEqualTo(expected);

        // a value at the path that is not an object stays in the tree
        String notObject = "{\"model\":{\"vocab\":[1,2]}}";
        assertThat(BoundedJson.parse(notObject, 100, List.of("model", "vocab"), (n, v) -> {
            throw new AssertionError("not streamed");
        })).isEqualTo(JsonParser.parseString(notObject));

        // budgets: values, nesting inside the streamed object, number length
        assertThatThrownBy(() -> BoundedJson.parse("{\"model\":{\"vocab\":{\"a\":0,\"b\":1,\"c\":2}}}", 4,
                List.of("model", "vocab"), (n, v) -> { })).hasMessageContaining("more than 4 values");
        assertThatThrownBy(() -> BoundedJson.parse("{\"model\":{\"vocab\":{\"a\":[0]}}}", 100,
                List.of("model", "vocab"), (n, v) -> { })).hasMessageContaining("member 'a' holds an array");
        assertThatThrownBy(() -> BoundedJson.parse("{\"model\":{\"vocab\":{\"a\":" + "1".repeat(65) + "}}}", 100,
                List.of("model", "vocab"), (n, v) -> { })).hasMessageContaining("a number of 65 characters");
    }

    @Test
    void depthIsBoundedWithoutRecursion() throws Exception {
        assertThat(BoundedJson.parse("[".repeat(64) + "]".repeat(64)).isJsonArray()).isTrue();
        assertThatThrownBy(() -> BoundedJson.parse("[".repeat(65) + "]".repeat(65)))
                .hasMessageStartingWith("nested more than 64 levels deep at line 1 column 66");
        assertThatThrownBy(() -> BoundedJson.parse("{\"a\":".repeat(1_000_000)))
                .hasMessageContaining("nested more than 64 levels deep");
    }

    @Test
    void valueCountAndNumberLengthAreBounded() {
        assertThatThrownBy(() -> BoundedJson.parse("[1,2,3,4]", 4)).hasMessageContaining("more than 4 values");
        assertThatThrownBy(() -> BoundedJson.parse("[" + "9".repeat(65) + "]"))
                .hasMessageContaining("a number of 65 characters (limit 64)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "{\"a\":1,}x", "[1] [2]", "{\"a\" 1}"})
    void malformedJsonIsOneLineWithoutAClassName(String text) {
        assertThatThrownBy(() -> BoundedJson.parse(text))
                .isInstanceOf(BoundedJson.JsonProblem.class)
                .satisfies(e -> assertThat(e.getMessage()).startsWith("not valid JSON").doesNotContain("Exception")
                        .doesNotContain("\n"));
    }

    @Test
    void describeNeverRendersATree() throws Exception {
        assertThat(BoundedJson.describe(BoundedJson.parse("[[1],[2]]"))).isEqualTo("an array of 2 values");
        assertThat(BoundedJson.describe(BoundedJson.parse("{\"a\":{}}"))).isEqualTo("an object of 1 members");
        assertThat(BoundedJson.describe(BoundedJson.parse("\"\\u001b[2J\""))).isEqualTo("\"\\u001b[2J\"");
    }
}
