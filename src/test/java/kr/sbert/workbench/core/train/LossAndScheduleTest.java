package kr.sbert.workbench.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The losses, the schedule and the decay groups against hand computations. */
class LossAndScheduleTest {

    @Test
    void cosineLossIsTheMeanSquaredErrorOfTheCosineAgainstTheLabel() {
        // cos((1,0),(1,0)) = 1, cos((1,0),(0,2)) = 0: ((1 − 0.8)² + (0 − 0.5)²) / 2 = 0.145.
        PairLoss.LossValue v = new CosineSimilarityLoss().evaluate(new float[][] {{1, 0}, {1, 0}},
                new float[][] {{1, 0}, {0, 2}}, new double[] {0.8, 0.5});
        assertThat(v.loss()).isCloseTo(0.145, within(1e-12));
        // ∂/∂u₂ of (cos − 0.5)²/2 at u=(1,0), v=(0,2): (cos − 0.5)·v/(‖u‖‖v‖) = −0.5·(0, 1).
        assertThat(v.gradU()[1][0]).isCloseTo(0f, within(1e-7f));
        assertThat(v.gradU()[1][1]).isCloseTo(-0.5f, within(1e-7f));
    }

    @Test
    void coSentLossMatchesItsFormulaAndItsGradientMatchesFiniteDifferences() {
        float[][] u = {{1, 0.2f}, {0.3f, 1}, {1, 1}};
        float[][] v = {{0.9f, 0.1f}, {1, 0.1f}, {0.2f, 1}};
        double[] gold = {0.9, 0.1, 0.5};
        PairLoss loss = new CoSentLoss();
        double[] s = new double[3];
        for (int i = 0; i < 3; i++) {
            s[i] = 20 * cos(u[i], v[i]);
        }
        // log(1 + Σ over gold_i < gold_j of exp(s_i − s_j)): pairs (1,0), (1,2), (2,0).
        double expected = Math.log(1 + Math.exp(s[1] - s[0]) + Math.exp(s[1] - s[2]) + Math.exp(s[2] - s[0]));
        PairLoss.LossValue got = loss.evaluate(u, v, gold);
        assertThat(got.loss()).isCloseTo(expected, within(1e-9));
        float h = 1e-3f;
        for (int i = 0; i < 3; i++) {
            for (int k = 0; k < 2; k++) {
                float keep = u[i][k];
                u[i][k] = keep + h;
                double up = loss.evaluate(u, v, gold).loss();
                u[i][k] = keep - h;
                double down = loss.evaluate(u, v, gold).loss();
                u[i][k] = keep;
                assertThat((double) got.gradU()[i][k]).as("u[%d][%d]", i, k)
                        .isCloseTo((up - down) / (2 * h), within(2e-3));
            }
        }
    }

    @Test
    void warmupLinearStartsAtZeroRisesThenFallsToZero() {
        WarmupLinearSchedule s = new WarmupLinearSchedule(10, 4);
        assertThat(s.multiplier(0)).isEqualTo(0.0);
        assertThat(s.multiplier(2)).isEqualTo(0.5);
        assertThat(s.multiplier(4)).isEqualTo(1.0);
        assertThat(s.multiplier(7)).isEqualTo(0.5);
        assertThat(s.multiplier(10)).isEqualTo(0.0);
    }

    @Test
    void biasesAndLayerNormAreNotDecayed() {
        WeightDecayGroups g = new WeightDecayGroups(0.01);
        assertThat(g.applyAsDouble("encoder.layer.0.attention.self.query.weight")).isEqualTo(0.01);
        assertThat(g.applyAsDouble("embeddings.word_embeddings.weight")).isEqualTo(0.01);
        assertThat(g.applyAsDouble("encoder.layer.0.attention.self.query.bias")).isZero();
        assertThat(g.applyAsDouble("embeddings.LayerNorm.weight")).isZero();
        assertThat(g.applyAsDouble("encoder.layer.3.output.LayerNorm.bias")).isZero();
    }

    private static double cos(float[] a, float[] b) {
        double a0 = a[0];
        double a1 = a[1];
        double b0 = b[0];
        double b1 = b[1];
        return (a0 * b0 + a1 * b1) / (Math.sqrt(a0 * a0 + a1 * a1) * Math.sqrt(b0 * b0 + b1 * b1));
    }
}
