package kr.sbert.workbench.gui;

import javafx.application.Application;
import javafx.stage.Stage;

/** Placeholder until the core backend lands. */
public final class WorkbenchApp extends Application {
    @Override
    public void start(Stage stage) {
        throw new UnsupportedOperationException("core not merged yet");
    }
}
