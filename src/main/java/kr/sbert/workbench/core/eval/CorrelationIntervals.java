package kr.sbert.workbench.core.eval;

/**
 * Bootstrap intervals of one model's correlations.
 *
 * @param pearson  95% interval of Pearson's r
 * @param spearman 95% interval of Spearman's ρ
 */
public record CorrelationIntervals(Interval pearson, Interval spearman) {
}
