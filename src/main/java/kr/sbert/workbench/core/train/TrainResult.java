package kr.sbert.workbench.core.train;

import java.util.List;

/**
 * How a run ended.
 *
 * @param steps       optimizer steps taken
 * @param evaluations every evaluation, the untrained model's first
 * @param best        the evaluation after training with the highest dev Spearman, if one beat the
 *                    untrained model; null when fine-tuning did not improve on it
 */
public record TrainResult(int steps, List<EvalRecord> evaluations, EvalRecord best) {

    public TrainResult {
        evaluations = List.copyOf(evaluations);
    }

    /** The untrained model's evaluation (step 0). */
    public EvalRecord baseline() {
        return evaluations.get(0);
    }

    public boolean improved() {
        return best != null;
    }
}
