package kr.sbert.workbench.core.cache;

import java.util.List;
import kr.sbert.workbench.core.DeferredFailure;
import kr.sbert.workbench.core.WorkbenchException;
import kr.sbert.workbench.core.model.ModelDescription;
import kr.sbert.workbench.core.model.SentenceEmbedder;
import kr.sbert.workbench.core.model.SentenceTransformerModel;
import kr.sbert.workbench.core.task.CancelToken;
import kr.sbert.workbench.core.task.CancelledException;
import kr.sbert.workbench.core.task.ProgressListener;

/**
 * A model that is loaded only when a text reaches it — behind a {@link CachingEmbedder}, only
 * when the cache lacks one — so a run the cache answers whole never reads the weights.
 */
final class LazyModel implements SentenceEmbedder {
    private final String name;
    private final ModelDescription description;
    private final EmbeddingCache.LazySource source;
    private SentenceTransformerModel model;

    LazyModel(String name, ModelDescription description, EmbeddingCache.LazySource source) {
        this.name = name;
        this.description = description;
        this.source = source;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int dimension() {
        return description.info().dimension();
    }

    /** Whether the model has been loaded. */
    synchronized boolean loaded() {
        return model != null;
    }

    @Override
    public float[][] encode(List<String> texts, ProgressListener progress, CancelToken cancel)
            throws CancelledException {
        if (texts.isEmpty()) {
            return new float[0][];
        }
        return model().encode(texts, progress, cancel);
    }

    private synchronized SentenceTransformerModel model() {
        if (model == null) {
            SentenceTransformerModel m;
            try {
                m = source.open();
            } catch (WorkbenchException e) {
                throw new DeferredFailure(e);
            }
            if (m.dimension() != dimension()) {
                m.close();
                throw new IllegalStateException(name + ": loaded with dimension " + m.dimension()
                        + " but its folder describes " + dimension());
            }
            model = m;
        }
        return model;
    }

    @Override
    public synchronized void close() {
        if (model != null) {
            model.close();
        }
    }
}
