package kr.sbert.workbench.core.train;

/**
 * One evaluation on the dev set.
 *
 * @param step     optimizer steps taken before it (0 = the untrained model)
 * @param epoch    0-based epoch it happened in
 * @param pearson  Pearson of the cosine against gold (NaN when undefined)
 * @param spearman Spearman of the cosine against gold (NaN when undefined)
 */
public record EvalRecord(int step, int epoch, double pearson, double spearman) {
}
