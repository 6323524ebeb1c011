package kr.sbert.workbench.gui;

import javafx.application.Application;
import javafx.stage.Stage;
import kr.sbert.workbench.gui.service.CoreBackend;
import kr.sbert.workbench.gui.status.UncaughtErrors;
import kr.sbert.workbench.gui.task.FxTaskRunner;
import kr.sbert.workbench.gui.workspace.WorkspaceStore;

/** The JavaFX application: one workbench window over the real core, workspace in the default folder. */
public final class WorkbenchApp extends Application {

    @Override
    public void start(Stage stage) {
        UncaughtErrors errors = UncaughtErrors.install();
        WorkbenchWindow window = WorkbenchWindow.open(stage, new CoreBackend(), new FxTaskRunner(2),
                WorkspaceStore.atDefaultLocation());
        errors.reportTo(window.viewModel().status());
    }
}
