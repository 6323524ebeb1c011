package kr.sbert.workbench.cli;

import java.io.PrintWriter;
import java.util.Locale;
import kr.sbert.workbench.core.cache.CachingEmbedder;
import kr.sbert.workbench.core.cache.EmbeddingCache;
import picocli.CommandLine.Option;

/** {@code --cache} of {@code eval}, {@code embed} and {@code similarity}: the embedding cache the window uses. */
final class CacheOption {
    @Option(names = "--cache",
            description = "Take embeddings computed before from the embedding cache (shared with the window) and keep"
                    + " new ones there: $KR_SBERT_WORKBENCH_CACHE, else $XDG_CACHE_HOME/kr-sbert-workbench, else"
                    + " ~/.cache/kr-sbert-workbench; bounded by $KR_SBERT_WORKBENCH_CACHE_SIZE (default 2G).")
    boolean cache;

    /** The cache, or null without {@code --cache}. */
    EmbeddingCache open() {
        return cache ? EmbeddingCache.atDefaultLocation() : null;
    }

    /** One stderr line: how many sentences the model encoded and how many came from the cache. */
    static void report(CachingEmbedder embedder, EmbeddingCache cache, PrintWriter err) {
        long damaged = cache.damagedEntries();
        err.printf(Locale.ROOT, "cache: %s: %d sentences encoded, %d from the cache (%s)%s%s%n", embedder.name(),
                embedder.encodedSentences(), embedder.cachedSentences(), cache.settings().root(),
                damaged > 0 ? "; " + damaged + " damaged entries recomputed" : "",
                embedder.modelLoaded() ? "" : "; the model was not loaded");
        err.flush();
    }
}
