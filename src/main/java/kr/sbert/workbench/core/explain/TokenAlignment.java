package kr.sbert.workbench.core.explain;

/**
 * Which tokens of one sentence match which of the other: the cosine of every pair of token
 * vectors, and each token's best match on the other side.
 *
 * @param similarity [n_a][n_b]: cos(h_i, g_j), rows a's tokens, columns b's
 * @param bestForA   for each token of a, the column of its most similar token of b
 * @param bestForB   for each token of b, the row of its most similar token of a
 */
public record TokenAlignment(double[][] similarity, int[] bestForA, int[] bestForB) {

    public static TokenAlignment of(float[][] tokensA, float[][] tokensB) {
        int na = tokensA.length;
        int nb = tokensB.length;
        double[] normA = norms(tokensA);
        double[] normB = norms(tokensB);
        double[][] s = new double[na][nb];
        for (int i = 0; i < na; i++) {
            for (int j = 0; j < nb; j++) {
                double dot = 0;
                for (int d = 0; d < tokensA[i].length; d++) {
                    dot += (double) tokensA[i][d] * tokensB[j][d];
                }
                s[i][j] = normA[i] == 0 || normB[j] == 0 ? 0 : dot / (normA[i] * normB[j]);
            }
        }
        int[] bestA = new int[na];
        for (int i = 0; i < na; i++) {
            for (int j = 1; j < nb; j++) {
                if (s[i][j] > s[i][bestA[i]]) {
                    bestA[i] = j;
                }
            }
        }
        int[] bestB = new int[nb];
        for (int j = 0; j < nb; j++) {
            for (int i = 1; i < na; i++) {
                if (s[i][j] > s[bestB[j]][j]) {
                    bestB[j] = i;
                }
            }
        }
        return new TokenAlignment(s, bestA, bestB);
    }

    private static double[] norms(float[][] tokens) {
        double[] n = new double[tokens.length];
        for (int i = 0; i < tokens.length; i++) {
            double s = 0;
            for (float x : tokens[i]) {
                s += (double) x * x;
            }
            n[i] = Math.sqrt(s);
        }
        return n;
    }
}
