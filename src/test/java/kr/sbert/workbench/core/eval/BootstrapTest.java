package kr.sbert.workbench.core.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BootstrapTest {

    /** gold uniform on [0, 5]; a = gold + small noise, b = gold + large noise. */
    private static double[][] data(int n) {
        SplittableRandom r = new SplittableRandom(1);
        double[] gold = new double[n];
        double[] a = new double[n];
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            gold[i] = r.nextDouble() * 5;
            a[i] = gold[i] + r.nextDouble() - 0.5;
            b[i] = gold[i] + (r.nextDouble() - 0.5) * 8;
        }
        return new double[][] {gold, a, b};
    }

    @Test
    void percentileInterpolatesLinearlyAsNumpyDoes() {
        double[] sorted = {1, 2, 3, 4, 5};
        // position q·(n−1): 0.025·4 = 0.1 → 1 + 0.1·(2−1) = 1.1;  0.975·4 = 3.9 → 4 + 0.9 = 4.9
        assertThat(Bootstrap.percentile(sorted, 0.025)).isCloseTo(1.1, within(1e-12));
        assertThat(Bootstrap.percentile(sorted, 0.975)).isCloseTo(4.9, within(1e-12));
        assertThat(Bootstrap.percentileInterval(new double[] {5, Double.NaN, 1, 3, 2, 4}))
                .isEqualTo(new Interval(Bootstrap.percentile(sorted, 0.025), Bootstrap.percentile(sorted, 0.975)));
    }

    @Test
    void sameSeedGivesTheSameIntervalsAndTheyHoldTheObservedValue() {
        double[][] d = data(200);
        CorrelationIntervals first = Bootstrap.standard().intervals(d[1], d[0]);
        CorrelationIntervals again = Bootstrap.standard().intervals(d[1], d[0]);
        assertThat(again).isEqualTo(first);
        assertThat(first.pearson().contains(Correlation.pearson(d[1], d[0]))).isTrue();
        assertThat(first.spearman().contains(Correlation.spearman(d[1], d[0]))).isTrue();
        assertThat(first.pearson().upper() - first.pearson().lower()).isBetween(0.0001, 0.2);
    }

    @Test
    void resampleRanksEqualRankingEachResampleAfresh() {
        // Heavy ties (gold on a 0.2 grid, scores rounded) and -0.0 next to 0.0, which rank as equal.
        SplittableRandom r = new SplittableRandom(5);
        double[] values = new double[300];
        for (int i = 0; i < values.length; i++) {
            values[i] = Math.round(r.nextDouble() * 25) / 5.0;
        }
        values[0] = -0.0;
        values[1] = 0.0;
        ResampleRanks ranks = new ResampleRanks(values);
        int[] draw = new int[values.length];
        double[] resample = new double[values.length];
        double[] counted = new double[values.length];
        for (int round = 0; round < 50; round++) {
            for (int i = 0; i < draw.length; i++) {
                draw[i] = r.nextInt(values.length);
                resample[i] = values[draw[i]];
            }
            ranks.rank(draw, counted);
            assertThat(counted).containsExactly(Correlation.ranks(resample));
        }
    }

    @Test
    void intervalsEqualTheDefinitionResampleByResample() {
        // The definition written out: draw n indices (same generator and seed), recompute both
        // correlations on the resample, take NumPy's linear 2.5th/97.5th percentiles.
        double[][] d = data(150);
        double[] gold = d[0].clone();
        double[] a = d[1].clone();
        double[] b = d[2].clone();
        for (int i = 0; i < gold.length; i++) {
            gold[i] = Math.round(gold[i] * 5) / 5.0;
            a[i] = Math.round(a[i] * 10) / 10.0;
        }
        int n = gold.length;
        SplittableRandom random = new SplittableRandom(Bootstrap.DEFAULT_SEED);
        double[] pearson = new double[Bootstrap.DEFAULT_RESAMPLES];
        double[] spearman = new double[Bootstrap.DEFAULT_RESAMPLES];
        double[] spearmanDiff = new double[Bootstrap.DEFAULT_RESAMPLES];
        double[] s = new double[n];
        double[] sb = new double[n];
        double[] g = new double[n];
        for (int k = 0; k < pearson.length; k++) {
            for (int i = 0; i < n; i++) {
                int j = random.nextInt(n);
                s[i] = a[j];
                sb[i] = b[j];
                g[i] = gold[j];
            }
            pearson[k] = Correlation.pearson(s, g);
            spearman[k] = Correlation.spearman(s, g);
            spearmanDiff[k] = Correlation.spearman(s, g) - Correlation.spearman(sb, g);
        }
        CorrelationIntervals ci = Bootstrap.standard().intervals(a, gold);
        assertThat(ci.pearson()).isEqualTo(Bootstrap.percentileInterval(pearson));
        assertThat(ci.spearman()).isEqualTo(Bootstrap.percentileInterval(spearman));
        assertThat(Bootstrap.standard().difference(a, b, gold).spearmanInterval())
                .isEqualTo(Bootstrap.percentileInterval(spearmanDiff));
    }

    @Test
    void modelMinusItselfIsExactlyZero() {
        double[][] d = data(100);
        PairedDifference p = Bootstrap.standard().difference(d[1], d[1], d[0]);
        assertThat(p.spearman()).isZero();
        assertThat(p.spearmanInterval()).isEqualTo(new Interval(0, 0));
        assertThat(p.pearsonInterval()).isEqualTo(new Interval(0, 0));
        assertThat(p.spearmanShareNotAbove()).isEqualTo(1.0);
    }

    @Test
    void aClearlyBetterModelHasAnIntervalAboveZero() {
        double[][] d = data(300);
        PairedDifference p = Bootstrap.standard().difference(d[1], d[2], d[0]);
        assertThat(p.spearman()).isEqualTo(Correlation.spearman(d[1], d[0]) - Correlation.spearman(d[2], d[0]));
        assertThat(p.spearmanInterval().lower()).isGreaterThan(0);
        assertThat(p.spearmanInterval().contains(p.spearman())).isTrue();
        assertThat(p.spearmanShareNotAbove()).isZero();
        PairedDifference reversed = Bootstrap.standard().difference(d[2], d[1], d[0]);
        assertThat(reversed.spearmanInterval().upper()).isCloseTo(-p.spearmanInterval().lower(), within(1e-12));
    }
}
