package kr.sbert.workbench.core.model;

import java.nio.file.Path;
import java.util.List;

/**
 * Facts about a loaded sentence-transformers model, shown in the GUI's model panel.
 *
 * @param folder        the model folder (root of {@code modules.json})
 * @param baseModel     {@code _name_or_path} / {@code model_type} from {@code config.json}, or "" when absent
 * @param vocabSize     vocabulary size
 * @param layers        number of transformer layers
 * @param hiddenSize    hidden size
 * @param heads         attention heads
 * @param maxSeqLength  tokens fed to the model, including {@code [CLS]}/{@code [SEP]}
 * @param pooling       pooling modes in sentence-transformers' order, e.g. {@code [mean]}
 * @param normalize     whether a {@code Normalize} module is listed
 * @param weightFile    the weight file actually read, e.g. {@code model.safetensors}
 * @param dimension     embedding size after pooling
 * @param warnings      things a user should know (no {@code modules.json}, lower-casing …)
 * @param family        the encoder's graph, e.g. {@code BERT}, {@code RoBERTa}, {@code XLM-R}
 * @param dense         the {@code Dense} modules after the pooling, e.g. {@code Dense 768→768 tanh}
 * @param headWeightFiles the Dense modules' weight files, relative to {@code folder}
 * @param prompt        the prefix put before every text ({@code ""} for none)
 * @param tokenizerKind the vocabulary's kind, {@code WordPiece} or {@code Unigram}
 * @param modulesListed whether the folder has {@code modules.json} (without, the pooling is the user's choice)
 * @param offeredPrompts the prompts {@code config_sentence_transformers.json} offers, name → prefix
 */
public record ModelInfo(Path folder, String baseModel, int vocabSize, int layers, int hiddenSize,
                        int heads, int maxSeqLength, List<String> pooling, boolean normalize,
                        String weightFile, int dimension, List<String> warnings, String family,
                        List<String> dense, List<String> headWeightFiles, String prompt, String tokenizerKind,
                        boolean modulesListed, java.util.Map<String, String> offeredPrompts) {

    public ModelInfo {
        offeredPrompts = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(offeredPrompts));
        pooling = List.copyOf(pooling);
        warnings = List.copyOf(warnings);
        dense = List.copyOf(dense);
        headWeightFiles = List.copyOf(headWeightFiles);
    }

    /**
     * The whole pipeline in one line, e.g. {@code XLM-R 24×1024 → CLS → Normalize} or
     * {@code BERT 12×768 → mean → Dense 768→768 tanh → Normalize}.
     */
    public String pipeline() {
        StringBuilder b = new StringBuilder(family).append(' ').append(layers).append('×').append(hiddenSize)
                .append(" → ").append(pooling.size() == 1 && pooling.get(0).equals("cls") ? "CLS" : String.join("+", pooling));
        dense.forEach(d -> b.append(" → ").append(d));
        if (normalize) {
            b.append(" → Normalize");
        }
        return b.toString();
    }
}
