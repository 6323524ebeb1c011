package kr.sbert.workbench.core.eval;

import org.apache.commons.math3.stat.ranking.NaNStrategy;
import org.apache.commons.math3.stat.ranking.NaturalRanking;
import org.apache.commons.math3.stat.ranking.TiesStrategy;

/**
 * Pearson and Spearman correlation as SciPy's {@code pearsonr}/{@code spearmanr} define them:
 * Spearman is Pearson on ranks, tied values sharing the mean of their ranks. NaN when either
 * side is constant or there are fewer than two values.
 */
public final class Correlation {
    private static final NaturalRanking RANKING = new NaturalRanking(NaNStrategy.FAILED, TiesStrategy.AVERAGE);

    private Correlation() {
    }

    public static double pearson(double[] x, double[] y) {
        check(x, y);
        int n = x.length;
        // Tested exactly, as SciPy does: a computed mean of equal values may differ from them in the
        // last bit, leaving a tiny non-zero spread and a meaningless r instead of "undefined".
        if (n < 2 || isConstant(x) || isConstant(y)) {
            return Double.NaN;
        }
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= n;
        my /= n;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            double dx = x[i] - mx;
            double dy = y[i] - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        if (sxx == 0 || syy == 0) {
            return Double.NaN;
        }
        double r = sxy / Math.sqrt(sxx * syy);
        return Math.max(-1.0, Math.min(1.0, r));
    }

    public static double spearman(double[] x, double[] y) {
        check(x, y);
        return pearson(ranks(x), ranks(y));
    }

    /** Whether every value equals the first (true for no values). */
    static boolean isConstant(double[] values) {
        for (double v : values) {
            if (v != values[0]) {
                return false;
            }
        }
        return true;
    }

    /** 1-based ranks, ties given the mean of the ranks they span ({@code -0.0} ties with {@code 0.0}, as in SciPy). */
    public static double[] ranks(double[] values) {
        double[] v = new double[values.length];
        for (int i = 0; i < v.length; i++) {
            // −0.0 + 0.0 is 0.0: the ranking compares with Double.compare, which orders −0.0 before 0.0.
            v[i] = values[i] + 0.0;
        }
        return RANKING.rank(v);
    }

    private static void check(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("x has " + x.length + " values, y has " + y.length);
        }
    }
}
