package kr.sbert.workbench.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kr.sbert.workbench.core.model.weights.RawTensor;
import kr.sbert.workbench.core.model.weights.TensorConversions;

/**
 * The parameters of a HF {@code BertModel} as float32 {@code NDArray}s, checked by name and
 * shape against {@link BertConfig}. Checkpoint names may carry a {@code bert.} prefix and
 * TF-era {@code gamma}/{@code beta}; {@code pooler.*}, {@code cls.*} and {@code position_ids}
 * are not used. Query, key and value are fused into one matrix so attention needs one GEMM.
 */
final class BertWeights {

    /** One encoder layer's parameters. */
    record Layer(NDArray qkvWeight, NDArray qkvBias, NDArray attnOutWeight, NDArray attnOutBias,
                 NDArray attnNormWeight, NDArray attnNormBias, NDArray interWeight, NDArray interBias,
                 NDArray outWeight, NDArray outBias, NDArray outNormWeight, NDArray outNormBias) {
    }

    final NDArray wordEmbeddings;
    final NDArray positionEmbeddings;
    final NDArray tokenTypeRow;
    final NDArray embNormWeight;
    final NDArray embNormBias;
    final List<Layer> layers;

    private BertWeights(NDArray wordEmbeddings, NDArray positionEmbeddings, NDArray tokenTypeRow,
                        NDArray embNormWeight, NDArray embNormBias, List<Layer> layers) {
        this.wordEmbeddings = wordEmbeddings;
        this.positionEmbeddings = positionEmbeddings;
        this.tokenTypeRow = tokenTypeRow;
        this.embNormWeight = embNormWeight;
        this.embNormBias = embNormBias;
        this.layers = layers;
    }

    /**
     * Builds the parameters on {@code manager}.
     *
     * @param source file name used in error messages
     */
    static BertWeights create(Map<String, RawTensor> tensors, BertConfig config, NDManager manager, String source)
            throws MalformedModelException {
        Lookup in = new Lookup(tensors, manager, source);
        int h = config.hiddenSize();
        int ffn = config.intermediateSize();
        NDArray word = in.get("embeddings.word_embeddings.weight", config.vocabSize(), h);
        NDArray pos = in.get("embeddings.position_embeddings.weight", config.maxPositionEmbeddings(), h);
        NDArray types = in.get("embeddings.token_type_embeddings.weight", config.typeVocabSize(), h);
        // Token type ids are always 0 for single sentences: keep only that row.
        NDArray typeRow = types.get(0);
        NDArray normW = in.get("embeddings.LayerNorm.weight", h);
        NDArray normB = in.get("embeddings.LayerNorm.bias", h);
        List<Layer> layers = new ArrayList<>();
        for (int i = 0; i < config.layers(); i++) {
            String p = "encoder.layer." + i + ".";
            NDArray q = in.get(p + "attention.self.query.weight", h, h);
            NDArray k = in.get(p + "attention.self.key.weight", h, h);
            NDArray v = in.get(p + "attention.self.value.weight", h, h);
            NDArray qb = in.get(p + "attention.self.query.bias", h);
            NDArray kb = in.get(p + "attention.self.key.bias", h);
            NDArray vb = in.get(p + "attention.self.value.bias", h);
            NDArray qkv = NDArrays.concat(new NDList(q, k, v), 0);
            NDArray qkvBias = NDArrays.concat(new NDList(qb, kb, vb), 0);
            layers.add(new Layer(qkv, qkvBias,
                    in.get(p + "attention.output.dense.weight", h, h),
                    in.get(p + "attention.output.dense.bias", h),
                    in.get(p + "attention.output.LayerNorm.weight", h),
                    in.get(p + "attention.output.LayerNorm.bias", h),
                    in.get(p + "intermediate.dense.weight", ffn, h),
                    in.get(p + "intermediate.dense.bias", ffn),
                    in.get(p + "output.dense.weight", h, ffn),
                    in.get(p + "output.dense.bias", h),
                    in.get(p + "output.LayerNorm.weight", h),
                    in.get(p + "output.LayerNorm.bias", h)));
        }
        return new BertWeights(word, pos, typeRow, normW, normB, List.copyOf(layers));
    }

    /** Finds tensors by their canonical name, whatever prefix or old naming the file uses. */
    private static final class Lookup {
        private final Map<String, RawTensor> byName = new HashMap<>();
        private final NDManager manager;
        private final String source;

        Lookup(Map<String, RawTensor> tensors, NDManager manager, String source) {
            this.manager = manager;
            this.source = source;
            for (RawTensor t : tensors.values()) {
                byName.putIfAbsent(canonical(t.name()), t);
            }
        }

        static String canonical(String name) {
            String n = name.startsWith("bert.") ? name.substring(5) : name;
            if (n.endsWith("LayerNorm.gamma")) {
                n = n.substring(0, n.length() - 5) + "weight";
            } else if (n.endsWith("LayerNorm.beta")) {
                n = n.substring(0, n.length() - 4) + "bias";
            }
            return n;
        }

        NDArray get(String name, long... shape) throws MalformedModelException {
            RawTensor t = byName.get(name);
            if (t == null) {
                throw new MalformedModelException(source + ": missing tensor '" + name + "' (expected shape "
                        + Arrays.toString(shape) + ")");
            }
            if (!Arrays.equals(t.shape(), shape)) {
                throw new MalformedModelException(source + ": tensor '" + t.name() + "' has shape "
                        + Arrays.toString(t.shape()) + " but config.json implies " + Arrays.toString(shape));
            }
            return toFloat32(t);
        }

        private NDArray toFloat32(RawTensor t) throws MalformedModelException {
            return switch (t.dtype()) {
                // The buffer may be a read-only mapping of the file: torch only ever reads it here.
                case F32 -> manager.create(t.data().duplicate().order(ByteOrder.LITTLE_ENDIAN),
                        new Shape(t.shape()), DataType.FLOAT32);
                // Converted in Java, exactly: libtorch aborts the whole JVM when DJL creates a
                // BFLOAT16 array from a buffer, so half types never reach torch as such.
                case F16, BF16, F64 -> manager.create(TensorConversions.toFloat32Buffer(t),
                        new Shape(t.shape()), DataType.FLOAT32);
                default -> throw new MalformedModelException(source + ": tensor '" + t.name() + "' has dtype "
                        + t.dtype() + ", expected a floating-point type");
            };
        }
    }
}
