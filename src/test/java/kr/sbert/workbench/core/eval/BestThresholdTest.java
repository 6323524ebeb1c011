package kr.sbert.workbench.core.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BestThresholdTest {

    @Test
    void scansSortedScoresAsBinaryClassificationEvaluatorDoes() {
        // Given in shuffled order; sorted high → low: 0.9 +, 0.8 −, 0.7 +, 0.6 +, 0.5 − (3 positives)
        //   after 0.9: P 1/1, R 1/3, F1 0.5      → best, threshold (0.9+0.8)/2 = 0.85
        //   after 0.8: P 1/2, R 1/3, F1 0.4
        //   after 0.7: P 2/3, R 2/3, F1 2/3      → best, threshold 0.65
        //   after 0.6: P 3/4, R 1,   F1 6/7      → best, threshold (0.6+0.5)/2 = 0.55
        //   the last pair is never a cut point.
        double[] scores = {0.7, 0.5, 0.9, 0.6, 0.8};
        boolean[] positive = {true, false, true, true, false};
        BestThreshold b = BestThreshold.find(scores, positive);
        assertThat(b.f1()).isCloseTo(6.0 / 7, within(1e-12));
        assertThat(b.precision()).isCloseTo(0.75, within(1e-12));
        assertThat(b.recall()).isEqualTo(1.0);
        assertThat(b.threshold()).isCloseTo(0.55, within(1e-12));
    }

    @Test
    void noPositivesGiveZeroF1AndThreshold() {
        BestThreshold b = BestThreshold.find(new double[] {0.3, 0.2}, new boolean[] {false, false});
        assertThat(b).isEqualTo(new BestThreshold(0, 0, 0, 0));
    }
}
