package kr.sbert.workbench.gui.status;

import java.io.PrintStream;
import javafx.application.Platform;

/**
 * The window's last edge: whatever a thread throws and nobody catches (an {@code Error} included)
 * becomes one line on stderr and, once a window is there, one line in its status bar, with the
 * stack trace appended to the log file rather than printed (as the command line keeps traces for
 * {@code --verbose}).
 */
public final class UncaughtErrors implements Thread.UncaughtExceptionHandler {
    private final PrintStream err;
    private volatile StatusViewModel status;

    public UncaughtErrors(PrintStream err) {
        this.err = err;
    }

    /** Installs a handler writing to {@code System.err} for every thread; returns it to {@link #reportTo}. */
    public static UncaughtErrors install() {
        UncaughtErrors handler = new UncaughtErrors(System.err);
        Thread.setDefaultUncaughtExceptionHandler(handler);
        return handler;
    }

    /** From now on errors also show in this status bar, and their traces go to its log file. */
    public void reportTo(StatusViewModel status) {
        this.status = status;
    }

    @Override
    public void uncaughtException(Thread thread, Throwable e) {
        try {
            StatusViewModel s = status;
            String line = "error: " + StatusViewModel.oneLine(e) + " (thread " + thread.getName() + ")";
            if (s == null || s.logFile() == null) {
                err.println(line);
                return;
            }
            err.println(line + "; details in " + s.logFile());
            if (Platform.isFxApplicationThread()) {
                s.report("Unexpected error", e);
            } else {
                Platform.runLater(() -> s.report("Unexpected error", e));
            }
        } catch (Throwable ignored) {
            // the handler of last resort must not throw (an OutOfMemoryError can strike here too)
        }
    }
}
