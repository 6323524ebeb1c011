package kr.sbert.workbench.core.cache;

import java.io.IOException;
import java.util.List;
import kr.sbert.workbench.core.model.ModelInfo;
import kr.sbert.workbench.core.model.SentenceTransformerModel;
import kr.sbert.workbench.core.text.TokenizerSettings;

/**
 * Model identity + exact text → embedding: a bounded in-memory LRU in front of a
 * size-bounded folder of checked entries ({@link CacheSettings} says where and how large).
 * One instance is shared by every model of a process; it is thread-safe, and several
 * processes may use one folder at once.
 */
public final class EmbeddingCache {
    private final CacheSettings settings;
    private final MemoryTier memory;
    private final DiskTier disk;
    private final ModelIdentities identities;

    public EmbeddingCache(CacheSettings settings) {
        this.settings = settings;
        this.memory = new MemoryTier(settings.maxMemoryBytes());
        this.disk = new DiskTier(settings.root(), settings.maxDiskBytes());
        this.identities = ModelIdentities.in(settings);
    }

    /** The cache at the place the environment names (see {@link CacheSettings#fromSystem()}). */
    public static EmbeddingCache atDefaultLocation() {
        return new EmbeddingCache(CacheSettings.fromSystem());
    }

    public CacheSettings settings() {
        return settings;
    }

    /** The identity of a loaded model (hashing its weights unless a memo or the hub's blob name has it). */
    public ModelIdentity identify(ModelInfo info, TokenizerSettings tokenizer) throws IOException {
        return identities.of(info, tokenizer);
    }

    /** The model behind this cache: only texts it has not embedded before reach it. Closing the result closes the model. */
    public CachingEmbedder wrap(SentenceTransformerModel model) throws IOException {
        return new CachingEmbedder(model, identify(model.info(), model.tokenizerSettings()), this);
    }

    /**
     * A model behind this cache that is loaded only when a text the cache lacks reaches it: a run
     * the cache answers whole reads neither weights nor tokenizer. Closing the result closes the
     * model if it was loaded. A failure to load surfaces from {@code encode} as a
     * {@link kr.sbert.workbench.core.DeferredFailure}.
     *
     * @param description what {@link SentenceTransformerModel#describe} says of the folder
     * @param source      loads the model as described
     */
    public CachingEmbedder wrapLazily(String name, kr.sbert.workbench.core.model.ModelDescription description,
                                      LazySource source) throws IOException {
        return new CachingEmbedder(new LazyModel(name, description, source),
                identify(description.info(), description.tokenizerSettings()), this);
    }

    /** Loads the model behind {@link #wrapLazily}, the first time a text needs it. */
    @FunctionalInterface
    public interface LazySource {
        SentenceTransformerModel open() throws kr.sbert.workbench.core.WorkbenchException;
    }

    /** The embedding of {@code text} by the model, or null when neither tier has an intact one. */
    public float[] get(ModelIdentity model, String text) {
        String idKey = model.key();
        String key = MemoryTier.key(idKey, text);
        float[] v = memory.get(key);
        if (v != null) {
            return v;
        }
        v = disk.get(idKey, text, model.dimension());
        if (v != null) {
            memory.put(key, v);
        }
        return v;
    }

    /** Stores an embedding in both tiers (the disk write is skipped silently if the folder is not writable). */
    public void put(ModelIdentity model, String text, float[] vector) {
        putAll(model, List.of(text), List.of(vector));
    }

    /** Stores a batch of embeddings: in memory, and on disk as one segment file. */
    public void putAll(ModelIdentity model, List<String> texts, List<float[]> vectors) {
        if (texts.size() != vectors.size()) {
            throw new IllegalArgumentException(texts.size() + " texts but " + vectors.size() + " embeddings");
        }
        String idKey = model.key();
        for (int i = 0; i < texts.size(); i++) {
            if (vectors.get(i).length != model.dimension()) {
                throw new IllegalArgumentException("embedding of length " + vectors.get(i).length
                        + " for a model of dimension " + model.dimension());
            }
            memory.put(MemoryTier.key(idKey, texts.get(i)), vectors.get(i));
        }
        disk.putAll(idKey, texts, vectors);
    }

    /** Forgets the in-memory tier (what a new process would see). */
    public void clearMemory() {
        memory.clear();
    }

    /** Disk entries found damaged (and deleted) since this cache was opened. */
    public long damagedEntries() {
        return disk.damagedEntries();
    }

    /** The disk tier (tests in this package damage its files). */
    DiskTier disk() {
        return disk;
    }

    /** Scans the disk tier and deletes least recently used entries when over its bound; returns the bytes it holds. */
    public long trimDisk() {
        return disk.evictIfNeeded();
    }
}
