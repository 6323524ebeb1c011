package kr.sbert.workbench.core.train;

/**
 * sentence-transformers' {@code CosineSimilarityLoss}: the mean squared error between
 * {@code torch.cosine_similarity(u, v)} (eps 1e-8) and the gold scaled to 0–1.
 */
public final class CosineSimilarityLoss implements PairLoss {
    private static final double EPS = 1e-8;

    @Override
    public LossValue evaluate(float[][] u, float[][] v, double[] labels) {
        CosinePairs pairs = new CosinePairs(u, v, EPS);
        int n = pairs.size();
        double loss = 0;
        double[] dLoss = new double[n];
        for (int i = 0; i < n; i++) {
            double diff = pairs.cos[i] - labels[i];
            loss += diff * diff;
            dLoss[i] = 2 * diff / n;
        }
        float[][] gradU = new float[n][];
        float[][] gradV = new float[n][];
        pairs.backward(dLoss, gradU, gradV);
        return new LossValue(loss / n, gradU, gradV);
    }
}
