package kr.sbert.workbench.gui.task;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import kr.sbert.workbench.core.task.CancelledException;

/**
 * Queues work until the test runs it (tests only): shows what a view model does while a task
 * is still running, as the real runner's pool would leave it. Records every title submitted.
 */
public final class ManualTaskRunner implements TaskRunner {
    private final ObservableList<TaskHandle> running = FXCollections.observableArrayList();
    private final Deque<Runnable> queue = new ArrayDeque<>();
    private final List<String> titles = new ArrayList<>();

    @Override
    public <T> TaskHandle submit(String title, Work<T> work, Consumer<? super T> onSuccess,
                                 Consumer<? super Throwable> onError) {
        TaskHandle handle = new TaskHandle(title);
        titles.add(title);
        running.add(handle);
        queue.add(() -> {
            T result;
            try {
                result = work.run((what, done, total) -> { }, handle.cancelToken());
            } catch (CancelledException e) {
                running.remove(handle);
                handle.setState(TaskState.CANCELLED);
                return;
            } catch (Exception | Error e) {
                running.remove(handle);
                handle.setState(TaskState.FAILED);
                onError.accept(e);
                return;
            }
            running.remove(handle);
            handle.setState(TaskState.SUCCEEDED);
            onSuccess.accept(result);
        });
        return handle;
    }

    /** Runs queued work, and work it queues, until none is left. */
    public void runAll() {
        while (!queue.isEmpty()) {
            queue.poll().run();
        }
    }

    public int queued() {
        return queue.size();
    }

    /** Titles of every task submitted so far, in order. */
    public List<String> titles() {
        return titles;
    }

    @Override
    public ObservableList<TaskHandle> running() {
        return running;
    }

    @Override
    public void shutdown() {
        queue.clear();
    }
}
