package kr.sbert.workbench.gui;

import javafx.application.Application;
import javafx.stage.Stage;
import kr.sbert.workbench.gui.service.CoreBackend;
import kr.sbert.workbench.gui.task.FxTaskRunner;
import kr.sbert.workbench.gui.workspace.WorkspaceStore;

/** The JavaFX application: one workbench window over the real core, workspace in the default folder. */
public final class WorkbenchApp extends Application {

    @Override
    public void start(Stage stage) {
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> {
            // The window's last edge: one line, whatever was thrown (an Error included); the trace follows
            // for the bug report, as --verbose does on the command line.
            System.err.println("error: " + kr.sbert.workbench.gui.status.StatusViewModel.oneLine(e)
                    + " (thread " + t.getName() + ")");
            e.printStackTrace();
        });
        WorkbenchWindow.open(stage, new CoreBackend(), new FxTaskRunner(2), WorkspaceStore.atDefaultLocation());
    }
}
