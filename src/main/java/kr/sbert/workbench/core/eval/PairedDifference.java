package kr.sbert.workbench.core.eval;

/**
 * Model A minus model B on the same pairs, with paired-bootstrap 95% intervals.
 *
 * @param pearson                 observed difference of Pearson's r
 * @param pearsonInterval         its interval
 * @param spearman                observed difference of Spearman's ρ
 * @param spearmanInterval        its interval
 * @param spearmanShareNotAbove   share of resamples where A's Spearman was not above B's
 *                                (a one-sided bootstrap p-value for "A beats B")
 */
public record PairedDifference(double pearson, Interval pearsonInterval, double spearman, Interval spearmanInterval,
                               double spearmanShareNotAbove) {
}
