package kr.sbert.workbench.core.train;

/**
 * sentence-transformers' {@code CoSENTLoss} (scale 20): with sᵢ = 20·cos(uᵢ, vᵢ),
 * loss = log(1 + Σ exp(sᵢ − sⱼ)) over the pairs (i, j) whose gold has gᵢ < gⱼ, computed as a
 * log-sum-exp with 0 among its terms, as the reference does.
 */
public final class CoSentLoss implements PairLoss {
    /** sentence-transformers' default scale. */
    public static final double SCALE = 20.0;
    /** {@code util.pairwise_cos_sim} normalises with {@code F.normalize}, eps 1e-12. */
    private static final double EPS = 1e-12;

    @Override
    public LossValue evaluate(float[][] u, float[][] v, double[] labels) {
        CosinePairs pairs = new CosinePairs(u, v, EPS);
        int n = pairs.size();
        double[] s = new double[n];
        double max = 0; // the term exp(0)
        for (int i = 0; i < n; i++) {
            s[i] = SCALE * pairs.cos[i];
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (labels[i] < labels[j]) {
                    max = Math.max(max, s[i] - s[j]);
                }
            }
        }
        double sum = Math.exp(-max);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (labels[i] < labels[j]) {
                    sum += Math.exp(s[i] - s[j] - max);
                }
            }
        }
        double loss = max + Math.log(sum);
        // ∂loss/∂(sᵢ − sⱼ) is that term's softmax weight.
        double[] dS = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (labels[i] < labels[j]) {
                    double w = Math.exp(s[i] - s[j] - max) / sum;
                    dS[i] += w;
                    dS[j] -= w;
                }
            }
        }
        double[] dCos = new double[n];
        for (int i = 0; i < n; i++) {
            dCos[i] = SCALE * dS[i];
        }
        float[][] gradU = new float[n][];
        float[][] gradV = new float[n][];
        pairs.backward(dCos, gradU, gradV);
        return new LossValue(loss, gradU, gradV);
    }
}
