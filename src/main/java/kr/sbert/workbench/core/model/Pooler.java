package kr.sbert.workbench.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;

/**
 * The modules after the Transformer: sentence-transformers' {@code Pooling} over token
 * embeddings (using the attention mask so padding never counts), then any {@code Dense} layers,
 * then an optional {@code Normalize}.
 */
final class Pooler {
    private final PoolingConfig config;
    private final java.util.List<DenseLayer> dense;
    private final boolean normalize;

    Pooler(PoolingConfig config, java.util.List<DenseLayer> dense, boolean normalize) {
        this.config = config;
        this.dense = java.util.List.copyOf(dense);
        this.normalize = normalize;
    }

    /** Whether the embedding is still a sum of per-token parts (no Dense layer after the pooling). */
    boolean additive() {
        return dense.isEmpty();
    }

    /** The pooling modes, in concatenation order. */
    java.util.List<PoolingMode> modes() {
        return config.modes();
    }

    /**
     * @param tokens [batch, length, hidden]
     * @param mask   [batch, length] float32 (1 real, 0 padding), right-padded
     * @return [batch, dimension]
     */
    NDArray pool(NDArray tokens, NDArray mask) {
        NDManager manager = tokens.getManager();
        NDArray expanded = mask.expandDims(-1);                   // [b, len, 1]
        NDArray counts = mask.sum(new int[] {1}, true);            // [b, 1]
        NDList parts = new NDList();
        for (PoolingMode mode : config.modes()) {
            parts.add(switch (mode) {
                case CLS -> tokens.get(new NDIndex(":, 0, :"));
                case MAX -> tokens.add(expanded.neg().add(1f).mul(-1e9f)).max(new int[] {1});
                case MEAN -> tokens.mul(expanded).sum(new int[] {1}).div(counts.maximum(1e-9f));
                case MEAN_SQRT_LEN -> tokens.mul(expanded).sum(new int[] {1}).div(counts.sqrt());
                case WEIGHTED_MEAN -> weightedMean(tokens, mask, manager);
                case LAST_TOKEN -> lastToken(tokens, counts);
            });
        }
        NDArray pooled = parts.size() == 1 ? parts.get(0) : NDArrays.concat(parts, 1);
        for (DenseLayer layer : dense) {
            pooled = layer.apply(pooled);
        }
        if (normalize) {
            // torch.nn.functional.normalize: x / max(‖x‖, 1e-12)
            // The eps tensor stays on the batch's manager: backward of maximum reads it again.
            NDArray norm = pooled.norm(new int[] {1}, true).maximum(manager.create(1e-12f));
            pooled = pooled.div(norm);
        }
        return pooled;
    }

    /** Positions weighted 1..length, as sentence-transformers' weightedmean. */
    private static NDArray weightedMean(NDArray tokens, NDArray mask, NDManager manager) {
        long length = mask.getShape().get(1);
        NDArray weights = manager.arange(1f, length + 1f, 1f, DataType.FLOAT32).expandDims(0).mul(mask); // [b, len]
        NDArray sum = tokens.mul(weights.expandDims(-1)).sum(new int[] {1});
        return sum.div(weights.sum(new int[] {1}, true).maximum(1e-9f));
    }

    /** The last real token of each (right-padded) row. */
    private static NDArray lastToken(NDArray tokens, NDArray counts) {
        long hidden = tokens.getShape().get(2);
        NDArray index = counts.sub(1f).toType(DataType.INT64, false)        // [b, 1]
                .expandDims(-1).repeat(2, hidden);                           // [b, 1, hidden]
        return tokens.gather(index, 1).squeeze(1);
    }
}
