package kr.sbert.workbench.core.train;

import java.util.Locale;

/** How a run folder's run ended, as written in its {@code run.json}. */
public enum RunState {
    /** Still training, or the process died without a word (a crash or a kill). */
    RUNNING,
    /** Ran to its last step (or stopped early by --early-stopping) and wrote {@code final/}. */
    FINISHED,
    /** Cancelled by the user; no {@code final/}; a {@code best/} it wrote is from an unfinished run. */
    CANCELLED,
    /** A loss, gradient or dev cosine was NaN or infinite; no {@code final/}. */
    DIVERGED;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The state named by {@code key}, or RUNNING for an unknown word. */
    public static RunState of(String key) {
        for (RunState s : values()) {
            if (s.key().equals(key)) {
                return s;
            }
        }
        return RUNNING;
    }
}
