package kr.sbert.workbench.core.model;

import com.google.gson.JsonObject;
import java.nio.file.Path;

/**
 * The fields of a HF {@code config.json} the encoder needs (BERT, RoBERTa or XLM-R: one graph, see
 * {@link EncoderFamily}), mapped from their JSON keys in {@link #read(Path)} only.
 *
 * @param vocabSize             {@code vocab_size}
 * @param hiddenSize            {@code hidden_size}
 * @param layers                {@code num_hidden_layers}
 * @param heads                 {@code num_attention_heads}
 * @param intermediateSize      {@code intermediate_size}
 * @param maxPositionEmbeddings {@code max_position_embeddings}
 * @param typeVocabSize         {@code type_vocab_size}
 * @param layerNormEps          {@code layer_norm_eps} (BERT's default 1e-12)
 * @param activation            {@code hidden_act}
 * @param family                {@code model_type}: bert (also when absent), roberta or xlm-roberta
 * @param padTokenId            {@code pad_token_id} (BERT's default 0, RoBERTa's 1): RoBERTa's {@code padding_idx}
 * @param nameOrPath            {@code _name_or_path} ("" when absent)
 */
public record BertConfig(int vocabSize, int hiddenSize, int layers, int heads, int intermediateSize,
                         int maxPositionEmbeddings, int typeVocabSize, double layerNormEps,
                         Activation activation, EncoderFamily family, int padTokenId, String nameOrPath) {

    /** The feed-forward activations HF's BERT offers that this encoder computes exactly. */
    public enum Activation {
        /** {@code gelu}: the exact erf GELU. */
        GELU,
        /** {@code gelu_new}, {@code gelu_pytorch_tanh}: the tanh approximation. */
        GELU_TANH,
        RELU;

        static Activation fromConfig(String name, Path file) throws MalformedModelException {
            return switch (name) {
                case "gelu" -> GELU;
                case "gelu_new", "gelu_pytorch_tanh", "gelu_fast" -> GELU_TANH;
                case "relu" -> RELU;
                default -> throw new MalformedModelException(file + ": hidden_act '" + name
                        + "' is not supported (gelu, gelu_new, gelu_pytorch_tanh, relu are)");
            };
        }
    }

    public BertConfig {
        if (hiddenSize <= 0 || heads <= 0 || hiddenSize % heads != 0) {
            throw new IllegalArgumentException("hidden_size " + hiddenSize
                    + " must be a positive multiple of num_attention_heads " + heads);
        }
    }

    public int headSize() {
        return hiddenSize / heads;
    }

    /**
     * The most tokens (with the special ones) the position embeddings can hold: all of them for
     * BERT, {@code padding_idx + 1} fewer for RoBERTa (514 positions give 512 tokens).
     */
    public int maxTokens() {
        return family.positionsFromPadding() ? maxPositionEmbeddings - padTokenId - 1 : maxPositionEmbeddings;
    }

    /** A config of the given shape with BERT's defaults elsewhere (used by {@code bench}). */
    public static BertConfig of(int vocabSize, int hiddenSize, int layers, int heads, int intermediateSize) {
        return of(EncoderFamily.BERT, vocabSize, hiddenSize, layers, heads, intermediateSize, 512);
    }

    /**
     * A config of the given family and shape with that family's defaults elsewhere (used by
     * {@code bench}): RoBERTa's 1 token type, eps 1e-5, padding id 1 and {@code maxTokens + 2} positions.
     */
    public static BertConfig of(EncoderFamily family, int vocabSize, int hiddenSize, int layers, int heads,
                                int intermediateSize, int maxTokens) {
        boolean roberta = family.positionsFromPadding();
        return new BertConfig(vocabSize, hiddenSize, layers, heads, intermediateSize,
                roberta ? maxTokens + 2 : maxTokens, roberta ? 1 : 2, roberta ? 1e-5 : 1e-12,
                Activation.GELU, family, roberta ? 1 : 0, "");
    }

    /** Reads {@code config.json}; a model that is not BERT-like is refused with the reason. */
    public static BertConfig read(Path file) throws MalformedModelException {
        JsonObject o = JsonFiles.readObject(file);
        String modelType = JsonFiles.stringField(o, "model_type", "");
        EncoderFamily family = EncoderFamily.ofModelType(modelType);
        if (family == null) {
            throw new MalformedModelException(file + ": model_type '" + kr.sbert.workbench.core.UserText.quote(modelType)
                    + "' is not supported (" + EncoderFamily.supportedTypes() + " are)");
        }
        String positions = JsonFiles.stringField(o, "position_embedding_type", "absolute");
        if (!positions.equals("absolute")) {
            throw new MalformedModelException(file + ": position_embedding_type '" + positions
                    + "' is not supported (only absolute)");
        }
        int hidden = JsonFiles.requiredInt(o, "hidden_size", file);
        int heads = JsonFiles.requiredInt(o, "num_attention_heads", file);
        if (hidden <= 0) {
            throw new MalformedModelException(file + ": hidden_size must be positive, got " + hidden);
        }
        if (heads == 0 || hidden % heads != 0) {
            throw new MalformedModelException(file + ": hidden_size " + hidden
                    + " is not a multiple of num_attention_heads " + heads);
        }
        double eps = JsonFiles.doubleField(o, "layer_norm_eps", 1e-12, file);
        if (!(eps > 0 && Double.isFinite(eps))) {
            // LayerNorm divides by sqrt(variance + eps): zero or less gives NaN or infinity.
            throw new MalformedModelException(file + ": layer_norm_eps must be a positive number, got " + eps);
        }
        if (JsonFiles.intField(o, "type_vocab_size", 2, file) == 0) {
            // every input's token_type_ids are 0: the embedding needs at least that row
            throw new MalformedModelException(file + ": type_vocab_size must be at least 1, got 0");
        }
        int padTokenId = JsonFiles.intField(o, "pad_token_id", family.positionsFromPadding() ? 1 : 0, file);
        int positionRows = JsonFiles.intField(o, "max_position_embeddings", 512, file);
        int reserved = family.positionsFromPadding() ? padTokenId + 1 : 0;
        if (padTokenId < 0 || (long) positionRows - reserved < 2) {
            throw new MalformedModelException(file + ": max_position_embeddings " + positionRows
                    + (family.positionsFromPadding() ? " with pad_token_id " + padTokenId : "")
                    + " leaves no room for two tokens");
        }
        for (String key : new String[] {"vocab_size", "intermediate_size"}) {
            if (JsonFiles.requiredInt(o, key, file) == 0) {
                throw new MalformedModelException(file + ": " + key + " must be positive, got 0");
            }
        }
        return new BertConfig(
                JsonFiles.requiredInt(o, "vocab_size", file),
                hidden,
                JsonFiles.requiredInt(o, "num_hidden_layers", file),
                heads,
                JsonFiles.requiredInt(o, "intermediate_size", file),
                JsonFiles.intField(o, "max_position_embeddings", 512, file),
                JsonFiles.intField(o, "type_vocab_size", 2, file),
                eps,
                Activation.fromConfig(JsonFiles.stringField(o, "hidden_act", "gelu"), file),
                family,
                padTokenId,
                JsonFiles.stringField(o, "_name_or_path", ""));
    }
}
