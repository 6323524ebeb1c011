package kr.sbert.workbench.gui.pairs;

/**
 * One model's score for one pair.
 *
 * @param cosine raw cosine (or the baseline's similarity)
 * @param scaled 0–5 prediction (calibrated when gold exists)
 */
public record PairScore(double cosine, double scaled) {
}
