package kr.sbert.workbench.core.task;

import java.util.concurrent.atomic.AtomicBoolean;

/** A flag a caller sets to ask long-running core work to stop at its next check point. */
public final class CancelToken {
    /** A token that is never cancelled. */
    public static final CancelToken NONE = new CancelToken();

    private final AtomicBoolean cancelled = new AtomicBoolean();

    public void cancel() {
        if (this != NONE) {
            cancelled.set(true);
        }
    }

    public boolean isCancelled() {
        return cancelled.get();
    }

    /** Throws {@link CancelledException} when cancellation was requested. */
    public void throwIfCancelled() throws CancelledException {
        if (isCancelled()) {
            throw new CancelledException();
        }
    }
}
