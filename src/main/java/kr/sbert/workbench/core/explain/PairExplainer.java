package kr.sbert.workbench.core.explain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import kr.sbert.workbench.core.data.SentencePair;
import kr.sbert.workbench.core.eval.SimilarityFunction;
import kr.sbert.workbench.core.model.SentenceTransformerModel;
import kr.sbert.workbench.core.model.TokenEmbeddings;
import kr.sbert.workbench.core.task.CancelToken;
import kr.sbert.workbench.core.task.CancelledException;

/**
 * Explains pairs with one model: one forward pass over the pairs' distinct texts keeps the token
 * vectors beside each embedding; shares and alignment are computed from them.
 */
public final class PairExplainer {

    private PairExplainer() {
    }

    /** One explanation per pair, in input order. */
    public static List<PairExplanation> explain(SentenceTransformerModel model, List<SentencePair> pairs,
                                                CancelToken cancel) throws CancelledException {
        Map<String, Integer> rowOf = new LinkedHashMap<>();
        for (SentencePair p : pairs) {
            rowOf.computeIfAbsent(p.sentence1(), s -> rowOf.size());
            rowOf.computeIfAbsent(p.sentence2(), s -> rowOf.size());
        }
        List<TokenEmbeddings> encoded = model.encodeWithTokens(new ArrayList<>(rowOf.keySet()), cancel);
        List<PairExplanation> out = new ArrayList<>();
        for (SentencePair p : pairs) {
            cancel.throwIfCancelled();
            out.add(explain(model.name(), encoded.get(rowOf.get(p.sentence1())), encoded.get(rowOf.get(p.sentence2()))));
        }
        return out;
    }

    /**
     * Why a model's cosine cannot be split exactly over tokens, or null when it can: after a
     * {@code Dense} module the embedding is no longer a sum over tokens (a non-linear activation,
     * or a bias that belongs to no token), so any split would be made up.
     */
    public static String whyNoTokenShares(kr.sbert.workbench.core.model.ModelInfo info) {
        if (info.dense().isEmpty()) {
            return null;
        }
        return String.join(" → ", info.dense()) + " after the pooling: the embedding is not a sum over tokens,"
                + " so there is no exact token split of its cosine (the cosine itself is exact: similarity, eval)";
    }

    /**
     * As {@link #explain(SentenceTransformerModel, List, CancelToken)}, handing each explanation
     * to {@code sink} in input order as soon as it is made: token vectors and alignment matrices
     * of at most {@code chunkPairs} pairs are held at a time, so memory does not grow with the
     * number of pairs.
     */
    public static void explainEach(SentenceTransformerModel model, List<SentencePair> pairs, int chunkPairs,
                                   CancelToken cancel, Consumer<PairExplanation> sink) throws CancelledException {
        int chunk = Math.max(1, chunkPairs);
        for (int from = 0; from < pairs.size(); from += chunk) {
            explain(model, pairs.subList(from, Math.min(pairs.size(), from + chunk)), cancel).forEach(sink);
        }
    }

    /** Explains one pair from its two texts' token vectors. */
    public static PairExplanation explain(String model, TokenEmbeddings a, TokenEmbeddings b) {
        if (!a.additive() || !b.additive()) {
            throw new IllegalArgumentException(model + ": a Dense module follows the pooling, so the embedding is"
                    + " not a sum over tokens and has no exact token split");
        }
        TokenShares shares = TokenShares.of(a.tokens(), b.tokens(), a.pooling());
        double cosine = SimilarityFunction.COSINE.apply(a.pooled(), b.pooled());
        return new PairExplanation(model, cosine, a, b, shares, TokenAlignment.of(a.tokens(), b.tokens()));
    }
}
