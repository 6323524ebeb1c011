package kr.sbert.workbench.gui.status;

import java.io.PrintWriter;
import java.io.StringWriter;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ObservableList;
import kr.sbert.workbench.gui.task.TaskHandle;
import kr.sbert.workbench.gui.task.TaskRunner;

/**
 * State of the status bar: the running tasks (from the {@link TaskRunner}), an info line,
 * and the last error as one readable line with its details (stack trace) on demand.
 */
public final class StatusViewModel {
    private final TaskRunner runner;
    private final ReadOnlyStringWrapper info = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper errorDetails = new ReadOnlyStringWrapper("");

    public StatusViewModel(TaskRunner runner) {
        this.runner = runner;
    }

    public ObservableList<TaskHandle> tasks() {
        return runner.running();
    }

    public ReadOnlyStringProperty infoProperty() {
        return info.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorDetailsProperty() {
        return errorDetails.getReadOnlyProperty();
    }

    public void info(String line) {
        info.set(line);
    }

    /** Shows {@code context: message} as one line; the stack trace becomes the details. */
    public void report(String context, Throwable e) {
        error.set(context + ": " + oneLine(e));
        StringWriter sw = new StringWriter();
        e.printStackTrace(new PrintWriter(sw));
        errorDetails.set(sw.toString());
    }

    public void clearError() {
        error.set("");
        errorDetails.set("");
    }

    /** The message a user can act on: one line, no Java class name (see {@code UserText.of}). */
    public static String oneLine(Throwable e) {
        Throwable t = e;
        while ((t instanceof RuntimeException) && t.getCause() != null && t.getMessage() != null
                && t.getMessage().equals(t.getCause().toString())) {
            t = t.getCause();
        }
        return kr.sbert.workbench.core.UserText.of(t);
    }
}
