package kr.sbert.workbench.gui.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceStoreTest {
    @TempDir
    Path dir;

    private static Workspace sample() {
        return new Workspace(List.of(new Workspace.PairData("한 남자가 춤을 춘다.", "남자가 춤춘다.", 4.2),
                        new Workspace.PairData("고양이", "개", null)),
                List.of("/models/tiny"), List.of("baseline:char-ngram", "/models/tiny"), "/data/pairs.tsv", true,
                new Workspace.WindowLayout(10, 20, 1200, 800, false, List.of(0.2, 0.6), "COSINE", "Metrics"));
    }

    @Test
    void savedWorkspaceReadsBackEqual() throws IOException {
        WorkspaceStore store = new WorkspaceStore(dir.resolve("sub"));
        store.save(sample());
        assertThat(store.load()).contains(sample());
    }

    @Test
    void saveLeavesNoTemporaryFilesBehind() throws IOException {
        WorkspaceStore store = new WorkspaceStore(dir);
        store.save(sample());
        store.save(sample());
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("workspace.json");
        }
    }

    @Test
    void missingFileIsAnEmptyWorkspace() throws IOException {
        assertThat(new WorkspaceStore(dir).load()).isEmpty();
    }

    @Test
    void unreadableFileIsKeptAsideAndReported() throws IOException {
        Files.writeString(dir.resolve("workspace.json"), "{\"pairs\": [", StandardCharsets.UTF_8);
        WorkspaceStore store = new WorkspaceStore(dir);
        assertThatThrownBy(store::load).isInstanceOf(IOException.class).hasMessageContaining("workspace.json.broken");
        assertThat(dir.resolve("workspace.json.broken")).hasContent("{\"pairs\": [");
        assertThat(store.load()).isEmpty();
    }

    @Test
    void systemPropertyOverridesTheDefaultFolder() {
        String before = System.getProperty(WorkspaceStore.DIR_PROPERTY);
        try {
            System.setProperty(WorkspaceStore.DIR_PROPERTY, dir.toString());
            assertThat(WorkspaceStore.defaultDir()).isEqualTo(dir);
        } finally {
            if (before == null) {
                System.clearProperty(WorkspaceStore.DIR_PROPERTY);
            } else {
                System.setProperty(WorkspaceStore.DIR_PROPERTY, before);
            }
        }
    }

    @Test
    void defaultFolderEndsInTheApplicationName() {
        String before = System.getProperty(WorkspaceStore.DIR_PROPERTY);
        try {
            System.clearProperty(WorkspaceStore.DIR_PROPERTY);
            if (System.getenv(WorkspaceStore.DIR_ENV) == null) {
                assertThat(WorkspaceStore.defaultDir().getFileName()).hasToString("kr-sbert-workbench");
            }
        } finally {
            if (before != null) {
                System.setProperty(WorkspaceStore.DIR_PROPERTY, before);
            }
        }
    }
}
