package kr.sbert.workbench.core.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CalibrationTest {

    @Test
    void plainMappingIsFiveTimesClippedCosine() {
        assertThat(Calibration.plain(new double[] {-0.2, 0.0, 0.5, 1.0})).containsExactly(0.0, 0.0, 2.5, 5.0);
    }

    @Test
    void outOfFoldLinearFitMatchesLeaveOneOutByHand() {
        // x = (0, 1, 2, 3), y = (1, 1, 3, 3), 4 folds on 4 pairs = leave-one-out whatever the shuffle.
        // leave out x=0: fit on (1,1),(2,3),(3,3): slope Σdxdy/Σdx² = 2/2 = 1, intercept 7/3 − 2 = 1/3 → ŷ(0) = 1/3
        // leave out x=1: fit on (0,1),(2,3),(3,3): mean x 5/3, mean y 7/3, Σdxdy = 10/3, Σdx² = 14/3,
        //   slope 5/7, intercept 7/3 − (5/7)(5/3) = 8/7 → ŷ(1) = 13/7
        // leave out x=2 and x=3 mirror the two above (x → 3−x, y → 4−y): ŷ(2) = 4 − 13/7 = 15/7, ŷ(3) = 11/3
        // errors: −2/3, 6/7, −6/7, 2/3 → MSE = (2·4/9 + 2·36/49)/4 = 260/441, MAE = (4/3 + 12/7)/4 = 16/21
        // fit on all: mean x 1.5, mean y 2, Σdxdy = 4, Σdx² = 5 → slope 0.8, intercept 0.8
        double[] x = {0, 1, 2, 3};
        double[] y = {1, 1, 3, 3};
        double[] oof = Calibration.outOfFold(x, y, 4, 7L);
        assertThat(oof[0]).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(oof[1]).isCloseTo(13.0 / 7, within(1e-12));
        assertThat(oof[2]).isCloseTo(15.0 / 7, within(1e-12));
        assertThat(oof[3]).isCloseTo(11.0 / 3, within(1e-12));
        CalibrationResult r = Calibration.evaluate(x, y, 4, 7L);
        assertThat(r.linearMse()).isCloseTo(260.0 / 441, within(1e-12));
        assertThat(r.linearMae()).isCloseTo(16.0 / 21, within(1e-12));
        assertThat(r.slope()).isCloseTo(0.8, within(1e-12));
        assertThat(r.intercept()).isCloseTo(0.8, within(1e-12));
    }

    @Test
    void plainErrorsMatchTheHandComputation() {
        // cos (0.2, 0.6, −0.1) → plain (1, 3, 0); gold (2, 3, 1): errors −1, 0, −1 → MSE 2/3, MAE 2/3
        CalibrationResult r = Calibration.evaluate(new double[] {0.2, 0.6, -0.1}, new double[] {2, 3, 1}, 5, 1L);
        assertThat(r.plainMse()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(r.plainMae()).isCloseTo(2.0 / 3, within(1e-12));
    }

    @Test
    void noPairIsScoredByAFitThatSawIt() {
        // If pair 0's own gold were in its fit, changing it would move its prediction.
        double[] x = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0};
        double[] y = {0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5.0};
        double[] y2 = y.clone();
        double[] before = Calibration.outOfFold(x, y, 5, 42L);
        for (int i = 0; i < x.length; i++) {
            y2[i] = y[i] == 0.5 ? 5.0 : y[i];
        }
        double[] after = Calibration.outOfFold(x, y2, 5, 42L);
        assertThat(after[0]).isEqualTo(before[0]);
        // A perfectly linear gold is predicted exactly out of fold.
        for (int i = 0; i < x.length; i++) {
            assertThat(before[i]).isCloseTo(y[i], within(1e-9));
        }
    }

    @Test
    void equalInputsFitTheFlatLineAtTheMeanGoldEvenWhenTheirMeanIsInexact() {
        // The mean of (0.1, 0.1, 0.1) computes as 0.10000000000000002: the spread it leaves is
        // rounding, not data, and must not become a slope.
        Calibration.LinearFit fit = Calibration.LinearFit.of(new double[] {0.1, 0.1, 0.1}, new double[] {1, 2, 4},
                new int[] {0, 1, 2});
        assertThat(fit.slope()).isZero();
        assertThat(fit.intercept()).isCloseTo(7.0 / 3, within(1e-12));
    }

    @Test
    void aSinglePairHasNoOutOfFoldPrediction() {
        // Nothing is left to fit on once the pair itself is held out; it used to be scored by the
        // empty fit (0), reporting an MSE of gold² as if it were measured.
        CalibrationResult r = Calibration.evaluate(new double[] {0.8}, new double[] {3.0}, 5, 1L);
        assertThat(r.linearScores()[0]).isNaN();
        assertThat(r.linearMse()).isNaN();
        assertThat(r.linearMae()).isNaN();
        assertThat(r.plainMse()).isCloseTo(1.0, within(1e-12));
        assertThat(Calibration.outOfFold(new double[] {0.1, 0.2}, new double[] {1, 2}, 1, 1L)).containsOnly(Double.NaN);
    }

    @Test
    void predictionsAreClampedToTheGoldScale() {
        double[] oof = Calibration.outOfFold(new double[] {0, 1, 2, 3, 10}, new double[] {0, 1, 2, 3, 4}, 5, 3L);
        for (double v : oof) {
            assertThat(v).isBetween(0.0, 5.0);
        }
    }
}
