package kr.sbert.workbench.core.model;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;

/**
 * HF {@code BertModel}'s forward pass in eval mode, written from NDArray ops: embeddings
 * (word + position + token type 0, LayerNorm), then post-LN encoder layers with an additive
 * attention mask. {@code RobertaModel} and {@code XLMRobertaModel} are the same graph with
 * position ids counted from {@code padding_idx} ({@link EncoderFamily#positionsFromPadding()}). Returns the last hidden state; the pooler is not computed.
 * Each layer runs in its own sub-manager so its intermediates are freed when it ends (autograd
 * keeps what backward needs on its own).
 * In training mode the same forward adds HF's dropouts: after the embeddings' LayerNorm, on the
 * attention probabilities, and after both dense outputs of each layer, each only when its rate
 * is above 0; in inference mode no dropout op runs at all.
 */
final class BertEncoder {
    private final BertConfig config;
    private final BertWeights weights;
    private final Shape normShape;
    /** √headSize: HF divides the attention scores by it. */
    private final float scale;

    BertEncoder(BertConfig config, BertWeights weights) {
        this.config = config;
        this.weights = weights;
        this.normShape = new Shape(config.hiddenSize());
        this.scale = (float) Math.sqrt(config.headSize());
    }

    /**
     * @param inputIds      [batch, length] int64 token ids (padded)
     * @param attentionMask [batch, length] float32, 1 for real tokens, 0 for padding
     * @return [batch, length, hidden] float32, attached to {@code inputIds}' manager
     */
    NDArray forward(NDArray inputIds, NDArray attentionMask) {
        return forward(inputIds, attentionMask, DropoutRates.NONE);
    }

    /**
     * As {@link #forward(NDArray, NDArray)}, with dropout at {@code dropout}'s rates (training).
     *
     * <p>Every op but attention works on one token at a time, so the layers run on the real
     * tokens only, packed into {@code [tokens, hidden]} rows ({@link TokenPacking}): padding costs no
     * matrix product, and the 2-D linear layers add their bias inside the product (addmm).
     * Attention gathers the rows back into {@code [batch, length]} order; a padded slot holds a
     * copy of a real row of its text, which the additive mask keeps out of every real token's
     * attention, exactly as HF's padded positions are kept out. The returned padded positions
     * hold such copies, not HF's values there: poolers and callers never read them.
     */
    NDArray forward(NDArray inputIds, NDArray attentionMask, DropoutRates dropout) {
        return forward(inputIds, attentionMask, dropout, Integer.MAX_VALUE);
    }

    /**
     * As {@link #forward(NDArray, NDArray, DropoutRates)}, attention running per group of
     * {@code groupRows} consecutive texts, each group padded to its own longest text (callers
     * sort texts by length, so a batch of several groups pays little padding anywhere).
     */
    NDArray forward(NDArray inputIds, NDArray attentionMask, DropoutRates dropout, int groupRows) {
        NDManager batch = inputIds.getManager();
        long b = inputIds.getShape().get(0);
        long length = inputIds.getShape().get(1);
        NDArray hidden;
        // Scalars an op saves for backward must outlive the layer's scope: DJL's div(Number) makes a
        // tensor over a Java buffer and closes it at once, so backward would read freed memory.
        Constants constants = new Constants(batch);
        TokenPacking packing = TokenPacking.of(attentionMask.toFloatArray(), (int) b, (int) length, groupRows, batch);
        try (NDManager scope = batch.newSubManager()) {
            inputIds.tempAttach(scope);
            packing.tempAttach(scope); // the gathers' results land on their index's manager
            NDArray word = Embedding.embedding(inputIds, weights.wordEmbeddings, SparseFormat.DENSE).singletonOrThrow();
            NDArray positions = positionEmbeddings(inputIds, length, scope);
            // slices taken on the scope: a slice made on the weights' manager would stay there
            NDArray sum = packing.pack(word.add(positions).reshape(b * length, config.hiddenSize()))
                    .add(weights.tokenTypeEmbeddings.get(scope, new NDIndex(0)));
            hidden = dropout(layerNorm(sum, weights.embNormWeight, weights.embNormBias), dropout.hidden());
            hidden.attach(batch);
        }
        for (BertWeights.Layer layer : weights.layers) {
            NDArray next;
            try (NDManager scope = batch.newSubManager()) {
                hidden.tempAttach(scope);
                packing.tempAttach(scope);
                next = layer(hidden, packing, layer, dropout, constants);
                next.attach(batch);
            }
            hidden.close();
            hidden = next;
        }
        return packing.unpack(hidden).reshape(b, length, config.hiddenSize());
    }

