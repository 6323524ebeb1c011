package kr.sbert.workbench.gui.service;

/**
 * Paired bootstrap of Spearman(a) − Spearman(b) on the same pairs.
 *
 * @param modelA first model
 * @param modelB second model
 * @param metric what was compared, e.g. {@code spearman_cosine}
 * @param difference point estimate and 95% interval of the difference
 */
public record PairedDifference(String modelA, String modelB, String metric,
                               ModelEvaluation.Interval difference) {
}
