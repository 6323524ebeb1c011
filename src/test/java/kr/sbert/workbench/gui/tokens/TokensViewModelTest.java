package kr.sbert.workbench.gui.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import kr.sbert.workbench.core.text.Encoding;
import kr.sbert.workbench.core.text.TextTokenizer;
import kr.sbert.workbench.core.text.Token;
import kr.sbert.workbench.core.text.TokenizerLoader;
import kr.sbert.workbench.core.text.TokenizerSettings;
import kr.sbert.workbench.gui.GuiFixtures;
import kr.sbert.workbench.gui.status.StatusViewModel;
import kr.sbert.workbench.gui.task.SyncTaskRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The token view model on the real tokenizers of the tiny fixture (V40K vocab) and KR-BERT-MEDIUM. */
class TokensViewModelTest {
    @TempDir
    Path tmp;

    private final TokensViewModel vm = new TokensViewModel(new StatusViewModel(new SyncTaskRunner()));
    private final java.util.List<TextTokenizer> opened = new java.util.ArrayList<>();

    private TextTokenizer tiny() throws Exception {
        TextTokenizer t = TokenizerLoader.load(GuiFixtures.tinyModel(), TokenizerSettings.of(24, false));
        opened.add(t);
        return t;
    }

    private TextTokenizer withVocab(Path vocab, boolean lowerCase, String name) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(name));
        Files.copy(vocab, dir.resolve("vocab.txt"));
        Files.writeString(dir.resolve("tokenizer_config.json"),
                "{\"do_lower_case\": " + lowerCase + ", \"tokenize_chinese_chars\": true}", StandardCharsets.UTF_8);
        TextTokenizer t = TokenizerLoader.load(dir, TokenizerSettings.of(128, false));
        opened.add(t);
        return t;
    }

    @AfterEach
    void close() {
        opened.forEach(TextTokenizer::close);
    }

    @Test
    void chipsShowTheExpectedPiecesGroupedByWord() throws Exception {
        GuiFixtures.ExpectedSentence s = GuiFixtures.expected(0);
        vm.setTokenizers(Map.of("tiny", tiny()));
        vm.textProperty().set(s.text());

        TokenRow row = vm.rows().get(0);
        List<TokenChip> words = row.chips().stream().filter(c -> !c.token().special()).toList();
        assertThat(words).extracting(c -> c.token().piece()).containsExactlyElementsOf(s.tokens());
        assertThat(row.chips().get(0).token().piece()).isEqualTo("[CLS]");
        assertThat(row.chips().get(0).styleClasses()).contains("token-special");
        // "안전" + "##모를" form one word group; the continuation chip is drawn without its ##.
        List<TokenChip> first = row.words().get(1);
        assertThat(first).extracting(c -> c.token().piece()).containsExactly("안전", "##모를");
        assertThat(first.get(1).label()).isEqualTo("모를");
        assertThat(first.get(1).styleClasses()).contains("token-continuation");
        assertThat(row.summary()).startsWith(s.tokens().size() + " tokens");
    }

    @Test
    void unknownTokensAreMarked() throws Exception {
        GuiFixtures.ExpectedSentence s = GuiFixtures.expected(23);
        vm.setTokenizers(Map.of("tiny", tiny()));
        vm.textProperty().set(s.text());
        List<TokenChip> unk = vm.rows().get(0).chips().stream().filter(c -> c.styleClasses().contains("token-unknown")).toList();
        assertThat(unk).hasSize((int) s.tokens().stream().filter("[UNK]"::equals).count()).isNotEmpty();
        long words = s.tokens().size();
        assertThat(vm.rows().get(0).summary()).contains(String.format(java.util.Locale.ROOT, "[UNK] %.1f%%",
                100.0 * unk.size() / words));
    }

    @Test
    void aPageOfPastedTextDrawsWhatTheModelSeesAndATailButCountsEveryToken() throws Exception {
        String sentence = "오늘 아침에 비가 많이 내렸다. ";
        TextTokenizer tiny = tiny();
        long perSentence = tiny.encode(sentence).wordTokens().size();
        vm.setTokenizers(Map.of("tiny", tiny));
        vm.textProperty().set(sentence.repeat(2000));

        TokenRow row = vm.rows().get(0);
        long total = perSentence * 2000;
        assertThat(row.summary()).startsWith(total + " tokens");
        List<TokenChip> chips = row.chips();
        long seen = chips.stream().filter(c -> !c.token().special() && !c.token().truncated()).count();
        long struck = chips.stream().filter(c -> c.token().truncated()).count();
        assertThat(seen).isEqualTo(22); // max_seq_length 24 minus [CLS] and [SEP]
        assertThat(struck).isBetween(1L, (long) TokensViewModel.MAX_TRUNCATED_CHIPS);
        assertThat(chips).extracting(c -> c.token().piece()).contains("[CLS]", "[SEP]");
        assertThat(row.summary()).contains((total - seen - struck) + " more not drawn");
    }

    @Test
    void tokensBeyondMaxSeqLengthAreStruckOut() throws Exception {
        GuiFixtures.ExpectedSentence s = GuiFixtures.expected(14);
        assertThat(s.truncated()).isTrue();
        vm.setTokenizers(Map.of("tiny", tiny()));
        vm.textProperty().set(s.text());
        List<TokenChip> chips = vm.rows().get(0).chips();
        long struck = chips.stream().filter(c -> c.styleClasses().contains("token-truncated")).count();
        // 24 ids reach the model ([CLS] + 22 pieces + [SEP]); the remaining pieces are struck out.
        assertThat(struck).isEqualTo(s.tokens().size() - (s.inputIds().size() - 2));
        assertThat(chips.get(1).tooltip()).contains("id " + s.inputIds().get(1));
    }

    @Test
    void wordsSplitDifferentlyByTwoVocabulariesAreHighlighted() throws Exception {
        TextTokenizer v40k = tiny();
        TextTokenizer medium = withVocab(GuiFixtures.shared().resolve("model-files/KR-BERT-MEDIUM/20000-vocab.txt"),
                false, "medium");
        String text = GuiFixtures.expected(2).text() + " " + GuiFixtures.expected(9).text();
        Map<String, TextTokenizer> both = new LinkedHashMap<>();
        both.put("v40k", v40k);
        both.put("medium", medium);
        vm.setTokenizers(both);
        vm.textProperty().set(text);

        Set<Integer> expected = new TreeSet<>();
        Map<Integer, String> a = wordPieces(v40k.encode(text));
        Map<Integer, String> b = wordPieces(medium.encode(text));
        for (Integer start : a.keySet()) {
            if (!a.get(start).equals(b.get(start))) {
                expected.add(start);
            }
        }
        assertThat(expected).isNotEmpty();
        assertThat(expected.size()).isLessThan(a.size());
        for (TokenRow row : vm.rows()) {
            Set<Integer> flagged = new TreeSet<>();
            for (List<TokenChip> w : row.words()) {
                if (w.get(0).differing()) {
                    flagged.add(w.get(0).token().start());
                    assertThat(w).allMatch(c -> c.styleClasses().contains("token-differing"));
                }
            }
            assertThat(flagged).as(row.model()).isEqualTo(expected);
        }
    }

    /** Word start → its pieces joined, computed straight from the encoding. */
    private static Map<Integer, String> wordPieces(Encoding e) {
        Map<Integer, String> m = new HashMap<>();
        int start = -1;
        for (Token t : e.wordTokens()) {
            if (!t.continuation()) {
                start = t.start();
                m.put(start, t.piece());
            } else {
                m.merge(start, " " + t.piece(), String::concat);
            }
        }
        return m;
    }

    @Test
    void decomposedHangulIsWarnedAbout() throws Exception {
        String nfd = java.text.Normalizer.normalize("한국어 문장을 분해했습니다", java.text.Normalizer.Form.NFD);
        vm.setTokenizers(Map.of("tiny", tiny()));
        vm.textProperty().set(nfd);
        assertThat(vm.warnings()).singleElement().asString().contains("decomposed Hangul");
        vm.textProperty().set("한국어 문장을 분해했습니다");
        assertThat(vm.warnings()).isEmpty();
    }

    @Test
    void lowerCasingTokenizerIsWarnedAboutWithWhatTheModelSees() throws Exception {
        TextTokenizer lower = withVocab(GuiFixtures.tinyModel().resolve("vocab.txt"), true, "lower");
        vm.setTokenizers(Map.of("lower", lower));
        vm.textProperty().set("한국어 문장");
        List<String> w = vm.rows().get(0).warnings();
        assertThat(w).singleElement().asString().contains("lower-cases");
        // What the model sees, in a form no font recombines into the input's syllables.
        String seen = java.text.Normalizer.normalize("한국어 문장", java.text.Normalizer.Form.NFD);
        assertThat(w.get(0)).contains("ㅎ ㅏ ㄴ ㄱ ㅜ ㄱ ㅇ ㅓ   ㅁ ㅜ ㄴ ㅈ ㅏ ㅇ", "U+1112 U+1161 U+11AB")
                .doesNotContain(seen).doesNotContain("한국어");
    }

    @Test
    void noTokenizerNoRows() throws IOException {
        vm.setTokenizers(Map.of());
        vm.textProperty().set("한국어");
        assertThat(vm.rows()).isEmpty();
    }

    private static kr.sbert.workbench.core.text.Token tok(String piece, int start, int end, boolean continuation) {
        return new kr.sbert.workbench.core.text.Token(piece, 5, start, end, false, continuation, false, false);
    }

    /**
     * WordPiece (잠 ##이 | 옵니다 | .) against SentencePiece (▁잠 이 | ▁옵니다 . — its ▁ piece's span
     * takes the space before along, its word takes the full stop): the same cuts, so nothing is
     * outlined; ▁잠이 in one piece is a real difference.
     */
    @Test
    void wordPieceAndSentencePieceWordsCompareByWhereTheyCut() {
        String text = "잠이 옵니다.";
        List<kr.sbert.workbench.core.text.Token> wp = List.of(tok("잠", 0, 1, false), tok("##이", 1, 2, true),
                tok("옵니다", 3, 6, false), tok(".", 6, 7, false));
        List<kr.sbert.workbench.core.text.Token> sp = List.of(tok("▁잠", 0, 1, false), tok("이", 1, 2, true),
                tok("▁옵니다", 2, 6, false), tok(".", 6, 7, true));
        Map<String, List<List<kr.sbert.workbench.core.text.Token>>> words = new LinkedHashMap<>();
        words.put("wp", TokensViewModel.groupWords(wp));
        words.put("sp", TokensViewModel.groupWords(sp));
        Map<String, Set<Integer>> cuts = TokensViewModel.cuts(words, text);
        for (List<List<kr.sbert.workbench.core.text.Token>> ws : words.values()) {
            for (List<kr.sbert.workbench.core.text.Token> w : ws) {
                assertThat(TokensViewModel.splitDifferently(w, text, cuts)).as(w.toString()).isFalse();
            }
        }
        assertThat(words.get("sp").get(0).stream().map(t -> new TokenChip(t, false).label()).toList())
                .containsExactly("잠", "이");

        words.put("sp", TokensViewModel.groupWords(List.of(tok("▁잠이", 0, 2, false), tok("▁옵니다", 2, 6, false),
                tok(".", 6, 7, true))));
        cuts = TokensViewModel.cuts(words, text);
        assertThat(TokensViewModel.splitDifferently(words.get("wp").get(0), text, cuts)).isTrue();
        assertThat(TokensViewModel.splitDifferently(words.get("sp").get(0), text, cuts)).isTrue();
        assertThat(TokensViewModel.splitDifferently(words.get("wp").get(1), text, cuts)).isFalse();
    }
}
