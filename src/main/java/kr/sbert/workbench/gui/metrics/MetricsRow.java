package kr.sbert.workbench.gui.metrics;

/**
 * One line of the metrics table, formatted for display and CSV.
 *
 * @param model    model id (or "A − B" for a paired difference)
 * @param n        pairs with gold
 * @param pearson  Pearson (cosine) with its 95% interval
 * @param spearman Spearman (cosine) with its 95% interval
 * @param f1       F1 at 3.0
 * @param accuracy accuracy at 3.0
 * @param mse      MSE after calibration
 * @param mae      MAE after calibration
 */
public record MetricsRow(String model, String n, String pearson, String spearman, String f1,
                         String accuracy, String mse, String mae) {
}
