package kr.sbert.workbench.gui;

import javafx.application.Application;

/**
 * Opens the workbench window. Kept apart from {@link WorkbenchApp} so the jar's main class is
 * not an {@code Application} subclass (the JavaFX launcher then works from the class path).
 */
public final class WorkbenchLauncher {
    private WorkbenchLauncher() {
    }

    public static void launch(String[] args) {
        Application.launch(WorkbenchApp.class, args);
    }
}
