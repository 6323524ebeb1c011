package kr.sbert.workbench.gui.window;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javafx.application.Platform;

/**
 * Watches the FX thread: a daemon thread posts one {@code runLater} every 5 ms (one outstanding
 * at a time) and records, per post, the wall-clock delay until it ran and the CPU time the FX
 * thread spent in that interval. The CPU figure is what the window itself made the FX thread
 * do; the wall-clock figure also holds waiting for the render thread and for a CPU on a busy
 * machine.
 */
final class FxLatencyWatcher implements AutoCloseable {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private final AtomicLong maxWallNanos = new AtomicLong();
    private final AtomicLong maxCpuNanos = new AtomicLong();
    private final AtomicLong samples = new AtomicLong();
    private volatile long fxThreadId = -1;
    private volatile boolean running = true;
    private final Thread thread;

    FxLatencyWatcher() throws InterruptedException {
        CountDownLatch known = new CountDownLatch(1);
        Platform.runLater(() -> {
            fxThreadId = Thread.currentThread().getId();
            known.countDown();
        });
        known.await(10, TimeUnit.SECONDS);
        thread = new Thread(this::loop, "fx-latency-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        while (running) {
            long cpuBefore = THREADS.getThreadCpuTime(fxThreadId);
            long posted = System.nanoTime();
            CountDownLatch ran = new CountDownLatch(1);
            Platform.runLater(() -> {
                maxWallNanos.accumulateAndGet(System.nanoTime() - posted, Math::max);
                ran.countDown();
            });
            try {
                ran.await();
                long cpu = THREADS.getThreadCpuTime(fxThreadId) - cpuBefore;
                maxCpuNanos.accumulateAndGet(cpu, Math::max);
                samples.incrementAndGet();
                Thread.sleep(5);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Longest wall-clock wait for the FX thread, in ms. */
    long maxWallMillis() {
        return maxWallNanos.get() / 1_000_000;
    }

    /** Longest stretch of FX-thread CPU work between two check-ins, in ms. */
    long maxCpuMillis() {
        return maxCpuNanos.get() / 1_000_000;
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
