package kr.sbert.workbench.cli;

import java.io.PrintWriter;
import kr.sbert.workbench.core.InvalidInputException;
import kr.sbert.workbench.core.WorkbenchException;
import kr.sbert.workbench.core.eval.Baselines;
import kr.sbert.workbench.core.eval.PairScorer;

/**
 * Opens what a {@code --model} option names as a {@link PairScorer}.
 *
 * <p>TODO lead replaces: this stand-in handles only the {@code baseline:*} scorers; the lead's
 * version also opens neural models (hub ids and local folders) as an
 * {@code EmbeddingPairScorer}. Keep the signature.
 */
public final class ModelOpener {

    private ModelOpener() {
    }

    /**
     * @param spec a baseline name ({@code baseline:char-ngram}, {@code baseline:jaccard}), a model id or a folder
     * @param err  where to tell the user what is being opened
     */
    public static PairScorer openScorer(String spec, PrintWriter err) throws WorkbenchException {
        if (Baselines.isBaselineSpec(spec)) {
            return Baselines.byName(spec).orElseThrow(() -> new InvalidInputException(
                    "--model " + spec + ": unknown baseline (known: " + String.join(", ", Baselines.names()) + ")"));
        }
        throw new InvalidInputException("--model " + spec + ": neural models cannot be opened yet in this build"
                + " (available: " + String.join(", ", Baselines.names()) + ")");
    }
}
