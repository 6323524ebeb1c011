package kr.sbert.workbench.cli;

import java.io.PrintWriter;
import java.util.Locale;
import kr.sbert.workbench.core.task.ProgressListener;

/**
 * A one-line progress bar on stderr: done/total, rate, ETA. It stays silent for the first
 * second, so quick work prints nothing, and redraws at most ten times a second; only on a
 * terminal (see {@link Terminal}): in a log or a pipe it prints nothing.
 */
public final class ProgressBar implements ProgressListener, AutoCloseable {
    private static final long QUIET_NANOS = 1_000_000_000L;
    private static final long REDRAW_NANOS = 100_000_000L;
    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final String unit;
    private final long started = System.nanoTime();
    private long lastDraw;
    private boolean drawn;
    private final boolean animated;

    /**
     * @param err  where to draw (the command's stderr)
     * @param unit what is counted, e.g. "pairs", "sentences", "B" (bytes are shown as MB)
     */
    public ProgressBar(PrintWriter err, String unit) {
        this(err, unit, Terminal.stderrIsTerminal());
    }

    /** @param animated draw at all (only a terminal shows a redrawn line as one line) */
    ProgressBar(PrintWriter err, String unit, boolean animated) {
        this.err = err;
        this.unit = unit;
        this.animated = animated;
    }

    @Override
    public synchronized void update(String what, long done, long total) {
        if (!animated) {
            return;
        }
        long now = System.nanoTime();
        boolean finished = total > 0 && done >= total;
        if (now - started < QUIET_NANOS || (!finished && now - lastDraw < REDRAW_NANOS)) {
            return;
        }
        lastDraw = now;
        drawn = true;
        err.print('\r' + render(what, done, total, (now - started) / 1e9) + "\u001b[K");
        err.flush();
    }

    /** The bar's text for the given state; public for tests. */
    public String render(String what, long done, long total, double seconds) {
        boolean bytes = "B".equals(unit);
        double rate = seconds > 0 ? done / seconds : 0;
        StringBuilder sb = new StringBuilder();
        if (what != null && !what.isEmpty()) {
            sb.append(what).append(' ');
        }
        if (total > 0) {
            int filled = (int) Math.min(WIDTH, WIDTH * done / total);
            sb.append('[').append("#".repeat(filled)).append(" ".repeat(WIDTH - filled)).append("] ");
            sb.append(amount(done, bytes)).append('/').append(amount(total, bytes));
        } else {
            sb.append(amount(done, bytes));
        }
        sb.append(bytes ? " MB" : " " + unit);
        sb.append(String.format(Locale.ROOT, bytes ? ", %.1f MB/s" : ", %.1f/s", bytes ? rate / 1e6 : rate));
        if (total > 0 && rate > 0 && done < total) {
            sb.append(", ETA ").append(duration((total - done) / rate));
        }
        return sb.toString();
    }

    private static String amount(long n, boolean bytes) {
        return bytes ? String.format(Locale.ROOT, "%.1f", n / 1e6) : Long.toString(n);
    }

    private static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60)
                : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }

    /** Ends the bar's line, if one was drawn. */
    @Override
    public synchronized void close() {
        if (drawn) {
            err.println();
            err.flush();
        }
    }
}
