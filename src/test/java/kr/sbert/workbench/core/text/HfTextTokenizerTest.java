package kr.sbert.workbench.core.text;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Offsets, flags and truncation on literal strings, with the tiny checkpoint's vocabulary. */
class HfTextTokenizerTest {

    private static HfTextTokenizer tokenizer;

    @BeforeAll
    static void load() throws Exception {
        tokenizer = TokenizerLoader.load(Fixtures.tinyModel(), TokenizerSettings.of(8, false));
    }

    @AfterAll
    static void close() {
        tokenizer.close();
    }

    @Test
    void offsetsAreJavaCharIndicesAcrossEmoji() {
        // 좋다 = chars 0-2, space, 😊 3-5, 👍 5-7, 🏻 7-9 (each a surrogate pair), space, 진짜 10-12.
        String text = "좋다 😊👍🏻 진짜";
        Encoding e = tokenizer.encode(text);
        assertThat(e.pieces()).containsExactly("좋다", "😊", "##👍", "##🏻", "진짜");
        assertThat(e.wordTokens()).extracting(Token::start).containsExactly(0, 3, 5, 7, 10);
        assertThat(e.wordTokens()).extracting(Token::end).containsExactly(2, 5, 7, 9, 12);
        assertThat(e.wordTokens()).extracting(Token::continuation).containsExactly(false, false, true, true, false);
        assertThat(text.substring(7, 9)).isEqualTo("🏻");
    }

    @Test
    void specialTokensHaveNoOffsetsAndSitAtBothEnds() {
        Encoding e = tokenizer.encode("진짜");
        assertThat(e.tokens()).extracting(Token::piece).containsExactly("[CLS]", "진짜", "[SEP]");
        assertThat(e.tokens()).extracting(Token::special).containsExactly(true, false, true);
        assertThat(e.tokens().get(0).start()).isEqualTo(-1);
        assertThat(e.tokens().get(2).end()).isEqualTo(-1);
    }

    @Test
    void unknownSymbolsAreFlagged() {
        Encoding e = tokenizer.encode("♞와");
        assertThat(e.wordTokens()).extracting(Token::unknown).containsExactly(true);
        assertThat(e.wordTokens().get(0).id()).isEqualTo(tokenizer.unkId());
    }

    @Test
    void longTextIsTruncatedAndTheCutPiecesAreFlagged() {
        // Eight words, each one piece (checked below), against a limit of 8 tokens = 6 pieces.
        String text = "오늘 날씨 진짜 좋다 오늘 날씨 진짜 좋다";
        Encoding e = tokenizer.encode(text);
        assertThat(e.pieces()).hasSize(8);
        assertThat(e.truncated()).isTrue();
        assertThat(e.inputIds()).hasSize(8);
        assertThat(e.inputIds()[0]).isEqualTo(e.tokens().get(0).id());
        assertThat(e.inputIds()[7]).isEqualTo(e.tokens().get(e.tokens().size() - 1).id());
        for (int i = 1; i <= 6; i++) {
            assertThat(e.inputIds()[i]).isEqualTo(e.tokens().get(i).id());
        }
        assertThat(e.wordTokens()).extracting(Token::truncated)
                .containsExactly(false, false, false, false, false, false, true, true);
        assertThat(e.tokens().get(e.tokens().size() - 1).truncated()).isFalse();
    }

    @Test
    void theLibraryNeverTruncatesEvenPast512Tokens() {
        String text = String.join(" ", java.util.Collections.nCopies(600, "진짜"));
        Encoding e = tokenizer.encode(text);
        assertThat(e.tokens()).hasSize(602);
        assertThat(e.tokens().get(601).piece()).isEqualTo("[SEP]");
        assertThat(e.inputIds()).hasSize(8);
        assertThat(e.tokens().stream().filter(Token::truncated).count()).isEqualTo(594);
    }

    @Test
    void exactlyMaxSeqLengthIsNotTruncated() {
        Encoding e = tokenizer.encode("오늘 날씨 진짜 좋다 오늘 날씨");
        assertThat(e.pieces()).hasSize(6);
        assertThat(e.truncated()).isFalse();
        assertThat(e.inputIds()).hasSize(8);
    }

