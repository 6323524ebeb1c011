package kr.sbert.workbench.gui;

/** Opens the workbench window (replaced by the JavaFX application in the GUI issue). */
public final class WorkbenchLauncher {
    private WorkbenchLauncher() {
    }

    public static void launch(String[] args) {
        System.err.println("The workbench window is not built yet; run a subcommand, e.g. --help.");
        System.exit(2);
    }
}
