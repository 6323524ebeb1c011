package kr.sbert.workbench.core.cache;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import kr.sbert.workbench.core.model.SentenceEmbedder;
import kr.sbert.workbench.core.task.CancelToken;
import kr.sbert.workbench.core.task.CancelledException;
import kr.sbert.workbench.core.task.ProgressListener;

/**
 * A {@link SentenceEmbedder} that answers from an {@link EmbeddingCache} and sends only the
 * misses to the model: each distinct missing text once, in first-seen order, in calls of at
 * most {@value #CHUNK} sentences (so a cancelled run keeps what it finished). It counts the
 * sentences actually encoded and those taken from the cache. Closing closes the model.
 */
public final class CachingEmbedder implements SentenceEmbedder {
    /** Most sentences per call to the model; each finished call is stored before the next. */
    public static final int CHUNK = 1024;
    private final SentenceEmbedder model;
    private final ModelIdentity identity;
    private final EmbeddingCache cache;
    private final AtomicLong encoded = new AtomicLong();
    private final AtomicLong fromCache = new AtomicLong();

    public CachingEmbedder(SentenceEmbedder model, ModelIdentity identity, EmbeddingCache cache) {
        if (model.dimension() != identity.dimension()) {
            throw new IllegalArgumentException(model.name() + " has dimension " + model.dimension()
                    + " but its identity says " + identity.dimension());
        }
        this.model = model;
        this.identity = identity;
        this.cache = cache;
    }

    @Override
    public String name() {
        return model.name();
    }

    @Override
    public int dimension() {
        return model.dimension();
    }

    public ModelIdentity identity() {
        return identity;
    }

    /** Sentences sent to the model so far (each distinct miss counts once per call). */
    public long encodedSentences() {
        return encoded.get();
    }

    /** Whether the model behind has been loaded (false only for {@link EmbeddingCache#wrapLazily} before a miss). */
    public boolean modelLoaded() {
        return !(model instanceof LazyModel lazy) || lazy.loaded();
    }

    /** Sentences answered from the cache so far. */
    public long cachedSentences() {
        return fromCache.get();
    }

    @Override
    public float[][] encode(List<String> texts, ProgressListener progress, CancelToken cancel)
            throws CancelledException {
        int n = texts.size();
        float[][] out = new float[n][];
        Map<String, float[]> found = new HashMap<>();
        Map<String, List<Integer>> missing = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            String t = texts.get(i);
            float[] v = found.get(t);
            if (v == null && !missing.containsKey(t)) {
                v = cache.get(identity, t);
                if (v != null) {
                    found.put(t, v);
                }
            }
            if (v != null) {
                out[i] = v.clone();
                fromCache.incrementAndGet();
            } else {
                missing.computeIfAbsent(t, k -> new ArrayList<>()).add(i);
            }
        }
        List<String> todo = new ArrayList<>(missing.keySet());
        long hits = n - missing.values().stream().mapToLong(List::size).sum();
        progress.update("encoding", hits, n);
        long done = hits;
        for (int start = 0; start < todo.size(); start += CHUNK) {
            cancel.throwIfCancelled();
            List<String> chunk = todo.subList(start, Math.min(todo.size(), start + CHUNK));
            long base = done;
            float[][] vectors = model.encode(chunk, (what, d, all) -> progress.update(what, base + d, n), cancel);
            if (vectors.length != chunk.size()) {
                throw new IllegalStateException(model.name() + " returned " + vectors.length + " embeddings for "
                        + chunk.size() + " sentences");
            }
            encoded.addAndGet(chunk.size());
            List<float[]> copies = new ArrayList<>(chunk.size());
            for (float[] v : vectors) {
                copies.add(v.clone());
            }
            cache.putAll(identity, chunk, copies);
            for (int k = 0; k < chunk.size(); k++) {
                String t = chunk.get(k);
                List<Integer> rows = missing.get(t);
                for (int r = 0; r < rows.size(); r++) {
                    out[rows.get(r)] = r == 0 ? vectors[k] : vectors[k].clone();
                }
                done += rows.size();
            }
            progress.update("encoding", done, n);
        }
        return out;
    }

    @Override
    public void close() {
        model.close();
    }
}
