package kr.sbert.workbench.core.model;

import java.util.List;
import kr.sbert.workbench.core.task.CancelToken;
import kr.sbert.workbench.core.task.CancelledException;
import kr.sbert.workbench.core.task.ProgressListener;

/**
 * Turns sentences into fixed-size embeddings, as {@code SentenceTransformer.encode} does
 * (no normalisation unless the model lists a {@code Normalize} module).
 */
public interface SentenceEmbedder extends AutoCloseable {

    /** Display name (model id or folder name). */
    String name();

    /** Length of every embedding. */
    int dimension();

    /**
     * Encodes texts; the result is in input order. Progress is reported in sentences.
     *
     * @throws CancelledException when {@code cancel} was cancelled before the work finished
     */
    float[][] encode(List<String> texts, ProgressListener progress, CancelToken cancel)
            throws CancelledException;

    default float[][] encode(List<String> texts) {
        try {
            return encode(texts, ProgressListener.NONE, CancelToken.NONE);
        } catch (CancelledException e) {
            throw new IllegalStateException("cannot happen: NONE is never cancelled", e);
        }
    }

    @Override
    void close();
}
