package kr.sbert.workbench.core.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kr.sbert.workbench.core.data.SentencePair;
import kr.sbert.workbench.core.task.CancelToken;
import org.junit.jupiter.api.Test;

class CharNgramTfidfScorerTest {

    @Test
    void hangulRunsArePaddedAndGiveTwoAndThreeGrams() {
        // "안 먹는다." → runs 안 and 먹는다 (the space and '.' only separate)
        //   ^안^ → ^안, 안^, ^안^;   ^먹는다^ → ^먹, 먹는, 는다, 다^, ^먹는, 먹는다, 는다^
        Map<String, Integer> f = CharNgramTfidfScorer.features("안 먹는다.");
        assertThat(f).containsOnlyKeys("^안", "안^", "^안^", "^먹", "먹는", "는다", "다^", "^먹는", "먹는다", "는다^");
        assertThat(f.values()).containsOnly(1);
    }

    @Test
    void nonHangulLettersAndDigitsAreWholeLowerCasedTokens() {
        // "오후 3시 KTX" → 오후: ^오, 오후, 후^, ^오후, 오후^; "3"; 시: ^시, 시^, ^시^; "ktx"
        Map<String, Integer> f = CharNgramTfidfScorer.features("오후 3시 KTX");
        assertThat(f).containsOnlyKeys("^오", "오후", "후^", "^오후", "오후^", "3", "^시", "시^", "^시^", "ktx");
    }

    @Test
    void repeatedNgramsAreCounted() {
        assertThat(CharNgramTfidfScorer.features("하하 하하")).containsEntry("하하", 2).containsEntry("^하하", 2).containsEntry("하하^", 2);
    }

    @Test
    void tfidfCosineMatchesTheHandComputation() throws Exception {
        // Sentences A = "가나 다", B = "가나 라" (N = 2 distinct sentences).
        //   shared: ^가, 가나, 나^, ^가나, 가나^ (df 2 → idf ln(3/3)+1 = 1)
        //   A only: ^다, 다^, ^다^; B only: ^라, 라^, ^라^ (df 1 → idf ln(3/2)+1)
        //   cos = 5 / (5 + 3·(ln 1.5 + 1)²) = 5 / 10.92599… = 0.45762…
        double idf1 = Math.log(1.5) + 1;
        double expected = 5 / (5 + 3 * idf1 * idf1);
        List<SentencePair> pairs = List.of(new SentencePair("가나 다", "가나 라", null, 1),
                new SentencePair("가나 다", "가나 다", null, 2));
        double[] s = new CharNgramTfidfScorer().score(pairs, (w, d, t) -> { }, CancelToken.NONE);
        assertThat(s[0]).isCloseTo(expected, within(1e-12));
        assertThat(s[0]).isCloseTo(0.457624, within(1e-6));
        assertThat(s[1]).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void sentencesWithNothingInCommonScoreZeroAndProgressCountsPairs() throws Exception {
        List<long[]> updates = new ArrayList<>();
        double[] s = new CharNgramTfidfScorer().score(List.of(new SentencePair("고양이", "자동차", null, 1),
                new SentencePair("!!!", "고양이", null, 2)), (w, d, t) -> updates.add(new long[] {d, t}), CancelToken.NONE);
        assertThat(s).containsExactly(0.0, 0.0);
        assertThat(updates).last().isEqualTo(new long[] {2, 2});
    }
}