    /**
     * The position embeddings to add: rows 0..L-1 for BERT; for RoBERTa, transformers'
     * {@code create_position_ids_from_input_ids}: {@code cumsum(ids != pad) * (ids != pad) + pad}.
     */
    private NDArray positionEmbeddings(NDArray inputIds, long length, NDManager scope) {
        if (!config.family().positionsFromPadding()) {
            return weights.positionEmbeddings.get(scope, new NDIndex("0:{}", length));
        }
        long pad = config.padTokenId();
        NDArray real = inputIds.neq(pad).toType(ai.djl.ndarray.types.DataType.INT64, false);
        NDArray ids = real.cumSum(1).mul(real).add(pad);
        return Embedding.embedding(ids, weights.positionEmbeddings, SparseFormat.DENSE).singletonOrThrow();
    }

    /** One encoder layer on packed rows {@code x} [n, hidden]; returns [n, hidden]. */
    private NDArray layer(NDArray x, TokenPacking packing, BertWeights.Layer w, DropoutRates dropout,
                          Constants constants) {
        NDArray qkvRows = Linear.linear(x, w.qkvWeight(), w.qkvBias()).singletonOrThrow(); // [n, 3h]
        List<NDArray> contexts = new ArrayList<>();
        for (TokenPacking.Group g : packing.groups()) {
            contexts.add(TokenPacking.gatherReal(g, attention(TokenPacking.spread(g, qkvRows), g, dropout, constants)));
        }
        NDArray context = TokenPacking.concat(contexts);
        NDArray attnOut = dropout(Linear.linear(context, w.attnOutWeight(), w.attnOutBias()).singletonOrThrow(),
                dropout.hidden());
        NDArray attn = layerNorm(attnOut.add(x), w.attnNormWeight(), w.attnNormBias());
        NDArray inter = activation(Linear.linear(attn, w.interWeight(), w.interBias()).singletonOrThrow(), constants);
        NDArray out = dropout(Linear.linear(inter, w.outWeight(), w.outBias()).singletonOrThrow(), dropout.hidden());
        return layerNorm(out.add(attn), w.outNormWeight(), w.outNormBias());
    }

    /** Scaled dot-product attention of one group: {@code [rows·len, 3h] → [rows·len, h]}. */
    private NDArray attention(NDArray qkvSlots, TokenPacking.Group g, DropoutRates dropout, Constants constants) {
        long b = g.rows();
        long len = g.length();
        // [b·len, 3h] -> [b, len, 3, heads, headSize] -> [3, b, heads, len, headSize]
        NDArray qkv = qkvSlots.reshape(b, len, 3, config.heads(), config.headSize()).transpose(2, 0, 3, 1, 4);
        NDArray q = qkv.get(0);
        NDArray k = qkv.get(1);
        NDArray v = qkv.get(2);
        NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)).div(constants.of(scale)).add(g.additiveMask());
        NDArray probs = dropout(scores.softmax(-1), dropout.attention());
        return probs.matMul(v).transpose(0, 2, 1, 3).reshape(b * len, config.hiddenSize());
    }

    /** torch's dropout in training mode; no op at all for rate 0, so inference is untouched. */
    private static NDArray dropout(NDArray x, double rate) {
        return rate > 0 ? Dropout.dropout(x, (float) rate, true).singletonOrThrow() : x;
    }

    private NDArray activation(NDArray x, Constants constants) {
        return switch (config.activation()) {
            case GELU -> Activation.gelu(x);
            case RELU -> Activation.relu(x);
            case GELU_TANH -> geluTanh(x, constants);
        };
    }

    /** 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))), HF's {@code gelu_new}. */
    private static NDArray geluTanh(NDArray x, Constants c) {
        NDArray inner = x.pow(c.of(3)).mul(c.of(0.044715f)).add(x).mul(c.of((float) Math.sqrt(2 / Math.PI))).tanh();
        return inner.add(c.of(1f)).mul(x).mul(c.of(0.5f));
    }

    /**
     * float32 scalars living on the batch's manager, so autograd's saved copies stay valid until
     * backward; the ops are the ones {@code div(Number)} etc. run, so results are bit for bit the same.
     */
    static final class Constants {
        private final NDManager manager;
        private final java.util.Map<Number, NDArray> made = new java.util.HashMap<>();

        Constants(NDManager manager) {
            this.manager = manager;
        }

        /** As {@code NDManager.create(Number)}: a Float gives float32, an Integer int32. */
        NDArray of(Number value) {
            return made.computeIfAbsent(value, manager::create);
        }
    }

    private NDArray layerNorm(NDArray x, NDArray gamma, NDArray beta) {
        return LayerNorm.layerNorm(x, normShape, gamma, beta, (float) config.layerNormEps()).singletonOrThrow();
    }

}
