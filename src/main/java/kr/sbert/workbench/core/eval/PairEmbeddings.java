package kr.sbert.workbench.core.eval;

import java.util.List;

/**
 * The embeddings behind a set of pairs: each distinct sentence once, and for every pair the
 * rows of its two sentences.
 *
 * @param sentences distinct sentences, in order of first appearance
 * @param vectors   one embedding per distinct sentence
 * @param first     for pair i, the row of its sentence1
 * @param second    for pair i, the row of its sentence2
 */
public record PairEmbeddings(List<String> sentences, float[][] vectors, int[] first, int[] second) {

    public PairEmbeddings {
        sentences = List.copyOf(sentences);
        if (vectors.length != sentences.size()) {
            throw new IllegalArgumentException(sentences.size() + " sentences but " + vectors.length + " vectors");
        }
        if (first.length != second.length) {
            throw new IllegalArgumentException("first has " + first.length + " entries, second " + second.length);
        }
    }

    /** Number of pairs. */
    public int pairCount() {
        return first.length;
    }

    /** The embedding of pair i's sentence1 / sentence2. */
    public float[] vector1(int pair) {
        return vectors[first[pair]];
    }

    public float[] vector2(int pair) {
        return vectors[second[pair]];
    }

    /** One similarity per pair, in pair order. */
    public double[] similarities(SimilarityFunction f) {
        double[] out = new double[first.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = f.apply(vectors[first[i]], vectors[second[i]]);
        }
        return out;
    }
}
