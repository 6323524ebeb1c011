package kr.sbert.workbench.gui.pairs;

/**
 * One model's verdict on the quick-compare pair.
 *
 * @param model  model id
 * @param cosine the model's similarity
 * @param scaled the 0–5 score, calibrated as the table's rows are
 * @param how    how {@code scaled} was obtained, e.g. "line fitted on the table's 240 gold pairs"
 * @param basis  for a corpus-dependent baseline, what it was fitted on; else empty
 */
public record QuickResult(String model, double cosine, double scaled, String how, String basis) {
}
