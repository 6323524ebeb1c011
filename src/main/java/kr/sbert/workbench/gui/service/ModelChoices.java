package kr.sbert.workbench.gui.service;

import kr.sbert.workbench.core.model.PoolingMode;
import kr.sbert.workbench.core.model.PromptChoice;

/**
 * What the user chose beside a model in the models panel: the pooling of a folder without
 * {@code modules.json} and a prompt put before every text. Both change the model's numbers, so a
 * change reloads it (and it is scored anew; the embedding cache keys them apart).
 *
 * @param pooling null: the folder's own (mean for a folder without {@code modules.json})
 * @param prompt  null: the folder's default prompt, if any; {@code ""}: none
 */
public record ModelChoices(PoolingMode pooling, String prompt) {
    /** The folder's own pooling and default prompt. */
    public static final ModelChoices DEFAULT = new ModelChoices(null, null);

    /** The prompt as the core takes it. */
    public PromptChoice promptChoice() {
        return prompt == null ? PromptChoice.DEFAULT : PromptChoice.text(prompt);
    }
}
