package kr.sbert.workbench.core.eval;

/**
 * The similarity functions sentence-transformers' {@code EmbeddingSimilarityEvaluator} scores
 * with, higher meaning more similar; computed in double whatever the embeddings' precision.
 */
public enum SimilarityFunction {
    /** a·b / (‖a‖‖b‖); 0 when either vector is all zeros. */
    COSINE("cosine"),
    /** −‖a−b‖₂. */
    EUCLIDEAN("euclidean"),
    /** −Σ|aᵢ−bᵢ|. */
    MANHATTAN("manhattan"),
    /** a·b. */
    DOT("dot");

    private final String key;

    SimilarityFunction(String key) {
        this.key = key;
    }

    /** The suffix in metric names: {@code pearson_<key>}. */
    public String key() {
        return key;
    }

    public double apply(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("vectors differ in length: " + a.length + " vs " + b.length);
        }
        double acc = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            double x = a[i];
            double y = b[i];
            switch (this) {
                case COSINE -> {
                    acc += x * y;
                    na += x * x;
                    nb += y * y;
                }
                case EUCLIDEAN -> acc += (x - y) * (x - y);
                case MANHATTAN -> acc += Math.abs(x - y);
                case DOT -> acc += x * y;
                default -> throw new IllegalStateException();
            }
        }
        return switch (this) {
            case COSINE -> na == 0 || nb == 0 ? 0.0 : acc / (Math.sqrt(na) * Math.sqrt(nb));
            case EUCLIDEAN -> -Math.sqrt(acc);
            case MANHATTAN -> -acc;
            case DOT -> acc;
        };
    }
}
