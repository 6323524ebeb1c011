package kr.sbert.workbench.core.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kr.sbert.workbench.core.data.SentencePair;
import kr.sbert.workbench.core.model.SentenceEmbedder;
import kr.sbert.workbench.core.task.CancelToken;
import kr.sbert.workbench.core.task.ProgressListener;
import org.junit.jupiter.api.Test;

class EmbeddingPairScorerTest {

    /** Embeds sentences from a fixed table and records what it was asked to encode. */
    static final class TableEmbedder implements SentenceEmbedder {
        final Map<String, float[]> table;
        final List<List<String>> calls = new ArrayList<>();
        boolean closed;

        TableEmbedder(Map<String, float[]> table) {
            this.table = table;
        }

        @Override
        public String name() {
            return "table";
        }

        @Override
        public int dimension() {
            return 3;
        }

        @Override
        public float[][] encode(List<String> texts, ProgressListener progress, CancelToken cancel) {
            calls.add(List.copyOf(texts));
            float[][] out = new float[texts.size()][];
            for (int i = 0; i < texts.size(); i++) {
                out[i] = table.get(texts.get(i));
                progress.update("encoding", i + 1, texts.size());
            }
            return out;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private static final Map<String, float[]> TABLE = Map.of(
            "가", new float[] {1, 2, 2}, "나", new float[] {2, 0, 1}, "다", new float[] {0, 0, 3});

    @Test
    void eachDistinctSentenceIsEncodedOnceAndProgressIsInSentences() throws Exception {
        TableEmbedder embedder = new TableEmbedder(TABLE);
        List<long[]> progress = new ArrayList<>();
        List<SentencePair> pairs = List.of(new SentencePair("가", "나", 1.0, 1), new SentencePair("나", "가", 2.0, 2),
                new SentencePair("가", "다", 3.0, 3), new SentencePair("가", "가", 4.0, 4));
        try (EmbeddingPairScorer scorer = new EmbeddingPairScorer(embedder)) {
            PairEmbeddings e = scorer.embed(pairs, (w, d, t) -> progress.add(new long[] {d, t}), CancelToken.NONE);
            assertThat(embedder.calls).containsExactly(List.of("가", "나", "다"));
            assertThat(progress).last().isEqualTo(new long[] {3, 3});
            assertThat(e.first()).containsExactly(0, 1, 0, 0);
            assertThat(e.second()).containsExactly(1, 0, 2, 0);
            // cos(가, 나) = 4 / (3√5); cos(가, 다) = 6 / (3·3) = 2/3; cos(가, 가) = 1
            double[] cos = scorer.score(pairs, ProgressListener.NONE, CancelToken.NONE);
            assertThat(cos[0]).isCloseTo(4 / (3 * Math.sqrt(5)), within(1e-12));
            assertThat(cos[1]).isEqualTo(cos[0]);
            assertThat(cos[2]).isCloseTo(2.0 / 3, within(1e-12));
            assertThat(cos[3]).isCloseTo(1.0, within(1e-12));
            // manhattan(가, 다) = −(1 + 2 + 1) = −4; dot(가, 다) = 6
            assertThat(e.similarities(SimilarityFunction.MANHATTAN)[2]).isEqualTo(-4.0);
            assertThat(e.similarities(SimilarityFunction.DOT)[2]).isEqualTo(6.0);
        }
        assertThat(embedder.closed).isTrue();
    }
}
