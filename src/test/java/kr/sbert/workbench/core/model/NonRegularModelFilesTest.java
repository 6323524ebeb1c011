package kr.sbert.workbench.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonArray;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import kr.sbert.workbench.core.text.TokenizerLoader;
import kr.sbert.workbench.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An optional model file that is there but is no regular file (a FIFO, a device, a folder, a
 * link to nothing) is refused with its name, never read as absent (which would load the model
 * with other settings than its files say) and never read (a FIFO blocks, a device never ends).
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class NonRegularModelFilesTest {
    @TempDir
    Path tmp;

    private static final String[] KINDS = {"fifo", "folder", "dangling link", "device link"};

    private Path place(Path file, String kind) throws Exception {
        Files.deleteIfExists(file);
        switch (kind) {
            case "fifo" -> assertThat(new ProcessBuilder("mkfifo", file.toString()).start().waitFor(10, TimeUnit.SECONDS))
                    .isTrue();
            case "folder" -> Files.createDirectory(file);
            case "dangling link" -> Files.createSymbolicLink(file, tmp.resolve("nowhere-" + file.getFileName()));
            default -> Files.createSymbolicLink(file, Path.of("/dev/zero"));
        }
        return file;
    }

    @ParameterizedTest
    @ValueSource(strings = {"modules.json", "sentence_bert_config.json", "tokenizer_config.json",
            "special_tokens_map.json", "tokenizer.json", "model.safetensors"})
    void aNonRegularOptionalFileIsRefusedByName(String name) throws Exception {
        for (String kind : KINDS) {
            Path model = Fixtures.copyModel(Fixtures.tinyModel(), tmp.resolve(name + "-" + kind.replace(' ', '-')));
            Path file = place(model.resolve(name), kind);
            assertThatThrownBy(() -> SentenceTransformerModel.load(model).close()).as(name + " as " + kind)
                    .isInstanceOf(MalformedModelException.class)
                    .hasMessageStartingWith(file + ": ")
                    .hasMessageContaining("where the model's file belongs")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("Exception").doesNotContain("\n"));
        }
    }

    @Test
    void aVocabularyThatIsAFifoIsRefusedNotRead() throws Exception {
        Path model = Fixtures.copyModel(Fixtures.tinyModel(), tmp.resolve("vocab-fifo"));
        place(model.resolve("vocab.txt"), "fifo");
        assertThatThrownBy(() -> TokenizerLoader.load(model, kr.sbert.workbench.core.text.TokenizerSettings.of(128, false)))
                .isInstanceOf(MalformedModelException.class)
                .hasMessageContaining("vocab.txt: not a regular file");
    }

    @Test
    void aModulePathWithANulCharacterNamesModulesJson() throws Exception {
        Path model = Fixtures.copyModel(Fixtures.tinyModel(), tmp.resolve("nul"));
        Path modules = model.resolve("modules.json");
        JsonArray m = JsonParser.parseString(Files.readString(modules)).getAsJsonArray();
        m.get(1).getAsJsonObject().addProperty("path", "1_Pooling\u0000/../x");
        Files.writeString(modules, m.toString());
        assertThatThrownBy(() -> ModelFolder.read(model))
                .isInstanceOf(MalformedModelException.class)
                .hasMessageStartingWith(modules + ": module path '1_Pooling\\x00/../x' is not a valid path");
    }
}
