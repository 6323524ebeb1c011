package kr.sbert.workbench.core.eval;

import java.util.Map;

/**
 * Everything known about one model on one data set.
 *
 * @param model         the model's display name
 * @param n             number of pairs with gold (the pairs the metrics are computed on)
 * @param skipped       number of rows the reader left out
 * @param metrics       named metrics in a fixed order (see {@link Evaluator}); NaN when undefined
 * @param intervals     bootstrap 95% intervals of {@code pearson_cosine}/{@code spearman_cosine}; null when n &lt; 2
 * @param calibration   the cosine → 0–5 mappings and their errors; null when n = 0
 * @param binary        the binary view (KLUE's F1) on calibrated scores; null when n = 0 or the gold has no binary view
 * @param bestThreshold best-F1 threshold on the raw cosine; null when it does not apply
 * @param cosine        the model's similarity for every pair, in input order (with or without gold)
 * @param score         the model's 0–5 score for every pair, in input order: out-of-fold calibrated
 *                      for pairs with gold, the line fitted on all gold pairs for pairs without,
 *                      {@code 5·max(cos,0)} when there is no gold at all
 */
public record EvaluationResult(String model, int n, int skipped, Map<String, Double> metrics,
                               CorrelationIntervals intervals, CalibrationResult calibration,
                               BinaryMetrics binary, BestThreshold bestThreshold,
                               double[] cosine, double[] score) {

    public EvaluationResult {
        metrics = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metrics));
    }

    /** The primary metric, {@code spearman_cosine} (NaN without gold). */
    public double primary() {
        return metric(Evaluator.PRIMARY_METRIC);
    }

    /** A metric by name, NaN when absent. */
    public double metric(String name) {
        return metrics.getOrDefault(name, Double.NaN);
    }
}
