package kr.sbert.workbench.core.eval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kr.sbert.workbench.core.data.GoldScale;
import kr.sbert.workbench.core.data.SentencePair;

/**
 * Turns one model's scores on a data set into an {@link EvaluationResult}. Metrics are
 * computed on the pairs that have gold; their names, in order:
 * <ul>
 *   <li>{@code pearson_cosine}, {@code spearman_cosine} (the scorer's similarity; primary:
 *       {@code spearman_cosine}), and with embeddings also {@code pearson_/spearman_euclidean},
 *       {@code _manhattan}, {@code _dot};</li>
 *   <li>{@code mse_plain}, {@code mae_plain} ({@code 5·max(cos,0)}), {@code mse_calibrated},
 *       {@code mae_calibrated} (out-of-fold linear, {@link Calibration}), {@code calibration_slope},
 *       {@code calibration_intercept};</li>
 *   <li>binary view (gold with a binary view and at least two pairs with gold): {@code f1}, {@code precision}, {@code recall},
 *       {@code accuracy} of calibrated scores and gold both cut at the scale's threshold (3.0 on
 *       0–5; 0.5 on 0/1 gold), {@code f1_plain} ({@code 5·max(cos,0)} ≥ 3.0, 0–5 gold only),
 *       {@code best_f1}, {@code best_f1_precision}, {@code best_f1_recall},
 *       {@code best_f1_threshold} (on the raw similarity, {@link BestThreshold}).</li>
 * </ul>
 */
public final class Evaluator {
    public static final String PRIMARY_METRIC = "spearman_cosine";

    private final Bootstrap bootstrap;
    private final int folds;
    private final long calibrationSeed;

    public Evaluator(Bootstrap bootstrap, int folds, long calibrationSeed) {
        this.bootstrap = bootstrap;
        this.folds = folds;
        this.calibrationSeed = calibrationSeed;
    }

    /** 1,000 bootstrap resamples, 5 folds, fixed seeds. */
    public static Evaluator standard() {
        return new Evaluator(Bootstrap.standard(), Calibration.DEFAULT_FOLDS, Calibration.DEFAULT_SEED);
    }

    /**
     * @param cosine     the scorer's similarity per pair, in input order
     * @param embeddings the embeddings behind the scores, or null (baselines): adds the other
     *                   similarity functions
     */
    public EvaluationResult evaluate(String model, List<SentencePair> pairs, GoldScale scale, int skipped,
                                     double[] cosine, PairEmbeddings embeddings) {
        if (cosine.length != pairs.size()) {
            throw new IllegalArgumentException(model + ": " + cosine.length + " scores for " + pairs.size() + " pairs");
        }
        int[] withGold = goldIndices(pairs);
        int n = withGold.length;
        double[] gold = new double[n];
        for (int k = 0; k < n; k++) {
            gold[k] = pairs.get(withGold[k]).gold();
        }
        double[] cos = pick(cosine, withGold);
        Map<String, Double> m = new LinkedHashMap<>();
        if (n == 0) {
            return new EvaluationResult(model, 0, skipped, m, null, null, null, null,
                    cosine.clone(), Calibration.plain(cosine));
        }
        for (SimilarityFunction f : SimilarityFunction.values()) {
            double[] s = f == SimilarityFunction.COSINE ? cos
                    : embeddings == null ? null : pick(embeddings.similarities(f), withGold);
            if (s != null) {
                CorrelationPair c = CorrelationPair.of(s, gold);
                m.put("pearson_" + f.key(), c.pearson());
                m.put("spearman_" + f.key(), c.spearman());
            }
        }
        CalibrationResult cal = Calibration.evaluate(cos, gold, folds, calibrationSeed);
        m.put("mse_plain", cal.plainMse());
        m.put("mae_plain", cal.plainMae());
        m.put("mse_calibrated", cal.linearMse());
        m.put("mae_calibrated", cal.linearMae());
        m.put("calibration_slope", cal.slope());
        m.put("calibration_intercept", cal.intercept());
        BinaryMetrics binary = null;
        BestThreshold best = null;
        // One pair has no out-of-fold prediction and no threshold to scan: no binary view.
        if (scale != GoldScale.OTHER && n >= 2) {
            double at = scale.similarAt();
            binary = BinaryMetrics.of(cal.linearScores(), at, gold, at);
            m.put("f1", binary.f1());
            m.put("precision", binary.precision());
            m.put("recall", binary.recall());
            m.put("accuracy", binary.accuracy());
            if (scale == GoldScale.ZERO_TO_FIVE) {
                m.put("f1_plain", BinaryMetrics.of(cal.plainScores(), at, gold, at).f1());
            }
            boolean[] positive = new boolean[n];
            for (int k = 0; k < n; k++) {
                positive[k] = gold[k] >= at;
            }
            best = BestThreshold.find(cos, positive);
            m.put("best_f1", best.f1());
            m.put("best_f1_precision", best.precision());
            m.put("best_f1_recall", best.recall());
            m.put("best_f1_threshold", best.threshold());
        }
        CorrelationIntervals intervals = n >= 2 ? bootstrap.intervals(cos, gold) : null;
        double[] score = new double[pairs.size()];
        Calibration.LinearFit full = new Calibration.LinearFit(cal.slope(), cal.intercept());
        for (int i = 0; i < score.length; i++) {
            score[i] = Math.max(Calibration.MIN, Math.min(Calibration.MAX, full.apply(cosine[i])));
        }
        for (int k = 0; k < n; k++) {
            score[withGold[k]] = cal.linearScores()[k];
        }
        return new EvaluationResult(model, n, skipped, m, intervals, cal, binary, best, cosine.clone(), score);
    }

    /** Paired bootstrap of model A's correlations minus model B's, on the pairs with gold. */
    public PairedDifference compare(List<SentencePair> pairs, double[] cosineA, double[] cosineB) {
        int[] withGold = goldIndices(pairs);
        double[] gold = new double[withGold.length];
        for (int k = 0; k < gold.length; k++) {
            gold[k] = pairs.get(withGold[k]).gold();
        }
        return bootstrap.difference(pick(cosineA, withGold), pick(cosineB, withGold), gold);
    }

    private static int[] goldIndices(List<SentencePair> pairs) {
        return java.util.stream.IntStream.range(0, pairs.size()).filter(i -> pairs.get(i).hasGold()).toArray();
    }

    private static double[] pick(double[] values, int[] indices) {
        double[] out = new double[indices.length];
        for (int k = 0; k < indices.length; k++) {
            out[k] = values[indices[k]];
        }
        return out;
    }
}
