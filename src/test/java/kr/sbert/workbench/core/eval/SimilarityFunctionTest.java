package kr.sbert.workbench.core.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SimilarityFunctionTest {
    // a = (1, 2, 2), b = (2, 0, 1)
    //   a·b = 2 + 0 + 2 = 4;  ‖a‖ = √9 = 3;  ‖b‖ = √5
    //   cosine = 4 / (3√5) = 0.596284793999944
    //   a − b = (−1, 2, 1):  euclidean = −√6 = −2.449489742783178;  manhattan = −(1 + 2 + 1) = −4
    private static final float[] A = {1, 2, 2};
    private static final float[] B = {2, 0, 1};

    @Test
    void allFourFunctionsMatchTheHandComputation() {
        assertThat(SimilarityFunction.COSINE.apply(A, B)).isCloseTo(4 / (3 * Math.sqrt(5)), within(1e-12));
        assertThat(SimilarityFunction.COSINE.apply(A, B)).isCloseTo(0.596284793999944, within(1e-12));
        assertThat(SimilarityFunction.EUCLIDEAN.apply(A, B)).isCloseTo(-Math.sqrt(6), within(1e-12));
        assertThat(SimilarityFunction.MANHATTAN.apply(A, B)).isEqualTo(-4.0);
        assertThat(SimilarityFunction.DOT.apply(A, B)).isEqualTo(4.0);
    }

    @Test
    void identicalVectorsAreMostSimilarForEveryDistance() {
        assertThat(SimilarityFunction.COSINE.apply(A, A)).isCloseTo(1.0, within(1e-12));
        assertThat(SimilarityFunction.EUCLIDEAN.apply(A, A)).isEqualTo(0.0);
        assertThat(SimilarityFunction.MANHATTAN.apply(A, A)).isEqualTo(0.0);
    }

    @Test
    void cosineWithAZeroVectorIsZeroNotNan() {
        assertThat(SimilarityFunction.COSINE.apply(A, new float[3])).isEqualTo(0.0);
    }

    @Test
    void metricNamesUseSentenceTransformersKeys() {
        assertThat(SimilarityFunction.values()).extracting(SimilarityFunction::key)
                .containsExactly("cosine", "euclidean", "manhattan", "dot");
    }
}
