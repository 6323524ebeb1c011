package kr.sbert.workbench.gui.pairs;

/**
 * One model's verdict on the quick-compare pair.
 *
 * @param model  model id
 * @param cosine the model's similarity
 * @param scaled {@code 5·max(cos,0)} on the 0–5 scale (no calibration for a single pair)
 */
public record QuickResult(String model, double cosine, double scaled) {
}
