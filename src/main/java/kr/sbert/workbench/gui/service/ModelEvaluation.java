package kr.sbert.workbench.gui.service;

/**
 * What the core's evaluation says about one model's scores on the current pairs.
 *
 * @param model     model id
 * @param cosine    the model's cosine per pair, in pair order
 * @param scaled    0–5 prediction per pair: calibrated out-of-fold when gold exists, else
 *                  {@code 5·max(cos,0)}
 * @param metrics   metrics against gold, or null when fewer than three pairs have gold
 */
public record ModelEvaluation(String model, double[] cosine, double[] scaled, Metrics metrics) {

    /**
     * @param n          pairs with gold
     * @param pearson    Pearson of cosine vs gold with its 95% interval
     * @param spearman   Spearman of cosine vs gold with its 95% interval
     * @param f1         F1 at 3.0 on the 0–5 scale
     * @param accuracy   accuracy at 3.0
     * @param mse        mean squared error of the calibrated 0–5 prediction
     * @param mae        mean absolute error of the calibrated 0–5 prediction
     */
    public record Metrics(int n, Interval pearson, Interval spearman, double f1, double accuracy,
                          double mse, double mae) {
    }

    /** A point estimate with a 95% interval. */
    public record Interval(double value, double low, double high) {
    }
}
