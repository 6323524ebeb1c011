package kr.sbert.workbench.core.train;

import java.util.List;

/**
 * How a run ended.
 *
 * @param steps          optimizer steps taken
 * @param evaluations    every evaluation, the untrained model's first
 * @param best           the evaluation after training with the highest dev Spearman, if one beat the
 *                       untrained model; null when fine-tuning did not improve on it
 * @param stoppedEarlyAt the step early stopping ended the run at, or -1
 * @param verdict        the chosen model against the base (null for a run that did not finish)
 */
public record TrainResult(int steps, List<EvalRecord> evaluations, EvalRecord best, int stoppedEarlyAt,
                          Verdict verdict) {

    public TrainResult {
        evaluations = List.copyOf(evaluations);
    }

    public TrainResult(int steps, List<EvalRecord> evaluations, EvalRecord best) {
        this(steps, evaluations, best, -1, null);
    }

    /** The untrained model's evaluation (step 0). */
    public EvalRecord baseline() {
        return evaluations.get(0);
    }

    public boolean improved() {
        return best != null;
    }

    /** The last evaluation (the model at the end of the run). */
    public EvalRecord last() {
        return evaluations.get(evaluations.size() - 1);
    }
}
