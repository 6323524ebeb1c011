package kr.sbert.workbench.gui.window;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javafx.application.Platform;

/**
 * Measures how long the FX thread takes to pick up a posted runnable: a daemon thread posts
 * one {@code runLater} every 5 ms (one outstanding at a time) and keeps the longest delay.
 */
final class FxLatencyWatcher implements AutoCloseable {
    private final AtomicLong maxNanos = new AtomicLong();
    private final AtomicLong samples = new AtomicLong();
    private volatile boolean running = true;
    private final Thread thread;

    FxLatencyWatcher() {
        thread = new Thread(this::loop, "fx-latency-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        while (running) {
            long posted = System.nanoTime();
            CountDownLatch ran = new CountDownLatch(1);
            Platform.runLater(() -> {
                maxNanos.accumulateAndGet(System.nanoTime() - posted, Math::max);
                samples.incrementAndGet();
                ran.countDown();
            });
            try {
                while (!ran.await(1, TimeUnit.SECONDS)) {
                    maxNanos.accumulateAndGet(System.nanoTime() - posted, Math::max);
                }
                Thread.sleep(5);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    long maxMillis() {
        return maxNanos.get() / 1_000_000;
    }

    long samples() {
        return samples.get();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(2000);
    }
}
