package kr.sbert.workbench.core.eval;

import java.util.List;
import kr.sbert.workbench.core.data.SentencePair;
import kr.sbert.workbench.core.task.CancelToken;
import kr.sbert.workbench.core.task.CancelledException;
import kr.sbert.workbench.core.task.ProgressListener;

/**
 * Anything that gives a similarity to a sentence pair: a neural sentence embedder (cosine of
 * the two embeddings) or a lexical baseline. Scores are in [-1, 1] (cosine-like).
 */
public interface PairScorer {

    /** Display name, e.g. {@code snunlp/KR-SBERT-V40K-klueNLI-augSTS} or {@code baseline:char-ngram}. */
    String name();

    /** One score per pair, in input order. */
    double[] score(List<SentencePair> pairs, ProgressListener progress, CancelToken cancel)
            throws CancelledException;
}