    @Test
    void stripFollowsPythonWhitespace() {
        // U+3000 and U+00A0 are Python whitespace (str.strip removes them); offsets stay on the original.
        String text = "\u3000\u00a0진짜\n";
        Encoding e = tokenizer.encode(text);
        assertThat(e.pieces()).containsExactly("진짜");
        assertThat(e.wordTokens().get(0).start()).isEqualTo(2);
        assertThat(e.wordTokens().get(0).end()).isEqualTo(4);
        assertThat(e.text()).isEqualTo(text);
    }

    @Test
    void lowerCaseInputIsAPlainLowerCaseThatKeepsHangul() throws Exception {
        try (HfTextTokenizer lower = TokenizerLoader.load(Fixtures.tinyModel(), TokenizerSettings.of(64, true))) {
            String text = "KR-SBERT는 좋다";
            Encoding e = lower.encode(text);
            assertThat(e.pieces()).isEqualTo(tokenizer.encode("kr-sbert는 좋다").pieces());
            assertThat(e.pieces()).contains("좋다");
            Token last = e.wordTokens().get(e.wordTokens().size() - 1);
            assertThat(text.substring(last.start(), last.end())).isEqualTo("좋다");
        }
    }

    @Test
    void lowerCasingThatLengthensTheTextKeepsOffsetsOnTheOriginal() throws Exception {
        // Python and Java lower-case U+0130 to "i" + U+0307: one char becomes two code points.
        String text = "\u0130 진짜";
        try (HfTextTokenizer lower = TokenizerLoader.load(Fixtures.tinyModel(), TokenizerSettings.of(64, true))) {
            Encoding e = lower.encode(text);
            Token last = e.wordTokens().get(e.wordTokens().size() - 1);
            assertThat(last.piece()).isEqualTo("진짜");
            assertThat(last.start()).isEqualTo(2);
            assertThat(last.end()).isEqualTo(4);
            assertThat(e.wordTokens().get(0).start()).isEqualTo(0);
            assertThat(e.wordTokens().get(0).end()).isEqualTo(1);
        }
    }

    @Test
    void nfcSettingMapsOffsetsBackToTheDecomposedText() throws Exception {
        // "한국어" as 8 conjoining jamo, then a space, then "진짜".
        String text = "\u1112\u1161\u11ab\u1100\u116e\u11a8\u110b\u1165 진짜";
        try (HfTextTokenizer nfc = TokenizerLoader.load(Fixtures.tinyModel(), new TokenizerSettings(64, false, true))) {
            Encoding e = nfc.encode(text);
            assertThat(e.pieces()).containsExactly("한국어", "진짜");
            assertThat(e.wordTokens()).extracting(Token::start).containsExactly(0, 9);
            assertThat(e.wordTokens()).extracting(Token::end).containsExactly(8, 11);
        }
    }

    @Test
    void encodeAllLeavesTheCallersListAloneAndKeepsOrder() throws Exception {
        try (HfTextTokenizer lower = TokenizerLoader.load(Fixtures.tinyModel(), TokenizerSettings.of(64, true))) {
            List<String> texts = new ArrayList<>(List.of("BERT 좋다", "", "  진짜  "));
            List<String> copy = List.copyOf(texts);
            List<Encoding> out = lower.encodeAll(texts);
            assertThat(texts).isEqualTo(copy);
            assertThat(out).extracting(Encoding::text).isEqualTo(copy);
            for (int i = 0; i < texts.size(); i++) {
                assertThat(out.get(i).tokens()).isEqualTo(lower.encode(texts.get(i)).tokens());
            }
        }
    }

    @Test
    void concurrentEncodingGivesTheSameResults() throws Exception {
        List<String> texts = List.of("오늘 날씨 진짜 좋다 😊", "大韓民國은 民主共和國이다.", "KR-SBERT는 BERT 기반의 모델입니다!!");
        List<List<Token>> expected = texts.stream().map(t -> tokenizer.encode(t).tokens()).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> futures = new ArrayList<>();
            for (int k = 0; k < 8; k++) {
                futures.add(pool.submit(() -> {
                    for (int r = 0; r < 50; r++) {
                        for (int i = 0; i < texts.size(); i++) {
                            if (!tokenizer.encode(texts.get(i)).tokens().equals(expected.get(i))) {
                                return false;
                            }
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> f : futures) {
                assertThat(f.get()).isTrue();
            }
        } finally {
            pool.shutdown();
        }
    }
}
