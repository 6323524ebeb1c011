package kr.sbert.workbench.core.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CorrelationTest {
    // x = (1, 2, 3, 4, 5), y = (2, 4, 5, 4, 5)
    // Pearson: mean x = 3, mean y = 4; dx = (−2, −1, 0, 1, 2), dy = (−2, 0, 1, 0, 1)
    //   Σdx·dy = 4 + 0 + 0 + 0 + 2 = 6;  Σdx² = 10;  Σdy² = 4 + 0 + 1 + 0 + 1 = 6
    //   r = 6 / √60 = 0.7745966692414834
    // Spearman, ties averaged: y sorted 2 | 4 4 | 5 5 → ranks 1 | 2.5 2.5 | 4.5 4.5
    //   ry = (1, 2.5, 4.5, 2.5, 4.5), mean 3, dry = (−2, −0.5, 1.5, −0.5, 1.5)
    //   Σdx·dry = 4 + 0.5 + 0 − 0.5 + 3 = 7;  Σdry² = 4 + 0.25 + 2.25 + 0.25 + 2.25 = 9
    //   ρ = 7 / √(10·9) = 0.7378647873726218  (scipy.stats.spearmanr gives the same)
    private static final double[] X = {1, 2, 3, 4, 5};
    private static final double[] Y = {2, 4, 5, 4, 5};

    @Test
    void pearsonMatchesTheHandComputation() {
        assertThat(Correlation.pearson(X, Y)).isCloseTo(6 / Math.sqrt(60), within(1e-12));
    }

    @Test
    void spearmanAveragesTiedRanks() {
        assertThat(Correlation.ranks(Y)).containsExactly(1, 2.5, 4.5, 2.5, 4.5);
        assertThat(Correlation.spearman(X, Y)).isCloseTo(7 / Math.sqrt(90), within(1e-12));
    }

    @Test
    void negativeZeroTiesWithZero() {
        // A gold written "-0" parses to −0.0; SciPy's rankdata compares with ==, so it ties with 0.0.
        assertThat(Correlation.ranks(new double[] {0.0, -0.0, 1.0})).containsExactly(1.5, 1.5, 3.0);
    }

    @Test
    void spearmanIgnoresMonotoneTransformsButPearsonDoesNot() {
        double[] cubed = {1, 8, 27, 64, 125};
        assertThat(Correlation.spearman(X, cubed)).isCloseTo(1.0, within(1e-12));
        assertThat(Correlation.pearson(X, cubed)).isLessThan(0.99);
    }

    @Test
    void constantInputHasNoCorrelation() {
        assertThat(Correlation.pearson(X, new double[] {3, 3, 3, 3, 3})).isNaN();
        assertThat(Correlation.spearman(X, new double[] {3, 3, 3, 3, 3})).isNaN();
        assertThat(Correlation.pearson(new double[] {1}, new double[] {2})).isNaN();
    }

    @Test
    void constantInputWhoseMeanIsInexactStillHasNoCorrelation() {
        // (0.1 + 0.1 + 0.1) / 3 = 0.10000000000000002 in binary floating point, so the deviations from
        // the computed mean are ±1e-17 rather than 0; SciPy still calls such input constant (NaN).
        double[] constant = {0.1, 0.1, 0.1};
        assertThat((0.1 + 0.1 + 0.1) / 3).isNotEqualTo(0.1);
        assertThat(Correlation.pearson(constant, new double[] {1, 2, 4})).isNaN();
        assertThat(Correlation.pearson(new double[] {1, 2, 4}, constant)).isNaN();
        assertThat(Correlation.spearman(constant, new double[] {1, 2, 4})).isNaN();
    }
}
