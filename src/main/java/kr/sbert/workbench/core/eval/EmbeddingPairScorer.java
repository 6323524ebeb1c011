package kr.sbert.workbench.core.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kr.sbert.workbench.core.data.SentencePair;
import kr.sbert.workbench.core.model.SentenceEmbedder;
import kr.sbert.workbench.core.task.CancelToken;
import kr.sbert.workbench.core.task.CancelledException;
import kr.sbert.workbench.core.task.ProgressListener;

/**
 * Scores pairs with a sentence embedder: the cosine of the two sentences' embeddings.
 * Each distinct sentence is encoded once (KorSTS repeats many); progress is in sentences.
 * {@link #embed} exposes the embeddings so every {@link SimilarityFunction} can be computed.
 * Closing the scorer closes the embedder.
 */
public final class EmbeddingPairScorer implements PairScorer, AutoCloseable {
    private final SentenceEmbedder embedder;

    public EmbeddingPairScorer(SentenceEmbedder embedder) {
        this.embedder = embedder;
    }

    @Override
    public String name() {
        return embedder.name();
    }

    /** The embedder the sentences go to. */
    public SentenceEmbedder embedder() {
        return embedder;
    }

    @Override
    public double[] score(List<SentencePair> pairs, ProgressListener progress, CancelToken cancel)
            throws CancelledException {
        return embed(pairs, progress, cancel).similarities(SimilarityFunction.COSINE);
    }

    /** Encodes the pairs' distinct sentences once each. */
    public PairEmbeddings embed(List<SentencePair> pairs, ProgressListener progress, CancelToken cancel)
            throws CancelledException {
        Map<String, Integer> rowOf = new LinkedHashMap<>();
        int[] first = new int[pairs.size()];
        int[] second = new int[pairs.size()];
        for (int i = 0; i < pairs.size(); i++) {
            first[i] = rowOf.computeIfAbsent(pairs.get(i).sentence1(), s -> rowOf.size());
            second[i] = rowOf.computeIfAbsent(pairs.get(i).sentence2(), s -> rowOf.size());
        }
        List<String> distinct = new ArrayList<>(rowOf.keySet());
        cancel.throwIfCancelled();
        float[][] vectors = embedder.encode(distinct, progress, cancel);
        if (vectors.length != distinct.size()) {
            throw new IllegalStateException(embedder.name() + " returned " + vectors.length
                    + " embeddings for " + distinct.size() + " sentences");
        }
        return new PairEmbeddings(distinct, vectors, first, second);
    }

    @Override
    public void close() {
        embedder.close();
    }
}
