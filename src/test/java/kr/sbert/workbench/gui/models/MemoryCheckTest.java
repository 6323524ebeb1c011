package kr.sbert.workbench.gui.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import kr.sbert.workbench.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The memory a model needs before it is ticked, against what the machine has free. */
class MemoryCheckTest {
    @TempDir
    Path tmp;

    @Test
    void catalogSizesReadInDecimalUnits() {
        assertThat(MemoryCheck.sizeText("467 MB")).hasValue(467_000_000L);
        assertThat(MemoryCheck.sizeText("≈2.27 GB")).hasValue(2_270_000_000L);
        assertThat(MemoryCheck.sizeText("")).isEmpty();
    }

    @Test
    void availableMemoryIsMemAvailableOfProcMeminfo() throws Exception {
        Path meminfo = Files.writeString(tmp.resolve("meminfo"),
                "MemTotal:       24567890 kB\nMemFree:         1000000 kB\nMemAvailable:    2000000 kB\n");
        assertThat(MemoryCheck.availableBytes(meminfo)).hasValue(2_000_000L * 1024);
        assertThat(MemoryCheck.availableBytes(tmp.resolve("missing"))).isEmpty();
    }

    @Test
    void neededBytesAreTheWeightsPlusAMargin() {
        ModelEntry bge = new ModelEntry("BAAI/bge-m3", ModelKind.CATALOG, "", "≈2.27 GB", false, "XLM-R large · Unigram");
        assertThat(MemoryCheck.neededBytes(bge)).hasValue(2_270_000_000L + MemoryCheck.MARGIN_BYTES);
        assertThat(bge.stateTextProperty().get()).isEqualTo("not downloaded · ≈2.27 GB");
        assertThat(bge.family()).isEqualTo("XLM-R large · Unigram");
        // an added folder: its weight file's size (the fixture's model.safetensors)
        Path tiny = Fixtures.tinyModel();
        ModelEntry folder = new ModelEntry(tiny.toString(), ModelKind.ADDED, "local folder", "", true);
        assertThat(MemoryCheck.neededBytes(folder)).hasValue(5_205_384L + MemoryCheck.MARGIN_BYTES);
    }
}
