package kr.sbert.workbench.gui.task;

import java.util.function.Consumer;
import javafx.collections.ObservableList;

/**
 * Runs {@link Work} in the background and calls back on the UI thread. Running tasks are
 * listed (for the status bar) until they finish.
 */
public interface TaskRunner {

    /**
     * Starts work. Exactly one of {@code onSuccess} / {@code onError} runs on the UI thread,
     * unless the work was cancelled ({@link kr.sbert.workbench.core.task.CancelledException}),
     * in which case neither runs and the handle ends {@link TaskState#CANCELLED}.
     */
    <T> TaskHandle submit(String title, Work<T> work, Consumer<? super T> onSuccess,
                          Consumer<? super Throwable> onError);

    /** Tasks still running, in start order; changes on the UI thread. */
    ObservableList<TaskHandle> running();

    /** Stops accepting work and interrupts what runs (window closing). */
    void shutdown();
}
