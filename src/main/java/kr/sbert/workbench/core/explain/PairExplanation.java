package kr.sbert.workbench.core.explain;

import kr.sbert.workbench.core.model.PoolingMode;
import kr.sbert.workbench.core.model.TokenEmbeddings;

/**
 * One model's explanation of one pair.
 *
 * @param model     the model's display name
 * @param cosine    the cosine of the two embeddings as {@code util.cos_sim} gives it (what
 *                  {@code similarity} prints); the shares sum to it up to float rounding
 * @param a         the first text's tokens, token vectors and embedding
 * @param b         the second text's
 * @param shares    each fed token's share of the cosine
 * @param alignment the token-by-token cosine matrix and best matches
 */
public record PairExplanation(String model, double cosine, TokenEmbeddings a, TokenEmbeddings b,
                              TokenShares shares, TokenAlignment alignment) {

    /** The pooling modes joined as sentence-transformers names them, e.g. {@code mean} or {@code cls+max}. */
    public String poolingLabel() {
        return String.join("+", a.pooling().stream().map(PoolingMode::label).toList());
    }
}
