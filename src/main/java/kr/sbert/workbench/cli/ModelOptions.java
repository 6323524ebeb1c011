package kr.sbert.workbench.cli;

import kr.sbert.workbench.core.model.PoolingMode;
import kr.sbert.workbench.core.model.PromptChoice;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Options shared by the commands that run a model. */
final class ModelOptions {
    @Option(names = {"-m", "--model"}, required = true, paramLabel = "MODEL",
            description = "Model folder, hub id (org/name[@revision]), or baseline:NAME where a command accepts it.")
    String model;

    @Option(names = "--threads", paramLabel = "N",
            description = "Threads torch may use (default: all cores).")
    Integer threads;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "32",
            description = "Sentences per forward pass (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--nfc",
            description = "Normalise input to Unicode NFC before tokenizing (the fast tokenizer does not).")
    boolean nfc;

    @Mixin
    InputChoices choices = new InputChoices();

    /** This model's pooling choice (see {@link InputChoices#poolingFor}). */
    PoolingMode poolingChoice() {
        return choices.poolingFor(model);
    }

    /** This model's prompt choice (see {@link InputChoices#promptFor}). */
    PromptChoice promptChoice() {
        return choices.promptFor(model);
    }

    /** Refuses option values no model can run with, before anything is loaded (exit 2). */
    void check() {
        choices.check();
        if (batchSize < 1) {
            throw new IllegalArgumentException("--batch-size must be at least 1, got " + batchSize);
        }
        if (threads != null && threads < 1) {
            throw new IllegalArgumentException("--threads must be at least 1, got " + threads);
        }
    }
}
