package kr.sbert.workbench.core.train;

/**
 * The cosine of each pair's embeddings and its gradient, in double: cos = u·v / (max(‖u‖, ε)·max(‖v‖, ε)),
 * ∂cos/∂u = v/(‖u‖‖v‖) − cos·u/‖u‖² (for norms above ε).
 */
final class CosinePairs {
    final double[] cos;
    private final float[][] u;
    private final float[][] v;
    private final double[] normU;
    private final double[] normV;

    CosinePairs(float[][] u, float[][] v, double eps) {
        if (u.length != v.length) {
            throw new IllegalArgumentException(u.length + " first embeddings but " + v.length + " second ones");
        }
        this.u = u;
        this.v = v;
        int n = u.length;
        cos = new double[n];
        normU = new double[n];
        normV = new double[n];
        for (int i = 0; i < n; i++) {
            double dot = 0;
            double uu = 0;
            double vv = 0;
            for (int k = 0; k < u[i].length; k++) {
                dot += (double) u[i][k] * v[i][k];
                uu += (double) u[i][k] * u[i][k];
                vv += (double) v[i][k] * v[i][k];
            }
            normU[i] = Math.max(Math.sqrt(uu), eps);
            normV[i] = Math.max(Math.sqrt(vv), eps);
            cos[i] = dot / (normU[i] * normV[i]);
        }
    }

    int size() {
        return cos.length;
    }

    /** Fills the gradients of Σ dLoss[i]·cos[i] with respect to u and v. */
    void backward(double[] dLoss, float[][] gradU, float[][] gradV) {
        for (int i = 0; i < cos.length; i++) {
            double nu = normU[i];
            double nv = normV[i];
            double d = dLoss[i];
            int dim = u[i].length;
            gradU[i] = new float[dim];
            gradV[i] = new float[dim];
            for (int k = 0; k < dim; k++) {
                gradU[i][k] = (float) (d * (v[i][k] / (nu * nv) - cos[i] * u[i][k] / (nu * nu)));
                gradV[i][k] = (float) (d * (u[i][k] / (nu * nv) - cos[i] * v[i][k] / (nv * nv)));
            }
        }
    }
}
