package kr.sbert.workbench.cli;

import kr.sbert.workbench.core.model.PoolingMode;
import kr.sbert.workbench.core.model.PromptChoice;
import picocli.CommandLine.Option;

/**
 * What a user may choose about how texts reach a model: the pooling of a folder without
 * {@code modules.json} and a prompt before every text. Shared by every command that encodes; with
 * several {@code --model}s each neural model gets the same choices.
 */
final class InputChoices {
    @Option(names = "--pooling", paramLabel = "MODE",
            description = "Pooling for a model folder without modules.json: cls, mean (default, as "
                    + "sentence-transformers; with a warning) or max. KoSimCSE-style models want cls.")
    String pooling;

    @Option(names = "--prompt", paramLabel = "TEXT",
            description = "Put TEXT before every text (and both sentences of a pair), e.g. 'query: ' for e5;"
                    + " '' switches a model's default prompt off.")
    String prompt;

    @Option(names = "--prompt-name", paramLabel = "NAME",
            description = "Put the model's prompt NAME (config_sentence_transformers.json 'prompts') before every text.")
    String promptName;

    /** The pooling chosen with {@code --pooling}, null when not given. */
    PoolingMode poolingChoice() {
        if (pooling == null) {
            return null;
        }
        return switch (pooling) {
            case "cls" -> PoolingMode.CLS;
            case "mean" -> PoolingMode.MEAN;
            case "max" -> PoolingMode.MAX;
            default -> throw new IllegalArgumentException("--pooling must be cls, mean or max, got '"
                    + kr.sbert.workbench.core.UserText.quote(pooling) + "'");
        };
    }

    /** The prompt chosen with {@code --prompt} / {@code --prompt-name} (the model's default when neither). */
    PromptChoice promptChoice() {
        if (prompt != null && promptName != null) {
            throw new IllegalArgumentException("--prompt and --prompt-name exclude each other");
        }
        return prompt != null ? PromptChoice.text(prompt) : promptName != null ? PromptChoice.named(promptName)
                : PromptChoice.DEFAULT;
    }

}
