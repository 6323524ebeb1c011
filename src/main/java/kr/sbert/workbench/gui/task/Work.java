package kr.sbert.workbench.gui.task;

import kr.sbert.workbench.core.task.CancelToken;
import kr.sbert.workbench.core.task.ProgressListener;

/**
 * A piece of background work: runs off the FX thread, reports progress through the core's
 * plain callback and stops at the token's next check.
 *
 * @param <T> what it produces
 */
@FunctionalInterface
public interface Work<T> {
    T run(ProgressListener progress, CancelToken cancel) throws Exception;
}
