package kr.sbert.workbench.core.eval;

/**
 * Errors of the two cosine → 0–5 mappings against the gold ({@link Calibration}).
 *
 * @param plainMse     mean squared error of {@code 5·max(cos,0)}
 * @param plainMae     mean absolute error of {@code 5·max(cos,0)}
 * @param linearMse    mean squared error of the out-of-fold linear calibration
 * @param linearMae    mean absolute error of the out-of-fold linear calibration
 * @param slope        slope of the line fitted on all pairs (for display; not used to score)
 * @param intercept    intercept of that line
 * @param plainScores  {@code 5·max(cos,0)} per pair
 * @param linearScores out-of-fold calibrated score per pair, in [0, 5]
 */
public record CalibrationResult(double plainMse, double plainMae, double linearMse, double linearMae,
                                double slope, double intercept, double[] plainScores, double[] linearScores) {
}
