package kr.sbert.workbench.core.model;

/**
 * The transformer graphs the one encoder computes, read from {@code config.json}'s
 * {@code model_type}. They are the same post-LN encoder; a family changes only how position ids
 * are made and the label shown to users (checkpoint name prefixes: {@link BertWeights}).
 */
public enum EncoderFamily {
    /** HF {@code BertModel}: positions 0..L-1. */
    BERT("bert", "BERT", "BertModel"),
    /** HF {@code RobertaModel}: positions from {@code padding_idx} (see {@link #positionsFromPadding()}). */
    ROBERTA("roberta", "RoBERTa", "RobertaModel"),
    /** HF {@code XLMRobertaModel}: RoBERTa's graph under another name. */
    XLM_ROBERTA("xlm-roberta", "XLM-R", "XLMRobertaModel");

    private final String modelType;
    private final String label;
    private final String architecture;
    EncoderFamily(String modelType, String label, String architecture) {
        this.modelType = modelType;
        this.label = label;
        this.architecture = architecture;
    }

    /** {@code config.json}'s {@code model_type}. */
    public String modelType() {
        return modelType;
    }

    /** A short name for users, e.g. {@code XLM-R}. */
    public String label() {
        return label;
    }

    /** The transformers class, as written in {@code config.json}'s {@code architectures}. */
    public String architecture() {
        return architecture;
    }

    /**
     * RoBERTa's {@code create_position_ids_from_input_ids}: a real token's position is
     * {@code padding_idx + 1 + (its index among the non-padding ids)}, a padding id's is
     * {@code padding_idx}; so {@code max_position_embeddings} holds {@code padding_idx + 1} fewer tokens.
     */
    public boolean positionsFromPadding() {
        return this != BERT;
    }

    /** The family of a {@code model_type} ({@code ""} is BERT, as older configs omit it), or null. */
    public static EncoderFamily ofModelType(String modelType) {
        if (modelType.isEmpty()) {
            return BERT;
        }
        for (EncoderFamily f : values()) {
            if (f.modelType.equals(modelType)) {
                return f;
            }
        }
        return null;
    }

    /** The supported {@code model_type} values, for messages. */
    public static String supportedTypes() {
        return String.join(", ", java.util.Arrays.stream(values()).map(EncoderFamily::modelType).toList());
    }
}
