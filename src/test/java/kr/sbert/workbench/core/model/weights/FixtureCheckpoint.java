package kr.sbert.workbench.core.model.weights;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The tiny KR-SBERT fixture in ../shared and the tensor names and shapes it is expected to hold. */
final class FixtureCheckpoint {

    private FixtureCheckpoint() {
    }

    static Path modelDir() {
        return Path.of(System.getProperty("shared.dir"), "fixtures", "tiny-kr-sbert");
    }

    /** {@code checkpoint.tensors} of tiny-kr-sbert.expected.json, in file order. */
    static Map<String, long[]> expectedShapes() throws IOException {
        Path json = Path.of(System.getProperty("shared.dir"), "fixtures", "tiny-kr-sbert.expected.json");
        JsonObject tensors = JsonParser.parseString(Files.readString(json)).getAsJsonObject()
                .getAsJsonObject("checkpoint").getAsJsonObject("tensors");
        Map<String, long[]> shapes = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> e : tensors.entrySet()) {
            shapes.put(e.getKey(), e.getValue().getAsJsonArray().asList().stream()
                    .mapToLong(JsonElement::getAsLong).toArray());
        }
        return shapes;
    }

    static Map<String, long[]> shapesOf(Map<String, RawTensor> tensors) {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        tensors.forEach((name, t) -> shapes.put(name, t.shape()));
        return shapes;
    }
}
