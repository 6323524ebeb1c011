package kr.sbert.workbench.core.train;

/** Receives a run's progress as it happens, on the training thread. */
public interface TrainListener {
    /** A listener that ignores everything. */
    TrainListener NONE = new TrainListener() { };

    /** The run is about to take its first step. */
    default void started(int totalSteps, int stepsPerEpoch) {
    }

    default void step(StepRecord step) {
    }

    default void evaluated(EvalRecord eval) {
    }

    /** A line the user should read (where a model was written, why the run stopped). */
    default void message(String line) {
    }
}
