package kr.sbert.workbench.core.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import kr.sbert.workbench.core.data.SentencePair;
import kr.sbert.workbench.core.task.CancelToken;
import kr.sbert.workbench.core.task.CancelledException;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

class JaccardScorerTest {

    @Test
    void wordsLosePunctuationAtTheirEndsAndAreLowerCased() {
        assertThat(JaccardScorer.words("\"나는\" 밥을, 먹었다. KTX ...")).containsExactlyInAnyOrder("나는", "밥을", "먹었다", "ktx");
    }

    @Test
    void scoresMatchTheHandComputation() throws Exception {
        // {나는, 밥을, 먹었다} vs {나는, 빵을, 먹었다}: 2 shared / 4 in the union = 0.5
        // {오늘, 비가, 온다} vs {비가, 온다, 오늘}: 3/3 = 1 (word order does not matter)
        // {고양이} vs {강아지가, 잔다}: 0/3 = 0
        List<SentencePair> pairs = List.of(new SentencePair("나는 밥을 먹었다.", "나는 빵을 먹었다", null, 1),
                new SentencePair("오늘 비가 온다", "비가 온다 오늘", null, 2),
                new SentencePair("고양이", "강아지가 잔다", null, 3));
        assertThat(new JaccardScorer().score(pairs, (w, d, t) -> { }, CancelToken.NONE)).containsExactly(0.5, 1.0, 0.0);
    }

    @Test
    void cancellationStopsScoring() {
        CancelToken cancel = new CancelToken();
        cancel.cancel();
        Assertions.assertThatThrownBy(() -> new JaccardScorer().score(List.of(new SentencePair("a", "b", null, 1)),
                (w, d, t) -> { }, cancel)).isInstanceOf(CancelledException.class);
    }

    @Test
    void baselinesAreFoundByNameCaseInsensitively() {
        assertThat(Baselines.names()).containsExactly("baseline:char-ngram", "baseline:jaccard");
        assertThat(Baselines.byName("baseline:jaccard")).get().isInstanceOf(JaccardScorer.class);
        assertThat(Baselines.byName("BASELINE:char-ngram")).get().isInstanceOf(CharNgramTfidfScorer.class);
        assertThat(Baselines.byName("baseline:bm25")).isEmpty();
        assertThat(Baselines.isBaselineSpec("baseline:bm25")).isTrue();
        assertThat(Baselines.isBaselineSpec("snunlp/KR-SBERT-V40K-klueNLI-augSTS")).isFalse();
    }
}
