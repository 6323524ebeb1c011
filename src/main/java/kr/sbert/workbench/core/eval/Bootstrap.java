package kr.sbert.workbench.core.eval;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Percentile bootstrap intervals for Pearson and Spearman: draw n pairs with replacement
 * ({@link SplittableRandom} with a fixed seed, so results repeat), recompute the statistic
 * (Spearman re-ranks the resample), repeat; the interval is the 2.5th and 97.5th percentile of
 * the resampled values (linear interpolation between order statistics, NumPy's default).
 * Resamples whose statistic is undefined (a constant resample) are left out.
 *
 * <p>The paired version draws the same pair indices for both models in each resample, so the
 * interval of the difference accounts for the two models being scored on the same pairs.
 */
public final class Bootstrap {
    public static final int DEFAULT_RESAMPLES = 1000;
    public static final long DEFAULT_SEED = 12345L;
    static final double LEVEL = 0.95;

    private final int resamples;
    private final long seed;

    public Bootstrap(int resamples, long seed) {
        if (resamples < 1) {
            throw new IllegalArgumentException("resamples must be ≥ 1, got " + resamples);
        }
        this.resamples = resamples;
        this.seed = seed;
    }

    /** 1,000 resamples, the default seed. */
    public static Bootstrap standard() {
        return new Bootstrap(DEFAULT_RESAMPLES, DEFAULT_SEED);
    }

    /** 95% intervals of Pearson and Spearman of {@code scores} against {@code gold}. */
    public CorrelationIntervals intervals(double[] scores, double[] gold) {
        int n = gold.length;
        if (scores.length != n) {
            throw new IllegalArgumentException("scores and gold differ in length: " + scores.length + ", " + n);
        }
        double[] pearson = new double[resamples];
        double[] spearman = new double[resamples];
        SplittableRandom random = new SplittableRandom(seed);
        ResampleRanks scoreRanks = new ResampleRanks(scores);
        ResampleRanks goldRanks = new ResampleRanks(gold);
        int[] draw = new int[n];
        double[] s = new double[n];
        double[] g = new double[n];
        double[] rs = new double[n];
        double[] rg = new double[n];
        for (int r = 0; r < resamples; r++) {
            for (int i = 0; i < n; i++) {
                int j = random.nextInt(n);
                draw[i] = j;
                s[i] = scores[j];
                g[i] = gold[j];
            }
            pearson[r] = Correlation.pearson(s, g);
            // Spearman is Pearson on the resample's own ranks.
            scoreRanks.rank(draw, rs);
            goldRanks.rank(draw, rg);
            spearman[r] = Correlation.pearson(rs, rg);
        }
        return new CorrelationIntervals(percentileInterval(pearson), percentileInterval(spearman));
    }

    /** Paired bootstrap of {@code a − b} (model A's correlation minus model B's) on the same pairs. */
    public PairedDifference difference(double[] a, double[] b, double[] gold) {
        int n = gold.length;
        if (a.length != n || b.length != n) {
            throw new IllegalArgumentException("a, b and gold differ in length: " + a.length + ", " + b.length + ", " + n);
        }
        double[] pearson = new double[resamples];
        double[] spearman = new double[resamples];
        SplittableRandom random = new SplittableRandom(seed);
        ResampleRanks aRanks = new ResampleRanks(a);
        ResampleRanks bRanks = new ResampleRanks(b);
        ResampleRanks goldRanks = new ResampleRanks(gold);
        int[] draw = new int[n];
        double[] sa = new double[n];
        double[] sb = new double[n];
        double[] g = new double[n];
        double[] ra = new double[n];
        double[] rb = new double[n];
        double[] rg = new double[n];
        int spearmanNotAbove = 0;
        int valid = 0;
        for (int r = 0; r < resamples; r++) {
            for (int i = 0; i < n; i++) {
                int j = random.nextInt(n);
                draw[i] = j;
                sa[i] = a[j];
                sb[i] = b[j];
                g[i] = gold[j];
            }
            pearson[r] = Correlation.pearson(sa, g) - Correlation.pearson(sb, g);
            aRanks.rank(draw, ra);
            bRanks.rank(draw, rb);
            goldRanks.rank(draw, rg);
            spearman[r] = Correlation.pearson(ra, rg) - Correlation.pearson(rb, rg);
            if (!Double.isNaN(spearman[r])) {
                valid++;
                spearmanNotAbove += spearman[r] <= 0 ? 1 : 0;
            }
        }
        return new PairedDifference(
                Correlation.pearson(a, gold) - Correlation.pearson(b, gold), percentileInterval(pearson),
                Correlation.spearman(a, gold) - Correlation.spearman(b, gold), percentileInterval(spearman),
                valid == 0 ? Double.NaN : (double) spearmanNotAbove / valid);
    }

    /** The central 95% of the finite values; NaNs when there are none. */
    static Interval percentileInterval(double[] values) {
        double[] finite = Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
        if (finite.length == 0) {
            return new Interval(Double.NaN, Double.NaN);
        }
        double tail = (1 - LEVEL) / 2;
        return new Interval(percentile(finite, tail), percentile(finite, 1 - tail));
    }

    /** NumPy's default ("linear") percentile of sorted values, q in [0, 1]. */
    static double percentile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
