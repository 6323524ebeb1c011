package kr.sbert.workbench.core.eval;

/**
 * KLUE-STS's binary view: a pair is "similar" when its score is at or above a threshold
 * (3.0 on the 0–5 scale), for prediction and gold alike. F1, precision and recall are of the
 * "similar" class; precision (or recall, F1) is 0 when nothing was predicted (or is) similar,
 * as scikit-learn's {@code zero_division=0}.
 *
 * @param f1                harmonic mean of precision and recall
 * @param precision         tp / (tp + fp)
 * @param recall            tp / (tp + fn)
 * @param accuracy          (tp + tn) / n
 * @param truePositives     similar in both
 * @param falsePositives    predicted similar, gold not
 * @param falseNegatives    gold similar, predicted not
 * @param trueNegatives     similar in neither
 */
public record BinaryMetrics(double f1, double precision, double recall, double accuracy,
                            int truePositives, int falsePositives, int falseNegatives, int trueNegatives) {

    /** Binarises {@code predicted} at {@code predictedAt} and {@code gold} at {@code goldAt}. */
    public static BinaryMetrics of(double[] predicted, double predictedAt, double[] gold, double goldAt) {
        if (predicted.length != gold.length) {
            throw new IllegalArgumentException("predicted has " + predicted.length + " values, gold has " + gold.length);
        }
        int tp = 0;
        int fp = 0;
        int fn = 0;
        int tn = 0;
        for (int i = 0; i < gold.length; i++) {
            boolean p = predicted[i] >= predictedAt;
            boolean g = gold[i] >= goldAt;
            if (p && g) {
                tp++;
            } else if (p) {
                fp++;
            } else if (g) {
                fn++;
            } else {
                tn++;
            }
        }
        double precision = tp + fp == 0 ? 0 : (double) tp / (tp + fp);
        double recall = tp + fn == 0 ? 0 : (double) tp / (tp + fn);
        double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        double accuracy = gold.length == 0 ? Double.NaN : (double) (tp + tn) / gold.length;
        return new BinaryMetrics(f1, precision, recall, accuracy, tp, fp, fn, tn);
    }
}
