package kr.sbert.workbench.gui;

import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;
import kr.sbert.workbench.gui.main.MainController;
import kr.sbert.workbench.gui.main.WorkbenchViewModel;
import kr.sbert.workbench.gui.models.ModelDialogs;
import kr.sbert.workbench.gui.models.ModelEntry;
import kr.sbert.workbench.gui.status.StatusViewModel;
import kr.sbert.workbench.gui.service.WorkbenchBackend;
import kr.sbert.workbench.gui.task.TaskRunner;
import kr.sbert.workbench.gui.workspace.Workspace;
import kr.sbert.workbench.gui.workspace.WorkspaceStore;

/**
 * The workbench window on a stage: builds the view model and the views, restores the
 * workspace and window layout, and saves them again when the window closes. Must be opened on
 * the FX thread.
 */
public final class WorkbenchWindow {
    /** Shown in the title bar. */
    public static final String TITLE = "KR-SBERT Workbench";

    private final Stage stage;
    private final WorkbenchViewModel vm;
    private final MainController controller;
    private final TaskRunner runner;
    private final ExecutorService saver;

    private WorkbenchWindow(Stage stage, WorkbenchViewModel vm, MainController controller, TaskRunner runner,
                            ExecutorService saver) {
        this.stage = stage;
        this.vm = vm;
        this.controller = controller;
        this.runner = runner;
        this.saver = saver;
    }

    /** Builds the window on {@code stage}, shows it and starts loading and scoring. */
    public static WorkbenchWindow open(Stage stage, WorkbenchBackend backend, TaskRunner runner, WorkspaceStore store) {
        ExecutorService saver = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "workspace-save");
            t.setDaemon(true);
            return t;
        });
        WorkbenchViewModel vm = new WorkbenchViewModel(backend, runner, store, saver);
        Views.Loaded<MainController> view = Views.load(MainController.class, vm);
        WorkbenchWindow w = new WorkbenchWindow(stage, vm, view.controller(), runner, saver);
        stage.titleProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> {
            java.nio.file.Path f = vm.pairs().openedFileProperty().get();
            String file = f == null ? "" : " — " + f.getFileName() + (vm.pairs().dirtyProperty().get() ? " (edited)" : "");
            return TITLE + file;
        }, vm.pairs().openedFileProperty(), vm.pairs().dirtyProperty()));
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        stage.setScene(new Scene(view.root(), Math.min(1400, screen.getWidth()), Math.min(900, screen.getHeight())));
        stage.setMinWidth(800);
        stage.setMinHeight(520);
        vm.status().setLogFile(store.file().resolveSibling(StatusViewModel.LOG_NAME));
        vm.models().setConfirmDownload(e -> ModelDialogs.confirmDownload(stage, e));
        vm.models().setConfirmMemory(e -> ModelDialogs.confirmMemory(stage, e));
        vm.start();
        w.applyLayout(vm.layoutProperty().get());
        stage.setOnHiding(e -> w.closing());
        // The title bar's close button asks as Ctrl+Q does (Save / Discard / Cancel).
        stage.setOnCloseRequest(e -> {
            if (!view.controller().confirmQuit(stage::close)) {
                e.consume();
            }
        });
        stage.show();
        if (vm.layoutProperty().get() != null) {
            view.controller().applyDividers(vm.layoutProperty().get().dividers());
            view.controller().applyViewState(vm.layoutProperty().get());
        }
        view.controller().saveLayoutOnChange(stage);
        return w;
    }

    public Stage stage() {
        return stage;
    }

    public WorkbenchViewModel viewModel() {
        return vm;
    }

    public MainController controller() {
        return controller;
    }

    private void applyLayout(Workspace.WindowLayout l) {
        if (l == null || l.width() < 300 || l.height() < 200) {
            return;
        }
        Rectangle2D wanted = new Rectangle2D(l.x(), l.y(), l.width(), l.height());
        boolean visible = Screen.getScreens().stream().anyMatch(s -> s.getVisualBounds().intersects(wanted));
        stage.setWidth(l.width());
        stage.setHeight(l.height());
        if (visible) {
            stage.setX(l.x());
            stage.setY(l.y());
        }
        stage.setMaximized(l.maximized());
    }

    private void closing() {
        vm.layoutProperty().set(controller.captureLayout(stage));
        // Autosaves still queued hold older snapshots: let them finish first, then write the last one.
        saver.shutdown();
        try {
            saver.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            vm.saveNow();
        } catch (IOException e) {
            System.err.println("error: could not save the workspace: " + e.getMessage());
        }
        runner.shutdown();
        vm.tokenizerPreviews().close();
        for (ModelEntry e : vm.models().entries()) {
            if (e.loaded() != null) {
                e.loaded().close();
            }
        }
    }
}
