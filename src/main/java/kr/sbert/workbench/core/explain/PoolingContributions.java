package kr.sbert.workbench.core.explain;

import java.util.List;
import kr.sbert.workbench.core.model.PoolingMode;

/**
 * Writes a pooled embedding as a sum over tokens: for each pooling block, {@code c[i][d]} is
 * token i's contribution to dimension d, so that block[d] = Σ_i c[i][d]. Every mode the
 * workbench loads is linear in the token vectors once the winners of max pooling are fixed.
 */
final class PoolingContributions {

    private PoolingContributions() {
    }

    /**
     * @param tokens [n][hidden] the kept tokens' vectors
     * @return [n][blocks · hidden]: token i's contribution to each dimension of the
     *         concatenated embedding, blocks in {@code modes} order
     */
    static double[][] of(float[][] tokens, List<PoolingMode> modes) {
        int n = tokens.length;
        if (n == 0) {
            throw new IllegalArgumentException("no tokens to pool");
        }
        int hidden = tokens[0].length;
        double[][] c = new double[n][modes.size() * hidden];
        for (int k = 0; k < modes.size(); k++) {
            int off = k * hidden;
            switch (modes.get(k)) {
                case MEAN -> scaled(tokens, c, off, uniform(n, 1.0 / n));
                // The 1/sqrt(n) scale is the same for every token: it cancels in the cosine.
                case MEAN_SQRT_LEN -> scaled(tokens, c, off, uniform(n, 1.0 / Math.sqrt(n)));
                case WEIGHTED_MEAN -> scaled(tokens, c, off, positionWeights(n));
                case CLS -> copyRow(tokens, c, off, 0);
                case LAST_TOKEN -> copyRow(tokens, c, off, n - 1);
                case MAX -> winners(tokens, c, off);
                default -> throw new IllegalArgumentException("no token shares for pooling " + modes.get(k).label());
            }
        }
        return c;
    }

    /** The pooled (concatenated) embedding: column sums of the contributions. */
    static double[] pooled(double[][] contributions) {
        double[] u = new double[contributions[0].length];
        for (double[] row : contributions) {
            for (int d = 0; d < u.length; d++) {
                u[d] += row[d];
            }
        }
        return u;
    }

    private static double[] uniform(int n, double w) {
        double[] weights = new double[n];
        java.util.Arrays.fill(weights, w);
        return weights;
    }

    /** sentence-transformers' weightedmean: positions weighted 1..n, divided by their sum. */
    private static double[] positionWeights(int n) {
        double total = n * (n + 1) / 2.0;
        double[] weights = new double[n];
        for (int i = 0; i < n; i++) {
            weights[i] = (i + 1) / total;
        }
        return weights;
    }

    private static void scaled(float[][] tokens, double[][] c, int off, double[] weights) {
        for (int i = 0; i < tokens.length; i++) {
            for (int d = 0; d < tokens[i].length; d++) {
                c[i][off + d] = weights[i] * tokens[i][d];
            }
        }
    }

    private static void copyRow(float[][] tokens, double[][] c, int off, int row) {
        for (int d = 0; d < tokens[row].length; d++) {
            c[row][off + d] = tokens[row][d];
        }
    }

    /** Each dimension goes whole to the token holding its maximum (the first one on a tie). */
    private static void winners(float[][] tokens, double[][] c, int off) {
        for (int d = 0; d < tokens[0].length; d++) {
            int best = 0;
            for (int i = 1; i < tokens.length; i++) {
                if (tokens[i][d] > tokens[best][d]) {
                    best = i;
                }
            }
            c[best][off + d] = tokens[best][d];
        }
    }
}
