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
 * The parameters of a HF {@code BertModel} (or {@code RobertaModel} / {@code XLMRobertaModel}: the
 * same names) as float32 {@code NDArray}s, checked by name and shape against {@link BertConfig}.
 * Checkpoint names may carry a {@code bert.}, {@code roberta.} or {@code xlm-roberta.} prefix and
 * TF-era {@code gamma}/{@code beta}; {@code pooler.*}, {@code cls.*}, {@code lm_head.*} and
 * {@code position_ids} are not used. Query, key and value are fused into one matrix so attention needs one GEMM.
 */
final class BertWeights {

    /** One encoder layer's parameters. */
    record Layer(NDArray qkvWeight, NDArray qkvBias, NDArray attnOutWeight, NDArray attnOutBias,
                 NDArray attnNormWeight, NDArray attnNormBias, NDArray interWeight, NDArray interBias,
                 NDArray outWeight, NDArray outBias, NDArray outNormWeight, NDArray outNormBias) {
    }

    final NDArray wordEmbeddings;
    final NDArray positionEmbeddings;
    /** All of {@code token_type_embeddings}; only row 0 is used (single sentences). */
    final NDArray tokenTypeEmbeddings;
    final NDArray embNormWeight;
    final NDArray embNormBias;
    final List<Layer> layers;

    private BertWeights(NDArray wordEmbeddings, NDArray positionEmbeddings, NDArray tokenTypeEmbeddings,
                        NDArray embNormWeight, NDArray embNormBias, List<Layer> layers) {
        this.wordEmbeddings = wordEmbeddings;
        this.positionEmbeddings = positionEmbeddings;
        this.tokenTypeEmbeddings = tokenTypeEmbeddings;
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
        return create(tensors, config, manager, source, false);
    }

    /**
     * Builds the parameters on {@code manager}.
     *
     * @param source file name used in error messages
     * @param owned  copy every tensor into memory torch owns, so it can be updated in place
     *               (training); otherwise a tensor may share a read-only mapping of the file
     */
    static BertWeights create(Map<String, RawTensor> tensors, BertConfig config, NDManager manager, String source,
                              boolean owned) throws MalformedModelException {
        Lookup in = new Lookup(tensors, manager, source, owned);
        int h = config.hiddenSize();
        int ffn = config.intermediateSize();
        NDArray word = in.get("embeddings.word_embeddings.weight", config.vocabSize(), h);
        NDArray pos = in.get("embeddings.position_embeddings.weight", config.maxPositionEmbeddings(), h);
        NDArray types = in.get("embeddings.token_type_embeddings.weight", config.typeVocabSize(), h);
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
            // The fused copies are all the encoder uses: free the parts at once.
            for (NDArray part : new NDArray[] {q, k, v, qb, kb, vb}) {
                part.close();
            }
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
        return new BertWeights(word, pos, types, normW, normB, List.copyOf(layers));
    }

    /**
     * A trainable tensor under HF's names: one name, or the three of query, key and value whose
     * rows (in that order, equal thirds) make up a fused tensor.
     */
    record Parameter(List<String> names, NDArray array) {
    }

    /** Every parameter, in HF's state-dict order (the pooler is not among them). */
    List<Parameter> parameters() {
        List<Parameter> list = new ArrayList<>();
        list.add(new Parameter(List.of("embeddings.word_embeddings.weight"), wordEmbeddings));
        list.add(new Parameter(List.of("embeddings.position_embeddings.weight"), positionEmbeddings));
        list.add(new Parameter(List.of("embeddings.token_type_embeddings.weight"), tokenTypeEmbeddings));
        list.add(new Parameter(List.of("embeddings.LayerNorm.weight"), embNormWeight));
        list.add(new Parameter(List.of("embeddings.LayerNorm.bias"), embNormBias));
        for (int i = 0; i < layers.size(); i++) {
            String p = "encoder.layer." + i + ".";
            Layer l = layers.get(i);
            list.add(new Parameter(fused(p, "weight"), l.qkvWeight()));
            list.add(new Parameter(fused(p, "bias"), l.qkvBias()));
            list.add(new Parameter(List.of(p + "attention.output.dense.weight"), l.attnOutWeight()));
            list.add(new Parameter(List.of(p + "attention.output.dense.bias"), l.attnOutBias()));
            list.add(new Parameter(List.of(p + "attention.output.LayerNorm.weight"), l.attnNormWeight()));
            list.add(new Parameter(List.of(p + "attention.output.LayerNorm.bias"), l.attnNormBias()));
            list.add(new Parameter(List.of(p + "intermediate.dense.weight"), l.interWeight()));
            list.add(new Parameter(List.of(p + "intermediate.dense.bias"), l.interBias()));
            list.add(new Parameter(List.of(p + "output.dense.weight"), l.outWeight()));
            list.add(new Parameter(List.of(p + "output.dense.bias"), l.outBias()));
            list.add(new Parameter(List.of(p + "output.LayerNorm.weight"), l.outNormWeight()));
            list.add(new Parameter(List.of(p + "output.LayerNorm.bias"), l.outNormBias()));
        }
        return list;
    }

    private static List<String> fused(String prefix, String kind) {
        return List.of(prefix + "attention.self.query." + kind, prefix + "attention.self.key." + kind,
                prefix + "attention.self.value." + kind);
    }

    /** HF {@code BertModel}'s name for a checkpoint tensor name (no {@code bert.}, no gamma/beta). */
    static String canonicalName(String name) {
        return Lookup.canonical(name);
    }

    /** Finds tensors by their canonical name, whatever prefix or old naming the file uses. */
    private static final class Lookup {
        private final Map<String, RawTensor> byName = new HashMap<>();
        private final NDManager manager;
        private final String source;
        private final boolean owned;

        Lookup(Map<String, RawTensor> tensors, NDManager manager, String source, boolean owned) {
            this.manager = manager;
            this.source = source;
            this.owned = owned;
            for (RawTensor t : tensors.values()) {
                byName.putIfAbsent(canonical(t.name()), t);
            }
        }

        /** HF {@code BertModel}'s name for a checkpoint tensor name. */
        static String canonical(String name) {
            return kr.sbert.workbench.core.model.weights.CheckpointNames.canonical(name);
        }

        NDArray get(String name, long... shape) throws MalformedModelException {
            return tensor(byName, name, manager, source, owned, shape);
        }
    }

    /**
     * A checkpoint tensor as float32 on {@code manager}, checked by name and shape: F32 as is (it
     * may share a read-only mapping of the file unless {@code owned}), half types converted exactly.
     *
     * @param owned copy it into memory torch owns (training updates it in place; a Dense layer
     *              outlives its file's mapping)
     */
    static NDArray tensor(Map<String, RawTensor> byName, String name, NDManager manager, String source, boolean owned,
                          long... shape) throws MalformedModelException {
        RawTensor t = byName.get(name);
        if (t == null) {
            throw new MalformedModelException(source + ": missing tensor '" + name + "' (expected shape "
                    + Arrays.toString(shape) + ")");
        }
        if (!Arrays.equals(t.shape(), shape)) {
            throw new MalformedModelException(source + ": tensor '" + t.name() + "' has shape "
                    + Arrays.toString(t.shape()) + " but config.json implies " + Arrays.toString(shape));
        }
        NDArray array = switch (t.dtype()) {
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
        if (!owned) {
            return array;
        }
        NDArray copy = array.duplicate();
        array.close();
        return copy;
    }
}
