package kr.sbert.workbench.core.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import kr.sbert.workbench.core.data.ReadOptions;
import kr.sbert.workbench.core.data.SentencePair;
import kr.sbert.workbench.core.data.StsDataset;
import kr.sbert.workbench.core.data.StsReader;
import kr.sbert.workbench.core.model.SentenceTransformerModel;
import kr.sbert.workbench.core.task.CancelToken;
import kr.sbert.workbench.testing.Fixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The tiny fixture checkpoint on the real KorSTS dev and KLUE-STS dev files: the scorer's
 * per-pair cosine equals the cosine of the model's own embeddings computed here, and the
 * evaluator's Pearson/Spearman equal a reference computation written out in this test.
 */
class TinyModelEvaluationTest {
    private static SentenceTransformerModel model;

    @BeforeAll
    static void load() throws Exception {
        model = SentenceTransformerModel.load(Fixtures.tinyModel());
    }

    @AfterAll
    static void close() {
        if (model != null) {
            model.close();
        }
    }

    @Test
    void korstsDevScoresMatchIndependentCosineAndReferenceCorrelations() throws Exception {
        StsDataset d = StsReader.read(Fixtures.shared().resolve("data/korsts/sts-dev.tsv"), ReadOptions.defaults());
        assertThat(d.pairs()).hasSize(1500);
        check(d);
        // KorSTS repeats sentences: fewer are encoded than the pairs hold.
        assertThat(new EmbeddingPairScorer(model).embed(d.pairs(), (w, x, y) -> { }, CancelToken.NONE).sentences())
                .hasSizeLessThan(3000);
    }

    @Test
    void klueDevScoresMatchIndependentCosineAndReferenceCorrelations() throws Exception {
        StsDataset d = StsReader.read(Fixtures.shared().resolve("data/klue-sts/klue-sts-v1.1_dev.json"),
                ReadOptions.defaults());
        assertThat(d.pairs()).hasSize(519);
        check(d);
    }

    private static void check(StsDataset d) throws Exception {
        List<SentencePair> pairs = d.pairs();
        // Not closed here: the scorer would close the shared model.
        EmbeddingPairScorer scorer = new EmbeddingPairScorer(model);
        PairEmbeddings embeddings = scorer.embed(pairs, (w, done, total) -> { }, CancelToken.NONE);
        double[] cosine = embeddings.similarities(SimilarityFunction.COSINE);
        java.util.Set<String> distinct = new java.util.HashSet<>();
        pairs.forEach(p -> {
            distinct.add(p.sentence1());
            distinct.add(p.sentence2());
        });
        assertThat(embeddings.sentences()).hasSize(distinct.size());

        // Independently: encode every sentence1 and every sentence2 (duplicates included) and
        // take the cosine by hand.
        List<String> s1 = new ArrayList<>();
        List<String> s2 = new ArrayList<>();
        pairs.forEach(p -> {
            s1.add(p.sentence1());
            s2.add(p.sentence2());
        });
        float[][] e1 = model.encode(s1);
        float[][] e2 = model.encode(s2);
        double[] reference = new double[pairs.size()];
        for (int i = 0; i < pairs.size(); i++) {
            double dot = 0;
            double n1 = 0;
            double n2 = 0;
            for (int k = 0; k < e1[i].length; k++) {
                dot += (double) e1[i][k] * e2[i][k];
                n1 += (double) e1[i][k] * e1[i][k];
                n2 += (double) e2[i][k] * e2[i][k];
            }
            reference[i] = dot / Math.sqrt(n1 * n2);
            // Batches differ (padding lengths), so allow float32 rounding.
            assertThat(cosine[i]).as("pair %d", i).isCloseTo(reference[i], within(1e-5));
        }

        double[] gold = pairs.stream().mapToDouble(SentencePair::gold).toArray();
        EvaluationResult r = Evaluator.standard().evaluate(model.name(), pairs, d.goldScale(), 0, cosine, embeddings);
        assertThat(r.metric("pearson_cosine")).isCloseTo(referencePearson(reference, gold), within(1e-5));
        assertThat(r.metric("spearman_cosine")).isCloseTo(referencePearson(averageRanks(reference), averageRanks(gold)),
                within(1e-3));
        assertThat(r.metric("spearman_cosine")).isCloseTo(referencePearson(averageRanks(cosine), averageRanks(gold)),
                within(1e-12));
        assertThat(r.metrics()).containsKeys("pearson_euclidean", "spearman_manhattan", "pearson_dot");
    }

    /** Textbook Pearson: Σ(x−x̄)(y−ȳ) / √(Σ(x−x̄)² Σ(y−ȳ)²). */
    private static double referencePearson(double[] x, double[] y) {
        double mx = Arrays.stream(x).average().orElseThrow();
        double my = Arrays.stream(y).average().orElseThrow();
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }

    /** SciPy's rankdata(method="average"): 1-based ranks, a run of ties shares its mean rank. */
    private static double[] averageRanks(double[] v) {
        Integer[] order = new Integer[v.length];
        for (int i = 0; i < v.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(v[a], v[b]));
        double[] ranks = new double[v.length];
        int i = 0;
        while (i < v.length) {
            int j = i;
            while (j + 1 < v.length && v[order[j + 1]] == v[order[i]]) {
                j++;
            }
            double mean = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                ranks[order[k]] = mean;
            }
            i = j + 1;
        }
        return ranks;
    }
}
