package kr.sbert.workbench.gui.metrics;

import kr.sbert.workbench.gui.service.ModelEvaluation;

/**
 * One line of the metrics table: a model's metrics, or a model's paired difference to the
 * reference model ({@code difference} true: {@code pearson} / {@code spearman} then hold
 * the differences and {@code reference} names the model subtracted). Undefined numbers are
 * null (intervals) or NaN.
 *
 * @param model      model id
 * @param reference  for a difference row, the reference model; else null
 * @param n          pairs with gold
 * @param pearson    Pearson of cosine vs gold (or its difference) with its 95% interval; null without gold
 * @param spearman   Spearman of cosine vs gold (or its difference) with its 95% interval; null without gold
 * @param f1         F1 at 3.0
 * @param accuracy   accuracy at 3.0
 * @param mse        MSE after calibration
 * @param mae        MAE after calibration
 */
public record MetricsRow(String model, String reference, int n, ModelEvaluation.Interval pearson,
                         ModelEvaluation.Interval spearman, double f1, double accuracy, double mse, double mae) {

    /** Whether this is a paired-difference row. */
    public boolean difference() {
        return reference != null;
    }

    /** The label of the first column: the model, or {@code Δ model − reference}. */
    public String label() {
        return difference() ? "Δ " + model + " − " + reference : model;
    }

    /** A difference whose spearman interval holds 0: no clear winner. */
    public boolean noClearWinner() {
        return difference() && spearman != null && spearman.low() <= 0 && spearman.high() >= 0;
    }
}
