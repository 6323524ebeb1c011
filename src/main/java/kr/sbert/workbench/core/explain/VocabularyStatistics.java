package kr.sbert.workbench.core.explain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kr.sbert.workbench.core.text.Encoding;
import kr.sbert.workbench.core.text.Token;

/** Computes {@link VocabularyStats} and the words two vocabularies split differently. */
public final class VocabularyStatistics {
    /** How many {@code [UNK]} words and split differences are listed by default. */
    public static final int DEFAULT_LIMIT = 20;

    private VocabularyStatistics() {
    }

    /**
     * @param encodings    one model's encodings of the sentences
     * @param maxSeqLength that model's limit (for the record; truncation is read from each encoding)
     */
    public static VocabularyStats of(String model, List<Encoding> encodings, int maxSeqLength, int limit) {
        int n = encodings.size();
        int[] perSentence = new int[n];
        long tokens = 0;
        long unknown = 0;
        long whitespaceWords = 0;
        long words = 0;
        long split = 0;
        int truncated = 0;
        Map<String, Integer> unknownWords = new HashMap<>();
        for (int s = 0; s < n; s++) {
            Encoding e = encodings.get(s);
            List<Token> pieces = e.wordTokens();
            perSentence[s] = pieces.size();
            tokens += pieces.size();
            truncated += e.truncated() ? 1 : 0;
            String stripped = e.text().strip();
            whitespaceWords += stripped.isEmpty() ? 0 : stripped.split("\\s+").length;
            for (Token t : pieces) {
                if (t.unknown()) {
                    unknown++;
                    unknownWords.merge(spanText(e.text(), t), 1, Integer::sum);
                }
            }
            for (List<Token> word : words(pieces)) {
                words++;
                split += word.size() >= 2 ? 1 : 0;
            }
        }
        int[] sorted = perSentence.clone();
        Arrays.sort(sorted);
        double mean = n == 0 ? 0 : (double) tokens / n;
        int p95 = n == 0 ? 0 : sorted[(int) Math.ceil(0.95 * n) - 1];
        int max = n == 0 ? 0 : sorted[n - 1];
        return new VocabularyStats(model, n, mean, p95, max, maxSeqLength, truncated, tokens, unknown,
                top(unknownWords, limit), whitespaceWords, words, split);
    }

    /**
     * The words two models split into different pieces, the largest gap in piece count first,
     * then the most frequent. Both encodings lists hold the same sentences in the same order.
     */
    public static List<SplitDifference> differences(List<Encoding> a, List<Encoding> b, int limit) {
        if (a.size() != b.size()) {
            throw new IllegalArgumentException(a.size() + " encodings against " + b.size());
        }
        Map<String, List<String>> piecesA = new HashMap<>();
        Map<String, List<String>> piecesB = new HashMap<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (int s = 0; s < a.size(); s++) {
            for (List<Token> w : words(a.get(s).wordTokens())) {
                String text = spanText(a.get(s).text(), w);
                piecesA.putIfAbsent(text, w.stream().map(Token::piece).toList());
                counts.merge(text, 1, Integer::sum);
            }
            for (List<Token> w : words(b.get(s).wordTokens())) {
                piecesB.putIfAbsent(spanText(b.get(s).text(), w), w.stream().map(Token::piece).toList());
            }
        }
        List<SplitDifference> out = new ArrayList<>();
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            List<String> pb = piecesB.get(e.getKey());
            List<String> pa = piecesA.get(e.getKey());
            if (pb != null && !pa.equals(pb)) {
                out.add(new SplitDifference(e.getKey(), pa, pb, e.getValue()));
            }
        }
        out.sort(Comparator.comparingInt(SplitDifference::pieceGap).reversed()
                .thenComparing(Comparator.comparingInt(SplitDifference::count).reversed())
                .thenComparing(SplitDifference::word));
        return out.subList(0, Math.min(limit, out.size()));
    }

    /** Groups pieces into pre-tokenizer words: each piece that does not continue a word ({@code ##x}; {@code x} after {@code ▁}) starts one. */
    static List<List<Token>> words(List<Token> pieces) {
        List<List<Token>> words = new ArrayList<>();
        for (Token t : pieces) {
            if (!t.continuation() || words.isEmpty()) {
                words.add(new ArrayList<>());
            }
            words.get(words.size() - 1).add(t);
        }
        return words;
    }

    private static String spanText(String text, Token t) {
        return t.start() < 0 ? t.piece() : text.substring(t.start(), t.end()).strip();
    }

    /**
     * The word's text; stripped, since a SentencePiece {@code ▁} piece's span takes the space before
     * its word along (and a lone {@code ▁} has none), so words of both kinds of vocabulary match.
     */
    private static String spanText(String text, List<Token> word) {
        int from = -1;
        int to = -1;
        for (Token t : word) {
            if (t.start() >= 0 && from < 0) {
                from = t.start();
            }
            to = Math.max(to, t.end());
        }
        if (from < 0 || to < from) {
            return String.join("", word.stream().map(Token::piece).toList());
        }
        return text.substring(from, to).strip();
    }

    private static List<WordCount> top(Map<String, Integer> counts, int limit) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(limit)
                .map(e -> new WordCount(e.getKey(), e.getValue()))
                .toList();
    }
}
