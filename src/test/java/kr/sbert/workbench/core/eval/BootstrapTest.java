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
