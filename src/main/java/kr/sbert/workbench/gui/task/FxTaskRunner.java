package kr.sbert.workbench.gui.task;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import kr.sbert.workbench.core.task.CancelledException;
import kr.sbert.workbench.core.task.ProgressListener;

/**
 * Runs work on a small pool of daemon threads and delivers results, errors and progress on
 * the FX thread. Progress updates are coalesced: at most one pending {@code runLater} per
 * task, so a fast core callback cannot flood the FX queue.
 */
public final class FxTaskRunner implements TaskRunner {
    private final ObservableList<TaskHandle> running = FXCollections.observableArrayList();
    private final ExecutorService pool;

    public FxTaskRunner(int threads) {
        AtomicInteger n = new AtomicInteger();
        pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "workbench-task-" + n.incrementAndGet());
            t.setDaemon(true);
            t.setPriority(Thread.NORM_PRIORITY - 1);
            return t;
        });
    }

    @Override
    public <T> TaskHandle submit(String title, Work<T> work, Consumer<? super T> onSuccess,
                                 Consumer<? super Throwable> onError) {
        TaskHandle handle = new TaskHandle(title);
        if (pool.isShutdown()) {
            // The window is closing: late requests (a debounce firing) are dropped, not run.
            handle.setState(TaskState.CANCELLED);
            return handle;
        }
        running.add(handle);
        pool.execute(() -> {
            CoalescingProgress progress = new CoalescingProgress(handle);
            try {
                T result = work.run(progress, handle.cancelToken());
                Platform.runLater(() -> finish(handle, TaskState.SUCCEEDED, () -> onSuccess.accept(result)));
            } catch (CancelledException e) {
                Platform.runLater(() -> finish(handle, TaskState.CANCELLED, () -> { }));
            } catch (Exception | Error e) {
                if (handle.isCancelRequested() && e instanceof InterruptedException) {
                    Platform.runLater(() -> finish(handle, TaskState.CANCELLED, () -> { }));
                } else {
                    Platform.runLater(() -> finish(handle, TaskState.FAILED, () -> onError.accept(e)));
                }
            }
        });
        return handle;
    }

    private void finish(TaskHandle handle, TaskState state, Runnable callback) {
        running.remove(handle);
        handle.setState(state);
        callback.run();
    }

    @Override
    public ObservableList<TaskHandle> running() {
        return running;
    }

    @Override
    public void shutdown() {
        running.forEach(TaskHandle::cancel);
        pool.shutdownNow();
    }

    /** Keeps the latest update and posts it to the FX thread only when none is pending. */
    private static final class CoalescingProgress implements ProgressListener {
        private final TaskHandle handle;
        private final AtomicReference<double[]> latest = new AtomicReference<>();
        private final AtomicReference<String> latestText = new AtomicReference<>("");
        private final AtomicBoolean pending = new AtomicBoolean();

        CoalescingProgress(TaskHandle handle) {
            this.handle = handle;
        }

        @Override
        public void update(String what, long done, long total) {
            latest.set(new double[] {total > 0 ? Math.min(1.0, (double) done / total) : -1});
            latestText.set(total > 0 ? what + " " + done + "/" + total : what + " " + done);
            if (pending.compareAndSet(false, true)) {
                Platform.runLater(() -> {
                    pending.set(false);
                    handle.setProgress(latest.get()[0], latestText.get());
                });
            }
        }
    }
}
