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
 */
public record ModelInfo(Path folder, String baseModel, int vocabSize, int layers, int hiddenSize,
                        int heads, int maxSeqLength, List<String> pooling, boolean normalize,
                        String weightFile, int dimension, List<String> warnings) {
}
