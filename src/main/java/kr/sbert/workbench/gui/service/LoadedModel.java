package kr.sbert.workbench.gui.service;

import java.util.Optional;
import kr.sbert.workbench.core.eval.PairScorer;
import kr.sbert.workbench.core.model.ModelInfo;
import kr.sbert.workbench.core.text.TextTokenizer;

/**
 * A model ready to score: a neural sentence embedder (with its tokenizer and facts) or a
 * lexical baseline (neither). Closing frees native memory.
 */
public interface LoadedModel extends AutoCloseable {

    /** The id the user chose (folder, hub id, or {@code baseline:*}). */
    String id();

    PairScorer scorer();

    Optional<TextTokenizer> tokenizer();

    Optional<ModelInfo> info();

    /** Sentences this model has sent to its encoder so far (0 for a baseline). */
    default long encodedSentences() {
        return 0;
    }

    /** Sentences this model answered from the embedding cache so far. */
    default long cachedSentences() {
        return 0;
    }

    /**
     * Explains a pair with this model (token shares, alignment), or empty for a baseline.
     * Blocks: call it from a background task.
     */
    default Optional<kr.sbert.workbench.core.explain.PairExplanation> explain(String sentence1, String sentence2,
            kr.sbert.workbench.core.task.CancelToken cancel) throws kr.sbert.workbench.core.task.CancelledException {
        return Optional.empty();
    }

    /** Revision (commit) of a hub snapshot, when known. */
    default Optional<String> revision() {
        return Optional.empty();
    }

    @Override
    void close();
}
