package kr.sbert.workbench.core.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import kr.sbert.workbench.core.data.GoldScale;
import kr.sbert.workbench.core.data.SentencePair;
import org.junit.jupiter.api.Test;

class EvaluatorTest {
    // Five pairs with gold (the CorrelationTest numbers: x = cosine·5, y = gold) and one without.
    private static final List<SentencePair> PAIRS = List.of(
            new SentencePair("a", "b", 2.0, 2), new SentencePair("c", "d", 4.0, 3),
            new SentencePair("e", "f", null, 4), new SentencePair("g", "h", 5.0, 5),
            new SentencePair("i", "j", 4.0, 6), new SentencePair("k", "l", 5.0, 7));
    private static final double[] COSINE = {0.2, 0.4, 0.9, 0.6, 0.8, 1.0};

    @Test
    void metricsAreComputedOnThePairsWithGoldUnderSentenceTransformersNames() {
        EvaluationResult r = Evaluator.standard().evaluate("m", PAIRS, GoldScale.ZERO_TO_FIVE, 3, COSINE, null);
        assertThat(r.n()).isEqualTo(5);
        assertThat(r.skipped()).isEqualTo(3);
        // Pearson/Spearman are scale-free: same as x = (1..5) vs y = (2, 4, 5, 4, 5) in CorrelationTest.
        assertThat(r.metric("pearson_cosine")).isCloseTo(6 / Math.sqrt(60), within(1e-12));
        assertThat(r.primary()).isCloseTo(7 / Math.sqrt(90), within(1e-12));
        assertThat(r.metrics()).containsKeys("mse_plain", "mse_calibrated", "f1", "precision", "recall", "accuracy",
                "best_f1", "best_f1_threshold").doesNotContainKey("pearson_euclidean");
        // plain 5·cos on the gold pairs = (1, 2, 3, 4, 5) vs gold (2, 4, 5, 4, 5): errors −1, −2, −2, 0, 0 → MSE 9/5
        assertThat(r.metric("mse_plain")).isCloseTo(1.8, within(1e-12));
        assertThat(r.cosine()).containsExactly(COSINE);
        assertThat(r.score()).hasSize(6);
        assertThat(java.util.Arrays.stream(r.score()).allMatch(s -> s >= 0 && s <= 5)).isTrue();
        assertThat(r.intervals()).isNotNull();
    }

    @Test
    void embeddingsAddTheOtherSimilarityFunctions() {
        List<SentencePair> pairs = List.of(new SentencePair("가", "나", 1.0, 1), new SentencePair("가", "다", 3.0, 2),
                new SentencePair("나", "다", 2.0, 3));
        PairEmbeddings e = new PairEmbeddings(List.of("가", "나", "다"),
                new float[][] {{1, 2, 2}, {2, 0, 1}, {0, 1, 5}}, new int[] {0, 0, 1}, new int[] {1, 2, 2});
        EvaluationResult r = Evaluator.standard().evaluate("m", pairs, GoldScale.ZERO_TO_FIVE, 0,
                e.similarities(SimilarityFunction.COSINE), e);
        assertThat(r.metrics().keySet()).startsWith("pearson_cosine", "spearman_cosine", "pearson_euclidean",
                "spearman_euclidean", "pearson_manhattan", "spearman_manhattan", "pearson_dot", "spearman_dot");
        // manhattan: 가–나 −(1+2+1) = −4, 가–다 −(1+1+3) = −5, 나–다 −(2+1+4) = −7 → ranks (3, 2, 1);
        // gold (1, 3, 2) → ranks (1, 3, 2); Pearson of (3,2,1) and (1,3,2): Σdxdy = (1)(−1)+0+(−1)(0) = −1,
        // Σdx² = Σdy² = 2 → ρ = −0.5
        assertThat(e.similarities(SimilarityFunction.MANHATTAN)).containsExactly(-4, -5, -7);
        assertThat(r.metric("spearman_manhattan")).isCloseTo(-0.5, within(1e-12));
    }

    @Test
    void withoutGoldOnlyScoresAreGiven() {
        List<SentencePair> pairs = List.of(new SentencePair("a", "b", null, 1), new SentencePair("c", "d", null, 2));
        EvaluationResult r = Evaluator.standard().evaluate("m", pairs, GoldScale.ZERO_TO_FIVE, 0,
                new double[] {0.5, -0.1}, null);
        assertThat(r.n()).isZero();
        assertThat(r.metrics()).isEmpty();
        assertThat(r.primary()).isNaN();
        assertThat(r.score()).containsExactly(2.5, 0.0);
    }

    @Test
    void aSinglePairWithGoldHasNoCorrelationCalibratedErrorOrBinaryView() {
        List<SentencePair> pairs = List.of(new SentencePair("a", "b", 3.0, 1), new SentencePair("c", "d", null, 2));
        EvaluationResult r = Evaluator.standard().evaluate("m", pairs, GoldScale.ZERO_TO_FIVE, 0,
                new double[] {0.8, 0.2}, null);
        assertThat(r.n()).isEqualTo(1);
        assertThat(r.primary()).isNaN();
        assertThat(r.metric("mse_calibrated")).isNaN();
        assertThat(r.metric("f1")).isNaN();
        assertThat(r.binary()).isNull();
        assertThat(r.metric("mse_plain")).isCloseTo(1.0, within(1e-12));
        // The pair without gold gets the line fitted on all gold pairs: here flat at the one gold, 3.0.
        assertThat(r.score()[1]).isEqualTo(3.0);
    }
}
