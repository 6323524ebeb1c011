package kr.sbert.workbench.core.model.weights;

/**
 * HF {@code BertModel}'s name for a checkpoint tensor's name: raw checkpoints
 * ({@code BertForMaskedLM}, {@code XLMRobertaForMaskedLM}, …) put a {@code bert.},
 * {@code roberta.} or {@code xlm-roberta.} prefix before it, and TF-era ones call LayerNorm's
 * weight and bias {@code gamma} and {@code beta}.
 */
public final class CheckpointNames {
    private static final String[] PREFIXES = {"bert.", "roberta.", "xlm-roberta."};

    private CheckpointNames() {
    }

    /** {@code bert.encoder.layer.0.output.LayerNorm.gamma} → {@code encoder.layer.0.output.LayerNorm.weight}. */
    public static String canonical(String name) {
        String n = name;
        for (String prefix : PREFIXES) {
            if (n.startsWith(prefix)) {
                n = n.substring(prefix.length());
                break;
            }
        }
        if (n.endsWith("LayerNorm.gamma")) {
            n = n.substring(0, n.length() - "gamma".length()) + "weight";
        } else if (n.endsWith("LayerNorm.beta")) {
            n = n.substring(0, n.length() - "beta".length()) + "bias";
        }
        return n;
    }
}
