package kr.sbert.workbench.core.eval;

import java.util.Arrays;
import java.util.Comparator;

/**
 * The threshold on a similarity score that maximises F1 against binary gold, found as
 * sentence-transformers' {@code BinaryClassificationEvaluator.find_best_f1_and_threshold} does:
 * sort pairs by score, highest first (a stable sort, so ties keep input order); walk the list
 * except the last pair, counting how many were "extracted" and how many of them are positive;
 * after each step compute precision, recall and F1 of calling everything so far similar; keep
 * the first strictly best F1, with the threshold halfway between this score and the next.
 *
 * @param f1        best F1 (0 when there is no positive, or fewer than two pairs)
 * @param precision precision at that threshold
 * @param recall    recall at that threshold
 * @param threshold the score threshold (0 when nothing was found, as upstream)
 */
public record BestThreshold(double f1, double precision, double recall, double threshold) {

    public static BestThreshold find(double[] scores, boolean[] positive) {
        if (scores.length != positive.length) {
            throw new IllegalArgumentException("scores has " + scores.length + " values, labels has " + positive.length);
        }
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> scores[i]).reversed());
        int totalPositive = 0;
        for (boolean p : positive) {
            totalPositive += p ? 1 : 0;
        }
        double bestF1 = 0;
        double bestP = 0;
        double bestR = 0;
        double threshold = 0;
        int extracted = 0;
        int correct = 0;
        for (int k = 0; k < order.length - 1; k++) {
            extracted++;
            if (positive[order[k]]) {
                correct++;
            }
            if (correct > 0) {
                double p = (double) correct / extracted;
                double r = (double) correct / totalPositive;
                double f1 = 2 * p * r / (p + r);
                if (f1 > bestF1) {
                    bestF1 = f1;
                    bestP = p;
                    bestR = r;
                    threshold = (scores[order[k]] + scores[order[k + 1]]) / 2;
                }
            }
        }
        return new BestThreshold(bestF1, bestP, bestR, threshold);
    }
}
