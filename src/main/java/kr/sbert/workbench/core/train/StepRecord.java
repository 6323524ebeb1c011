package kr.sbert.workbench.core.train;

/**
 * One optimizer step, as logged.
 *
 * @param step     1-based number of the step over the whole run
 * @param epoch    0-based epoch
 * @param lr       the rate this step used
 * @param loss     the batch's loss
 * @param gradNorm the total gradient norm before clipping
 * @param timeS    wall seconds since training began
 */
public record StepRecord(int step, int epoch, double lr, double loss, double gradNorm, double timeS) {
}
