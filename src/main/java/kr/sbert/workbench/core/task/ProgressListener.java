package kr.sbert.workbench.core.task;

/**
 * Plain progress callback used by long core operations (encoding, downloading, scoring).
 * The CLI adapts it to a progress bar on stderr, the GUI to {@code Task.updateProgress}.
 */
@FunctionalInterface
public interface ProgressListener {
    /** A listener that ignores every update. */
    ProgressListener NONE = (what, done, total) -> { };

    /**
     * @param what  short label of the work (a file name, "encoding", …)
     * @param done  units finished so far
     * @param total units in all, or -1 when unknown
     */
    void update(String what, long done, long total);
}
