package kr.sbert.workbench.gui.task;

import java.util.function.Consumer;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import kr.sbert.workbench.core.task.CancelledException;

/** Runs work at once on the caller's thread: for view-model tests without a toolkit. */
public final class SyncTaskRunner implements TaskRunner {
    private final ObservableList<TaskHandle> running = FXCollections.observableArrayList();

    @Override
    public <T> TaskHandle submit(String title, Work<T> work, Consumer<? super T> onSuccess,
                                 Consumer<? super Throwable> onError) {
        TaskHandle handle = new TaskHandle(title);
        running.add(handle);
        T result;
        try {
            result = work.run((what, done, total) -> handle.setProgress(
                    total > 0 ? (double) done / total : -1, what), handle.cancelToken());
        } catch (CancelledException e) {
            running.remove(handle);
            handle.setState(TaskState.CANCELLED);
            return handle;
        } catch (Exception | Error e) {
            running.remove(handle);
            handle.setState(TaskState.FAILED);
            onError.accept(e);
            return handle;
        }
        running.remove(handle);
        handle.setState(TaskState.SUCCEEDED);
        onSuccess.accept(result);
        return handle;
    }

    @Override
    public ObservableList<TaskHandle> running() {
        return running;
    }

    @Override
    public void shutdown() {
    }
}
