package kr.sbert.workbench.core.eval;

/**
 * Pearson and Spearman correlation of one similarity function's scores with the gold.
 *
 * @param pearson  Pearson's r
 * @param spearman Spearman's ρ (ties averaged)
 */
public record CorrelationPair(double pearson, double spearman) {

    public static CorrelationPair of(double[] scores, double[] gold) {
        return new CorrelationPair(Correlation.pearson(scores, gold), Correlation.spearman(scores, gold));
    }
}
