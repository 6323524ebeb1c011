package kr.sbert.workbench.gui.main;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.collections.ListChangeListener;
import kr.sbert.workbench.core.hub.FakeHub;
import kr.sbert.workbench.core.hub.HubSettings;
import kr.sbert.workbench.core.hub.ModelCatalog;
import kr.sbert.workbench.core.hub.ModelLocator;
import kr.sbert.workbench.gui.GuiFixtures;
import kr.sbert.workbench.gui.models.ModelEntry;
import kr.sbert.workbench.gui.models.ModelState;
import kr.sbert.workbench.gui.service.CoreBackend;
import kr.sbert.workbench.gui.task.SyncTaskRunner;
import kr.sbert.workbench.gui.task.TaskHandle;
import kr.sbert.workbench.gui.workspace.WorkspaceStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A catalog variant that is not in the cache, ticked in the models panel, downloads from a real
 * HTTP server on loopback speaking the hub's protocol (the hub tests' {@link FakeHub}, serving
 * the tiny fixture under the V40K id) and then loads.
 */
class CatalogDownloadTest {
    private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

    @TempDir
    Path config;
    @TempDir
    Path cache;
    private FakeHub hub;
    private WorkbenchViewModel vm;

    @BeforeEach
    void start() throws Exception {
        hub = new FakeHub();
        String id = ModelCatalog.entries().get(0).id();
        hub.serveFolder(id, COMMIT, GuiFixtures.tinyModel());
        HubSettings settings = new HubSettings(cache, hub.endpoint(), Optional.empty(), false);
        vm = new WorkbenchViewModel(new CoreBackend(new ModelLocator(settings)), new SyncTaskRunner(),
                new WorkspaceStore(config), Runnable::run);
        vm.start();
    }

    @AfterEach
    void stop() {
        vm.models().entries().stream().filter(e -> e.loaded() != null).forEach(e -> e.loaded().close());
        hub.close();
    }

    @Test
    void cancellingADownloadLeavesTheVariantNotDownloaded() {
        String id = ModelCatalog.entries().get(0).id();
        ModelEntry entry = vm.models().find(id).orElseThrow();
        // Cancel the task as the status bar's Cancel does, as soon as the first bytes arrive.
        vm.status().tasks().addListener((ListChangeListener<TaskHandle>) c -> {
            while (c.next()) {
                for (TaskHandle h : c.getAddedSubList()) {
                    h.progressProperty().addListener((o, was, now) -> {
                        if (now.doubleValue() > 0) {
                            h.cancel();
                        }
                    });
                }
            }
        });
        entry.setSelected(true);

        assertThat(entry.state()).isEqualTo(ModelState.NOT_DOWNLOADED);
        assertThat(entry.isSelected()).isFalse();
        assertThat(entry.stateTextProperty().get()).contains("cancelled");
        assertThat(vm.status().errorProperty().get()).isEmpty();
        assertThat(vm.models().find(id).orElseThrow().loaded()).isNull();
        assertThat(vm.resultProperty().get().evaluations()).extracting(e -> e.model())
                .containsExactly(WorkbenchViewModel.DEFAULT_BASELINE);
    }

    @Test
    void aFailedDownloadIsRetriedAsADownload() {
        // Offline (HF_HUB_OFFLINE) with nothing cached: the download fails at once.
        HubSettings offline = new HubSettings(cache, hub.endpoint(), Optional.empty(), true);
        WorkbenchViewModel vm = new WorkbenchViewModel(new CoreBackend(new ModelLocator(offline)), new SyncTaskRunner(),
                new WorkspaceStore(config.resolve("offline")), Runnable::run);
        vm.start();
        String id = ModelCatalog.entries().get(0).id();
        ModelEntry entry = vm.models().find(id).orElseThrow();
        List<String> titles = new CopyOnWriteArrayList<>();
        vm.status().tasks().addListener((ListChangeListener<TaskHandle>) c -> {
            while (c.next()) {
                c.getAddedSubList().forEach(h -> titles.add(h.title()));
            }
        });
        entry.setSelected(true);
        assertThat(entry.state()).isEqualTo(ModelState.ERROR);

        entry.setSelected(false);
        entry.setSelected(true);
        assertThat(titles).filteredOn(t -> !t.startsWith("Scoring")).containsExactly("Downloading " + id, "Downloading " + id);
        assertThat(entry.state()).isEqualTo(ModelState.ERROR);
    }

    @Test
    void tickedCatalogVariantDownloadsWithProgressAndLoads() {
        String id = ModelCatalog.entries().get(0).id();
        ModelEntry entry = vm.models().find(id).orElseThrow();
        assertThat(entry.state()).isEqualTo(ModelState.NOT_DOWNLOADED);
        assertThat(entry.stateTextProperty().get()).startsWith("not downloaded · ").contains("MB");

        List<Double> progress = new CopyOnWriteArrayList<>();
        List<String> titles = new CopyOnWriteArrayList<>();
        vm.status().tasks().addListener((ListChangeListener<TaskHandle>) c -> {
            while (c.next()) {
                for (TaskHandle h : c.getAddedSubList()) {
                    titles.add(h.title());
                    h.progressProperty().addListener((o, was, now) -> progress.add(now.doubleValue()));
                }
            }
        });
        entry.setSelected(true);

        assertThat(entry.state()).isEqualTo(ModelState.READY);
        assertThat(titles).contains("Downloading " + id);
        assertThat(progress).anyMatch(p -> p > 0 && p <= 1);
        assertThat(entry.factsProperty().get()).contains("revision: " + COMMIT, "vocab size: 40000");
        assertThat(vm.resultProperty().get().evaluations()).extracting(e -> e.model())
                .containsExactly(WorkbenchViewModel.DEFAULT_BASELINE, id);
    }
}
