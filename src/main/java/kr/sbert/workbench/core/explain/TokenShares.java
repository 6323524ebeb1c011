package kr.sbert.workbench.core.explain;

import java.util.List;
import kr.sbert.workbench.core.model.PoolingMode;

/**
 * Each token's exact share of a pair's cosine. With the pooled embeddings u (of a) and v (of b)
 * written as sums of token contributions u = Σ_i c_i, token i of a gets (c_i · v)/(‖u‖‖v‖) and
 * token j of b gets (u · c'_j)/(‖u‖‖v‖), so each side's shares sum to cos(u, v). For mean
 * pooling c_i = h_i/n_a; for cls everything is on {@code [CLS]}; for max each dimension's term
 * goes to the token that won it; concatenated modes add up over blocks. A {@code Normalize}
 * module scales u and v and so changes nothing. Computed in double.
 *
 * @param a      one share per fed token of a ({@code [CLS]}/{@code [SEP]} included)
 * @param b      one share per fed token of b
 * @param cosine cos(u, v) of the embeddings pooled (in double) from the same token vectors
 */
public record TokenShares(double[] a, double[] b, double cosine) {

    /**
     * @param tokensA [n_a][hidden] the kept token vectors of a
     * @param tokensB [n_b][hidden] the kept token vectors of b
     * @param modes   the pooling modes, in concatenation order
     * @throws IllegalArgumentException for a pooling mode with no exact decomposition
     */
    public static TokenShares of(float[][] tokensA, float[][] tokensB, List<PoolingMode> modes) {
        double[][] ca = PoolingContributions.of(tokensA, modes);
        double[][] cb = PoolingContributions.of(tokensB, modes);
        double[] u = PoolingContributions.pooled(ca);
        double[] v = PoolingContributions.pooled(cb);
        double norms = Math.sqrt(dot(u, u)) * Math.sqrt(dot(v, v));
        double[] sa = new double[ca.length];
        double[] sb = new double[cb.length];
        if (norms == 0) {
            // util.cos_sim of a zero vector is 0: nothing to share.
            return new TokenShares(sa, sb, 0);
        }
        for (int i = 0; i < ca.length; i++) {
            sa[i] = dot(ca[i], v) / norms;
        }
        for (int j = 0; j < cb.length; j++) {
            sb[j] = dot(cb[j], u) / norms;
        }
        return new TokenShares(sa, sb, dot(u, v) / norms);
    }

    static double dot(double[] x, double[] y) {
        double s = 0;
        for (int d = 0; d < x.length; d++) {
            s += x[d] * y[d];
        }
        return s;
    }
}
