package kr.sbert.workbench;

import kr.sbert.workbench.cli.WorkbenchCommand;

/**
 * Entry point of {@code kr-sbert-workbench.jar}: no arguments opens the workbench window,
 * anything else runs the command line.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        configureDjl();
        if (args.length == 0) {
            kr.sbert.workbench.gui.WorkbenchLauncher.launch(args);
            return;
        }
        System.exit(WorkbenchCommand.run(args));
    }

    /**
     * DJL phones home at engine start and at every tokenizer load unless told it is offline;
     * on a closed network those calls cost seconds. Must run before any DJL class loads.
     */
    public static void configureDjl() {
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
    }
}
