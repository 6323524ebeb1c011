package kr.sbert.workbench.core.eval;

import java.util.SplittableRandom;

/**
 * Maps a cosine-like similarity to the 0–5 gold scale in two ways and measures both:
 * <ul>
 *   <li>plain: {@code 5·max(cos, 0)};</li>
 *   <li>linear: {@code a·cos + b} fitted by least squares, out of fold: the pairs are shuffled
 *       (fixed seed) into k folds and each fold is scored by a line fitted on the other folds
 *       only, so no pair is scored by a fit that saw it. Predictions are clamped to [0, 5].
 *       With fewer pairs than folds, k drops to the number of pairs (leave-one-out); with a
 *       single pair there is nothing to fit on but the pair itself, so its prediction (and the
 *       linear MSE/MAE) is NaN. A fit whose inputs are all equal is the flat line at the mean gold.</li>
 * </ul>
 */
public final class Calibration {
    public static final int DEFAULT_FOLDS = 5;
    public static final long DEFAULT_SEED = 42L;
    /** The 0–5 scale's ends, where calibrated scores are clamped. */
    public static final double MIN = 0.0;
    public static final double MAX = 5.0;

    private Calibration() {
    }

    /** {@code 5·max(cos, 0)} for each score. */
    public static double[] plain(double[] cosine) {
        double[] out = new double[cosine.length];
        for (int i = 0; i < cosine.length; i++) {
            out[i] = MAX * Math.max(cosine[i], 0.0);
        }
        return out;
    }

    /** Both mappings and their errors against {@code gold}. */
    public static CalibrationResult evaluate(double[] cosine, double[] gold, int folds, long seed) {
        if (cosine.length != gold.length) {
            throw new IllegalArgumentException("cosine has " + cosine.length + " values, gold has " + gold.length);
        }
        double[] plain = plain(cosine);
        double[] linear = outOfFold(cosine, gold, folds, seed);
        LinearFit full = LinearFit.of(cosine, gold, all(cosine.length));
        return new CalibrationResult(mse(plain, gold), mae(plain, gold), mse(linear, gold), mae(linear, gold),
                full.slope(), full.intercept(), plain, linear);
    }

    /** Out-of-fold linear predictions, clamped to [0, 5]. */
    public static double[] outOfFold(double[] x, double[] y, int folds, long seed) {
        int n = x.length;
        double[] out = new double[n];
        if (n == 0) {
            return out;
        }
        int k = Math.min(folds, n);
        if (k < 2) {
            // One pair (or one fold) leaves nothing to fit on without the pair itself: no prediction.
            java.util.Arrays.fill(out, Double.NaN);
            return out;
        }
        int[] order = all(n);
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int[] foldOf = new int[n];
        for (int i = 0; i < n; i++) {
            foldOf[order[i]] = i % k;
        }
        for (int f = 0; f < k; f++) {
            int trainSize = 0;
            for (int i = 0; i < n; i++) {
                trainSize += foldOf[i] != f ? 1 : 0;
            }
            int[] train = new int[trainSize];
            int t = 0;
            for (int i = 0; i < n; i++) {
                if (foldOf[i] != f) {
                    train[t++] = i;
                }
            }
            LinearFit fit = LinearFit.of(x, y, train);
            for (int i = 0; i < n; i++) {
                if (foldOf[i] == f) {
                    out[i] = Math.max(MIN, Math.min(MAX, fit.apply(x[i])));
                }
            }
        }
        return out;
    }

    public static double mse(double[] predicted, double[] gold) {
        double s = 0;
        for (int i = 0; i < gold.length; i++) {
            double d = predicted[i] - gold[i];
            s += d * d;
        }
        return gold.length == 0 ? Double.NaN : s / gold.length;
    }

    public static double mae(double[] predicted, double[] gold) {
        double s = 0;
        for (int i = 0; i < gold.length; i++) {
            s += Math.abs(predicted[i] - gold[i]);
        }
        return gold.length == 0 ? Double.NaN : s / gold.length;
    }

    private static int[] all(int n) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        return idx;
    }

    /**
     * A least-squares line y = slope·x + intercept.
     *
     * @param slope     a
     * @param intercept b
     */
    public record LinearFit(double slope, double intercept) {

        /** Fits on the given indices; with no spread in x (or no points), the flat line at mean y (0 if none). */
        public static LinearFit of(double[] x, double[] y, int[] indices) {
            int m = indices.length;
            if (m == 0) {
                return new LinearFit(0, 0);
            }
            double mx = 0;
            double my = 0;
            for (int i : indices) {
                mx += x[i];
                my += y[i];
            }
            mx /= m;
            my /= m;
            double sxy = 0;
            double sxx = 0;
            for (int i : indices) {
                sxy += (x[i] - mx) * (y[i] - my);
                sxx += (x[i] - mx) * (x[i] - mx);
            }
            // Equal inputs are tested exactly: their computed mean may be off in the last bit, and the
            // tiny spread left would give an arbitrary slope.
            if (sxx == 0 || allEqual(x, indices)) {
                return new LinearFit(0, my);
            }
            double a = sxy / sxx;
            return new LinearFit(a, my - a * mx);
        }

        private static boolean allEqual(double[] x, int[] indices) {
            for (int i : indices) {
                if (x[i] != x[indices[0]]) {
                    return false;
                }
            }
            return true;
        }

        public double apply(double x) {
            return slope * x + intercept;
        }
    }
}
