package kr.sbert.workbench.cli;

import kr.sbert.workbench.core.model.PoolingMode;
import kr.sbert.workbench.core.model.PromptChoice;
import picocli.CommandLine.Option;

/**
 * What a user may choose about how texts reach a model: the pooling of a folder without
 * {@code modules.json} and a prompt before every text. Shared by every command that encodes. With
 * several {@code --model}s, {@code --pooling} and {@code --prompt} go to every model they fit and
 * {@code --pooling-for} / {@code --prompt-for} to one model each; a choice that does not fit a model
 * (a pooling for a folder whose modules.json sets it, a prompt name it does not offer) is left out
 * for that model with a warning (see {@link ModelOpener}).
 */
final class InputChoices {
    @Option(names = "--pooling", paramLabel = "MODE",
            description = "Pooling for model folders without modules.json: cls, mean (default, as "
                    + "sentence-transformers; with a warning) or max. KoSimCSE-style models want cls.")
    String pooling;

    @Option(names = "--pooling-for", paramLabel = "MODEL=MODE",
            description = "The pooling of one --model (repeatable), e.g. --pooling-for BM-K/KoSimCSE-roberta-multitask=cls.")
    java.util.Map<String, String> poolingFor = new java.util.LinkedHashMap<>();

    @Option(names = "--prompt-for", paramLabel = "MODEL=TEXT",
            description = "The prompt of one --model (repeatable), e.g. --prompt-for 'intfloat/multilingual-e5-small=query: '.")
    java.util.Map<String, String> promptFor = new java.util.LinkedHashMap<>();

    @Option(names = "--prompt", paramLabel = "TEXT",
            description = "Put TEXT before every text (and both sentences of a pair), e.g. 'query: ' for e5;"
                    + " '' switches a model's default prompt off.")
    String prompt;

    @Option(names = "--prompt-name", paramLabel = "NAME",
            description = "Put the model's prompt NAME (config_sentence_transformers.json 'prompts') before every text.")
    String promptName;

    /** The pooling chosen with {@code --pooling}, null when not given. */
    PoolingMode poolingChoice() {
        return mode("--pooling", pooling);
    }

    /** The pooling of one model: {@code --pooling-for} it, else {@code --pooling}; null when neither. */
    PoolingMode poolingFor(String model) {
        String own = poolingFor.get(model);
        return own != null ? mode("--pooling-for " + model, own) : poolingChoice();
    }

    /** The prompt of one model: {@code --prompt-for} it, else {@code --prompt} / {@code --prompt-name}. */
    PromptChoice promptFor(String model) {
        String own = promptFor.get(model);
        return own != null ? PromptChoice.text(own) : promptChoice();
    }

    /** Every option's value is valid (checked before any model is read). */
    void check() {
        poolingChoice();
        promptChoice();
        poolingFor.forEach((m, p) -> mode("--pooling-for " + m, p));
        promptFor.forEach((m, p) -> PromptChoice.text(p));
    }

    private static PoolingMode mode(String option, String pooling) {
        if (pooling == null) {
            return null;
        }
        return switch (pooling) {
            case "cls" -> PoolingMode.CLS;
            case "mean" -> PoolingMode.MEAN;
            case "max" -> PoolingMode.MAX;
            default -> throw new IllegalArgumentException(option + " must be cls, mean or max, got '"
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
