package kr.sbert.workbench.core.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BinaryMetricsTest {

    @Test
    void klueBinaryViewAtThreeMatchesTheHandCount() {
        // predicted ≥ 3:  4.0 T, 3.0 T (≥ is inclusive), 2.9 F, 1.0 F, 3.5 T
        // gold ≥ 3:       5.0 T, 2.0 F, 3.0 T, 0.5 F, 3.2 T
        // tp = 2 (pairs 1, 5), fp = 1 (pair 2), fn = 1 (pair 3), tn = 1 (pair 4)
        // precision = 2/3, recall = 2/3, F1 = 2/3, accuracy = 3/5
        BinaryMetrics m = BinaryMetrics.of(new double[] {4.0, 3.0, 2.9, 1.0, 3.5}, 3.0,
                new double[] {5.0, 2.0, 3.0, 0.5, 3.2}, 3.0);
        assertThat(m.truePositives()).isEqualTo(2);
        assertThat(m.falsePositives()).isEqualTo(1);
        assertThat(m.falseNegatives()).isEqualTo(1);
        assertThat(m.trueNegatives()).isEqualTo(1);
        assertThat(m.precision()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(m.recall()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(m.f1()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(m.accuracy()).isCloseTo(0.6, within(1e-12));
    }

    @Test
    void nothingPredictedSimilarGivesZeroNotNan() {
        BinaryMetrics m = BinaryMetrics.of(new double[] {1, 2}, 3.0, new double[] {4, 1}, 3.0);
        assertThat(m.precision()).isZero();
        assertThat(m.recall()).isZero();
        assertThat(m.f1()).isZero();
        assertThat(m.accuracy()).isEqualTo(0.5);
    }
}
