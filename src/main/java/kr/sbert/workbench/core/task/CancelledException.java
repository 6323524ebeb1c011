package kr.sbert.workbench.core.task;

import kr.sbert.workbench.core.WorkbenchException;

/** Thrown by core work that stopped because its {@link CancelToken} was cancelled. */
public class CancelledException extends WorkbenchException {
    public CancelledException() {
        super("cancelled");
    }
}
