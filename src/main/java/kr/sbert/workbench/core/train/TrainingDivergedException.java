package kr.sbert.workbench.core.train;

import kr.sbert.workbench.core.WorkbenchException;

/** A step's loss or gradient was NaN or infinite: the run stopped there, the last good model kept. */
public final class TrainingDivergedException extends WorkbenchException {
    private final int step;

    public TrainingDivergedException(String message, int step) {
        super(message);
        this.step = step;
    }

    /** The step whose loss was not finite. */
    public int step() {
        return step;
    }
}
