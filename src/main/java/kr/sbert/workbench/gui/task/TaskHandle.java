package kr.sbert.workbench.gui.task;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import kr.sbert.workbench.core.task.CancelToken;

/**
 * One running (or finished) background task as the status bar shows it: title, progress
 * (0–1, or -1 when unknown), a message, its state, and a cancel. Properties change on the FX
 * thread only (the synchronous runner: on the caller's thread).
 */
public final class TaskHandle {
    private final String title;
    private final CancelToken cancelToken = new CancelToken();
    private final DoubleProperty progress = new SimpleDoubleProperty(-1);
    private final StringProperty message = new SimpleStringProperty("");
    private final ObjectProperty<TaskState> state = new SimpleObjectProperty<>(TaskState.RUNNING);

    TaskHandle(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }

    /** Asks the work to stop at its next check point. */
    public void cancel() {
        cancelToken.cancel();
    }

    public boolean isCancelRequested() {
        return cancelToken.isCancelled();
    }

    CancelToken cancelToken() {
        return cancelToken;
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message;
    }

    public ReadOnlyObjectProperty<TaskState> stateProperty() {
        return state;
    }

    public TaskState state() {
        return state.get();
    }

    void setProgress(double value, String text) {
        progress.set(value);
        message.set(text);
    }

    void setState(TaskState s) {
        state.set(s);
    }
}
