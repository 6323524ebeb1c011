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
        Tally tally = new Tally();
        encodings.forEach(tally::add);
        return tally.result(model, maxSeqLength, limit);
    }

    /**
     * The words two models split into different pieces, the largest gap in piece count first,
     * then the most frequent. Both encodings lists hold the same sentences in the same order.
     */
    public static List<SplitDifference> differences(List<Encoding> a, List<Encoding> b, int limit) {
        if (a.size() != b.size()) {
            throw new IllegalArgumentException(a.size() + " encodings against " + b.size());
        }
        Differences d = new Differences();
        for (int s = 0; s < a.size(); s++) {
            d.add(a.get(s), b.get(s));
        }
        return d.result(limit);
    }

    /**
     * One model's statistics gathered sentence by sentence, so a caller can let each encoding go
     * once it is counted (what it keeps: a count per sentence and the {@code [UNK]} words).
     */
    public static final class Tally {
        private int[] perSentence = new int[1024];
        private int n;
        private long tokens;
        private long unknown;
        private long whitespaceWords;
        private long words;
        private long split;
        private int truncated;
        private final Map<String, Integer> unknownWords = new HashMap<>();

        public void add(Encoding e) {
            List<Token> pieces = e.wordTokens();
            if (n == perSentence.length) {
                perSentence = Arrays.copyOf(perSentence, n * 2);
            }
            perSentence[n++] = pieces.size();
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

        public VocabularyStats result(String model, int maxSeqLength, int limit) {
            int[] sorted = Arrays.copyOf(perSentence, n);
            Arrays.sort(sorted);
            double mean = n == 0 ? 0 : (double) tokens / n;
            int p95 = n == 0 ? 0 : sorted[(int) Math.ceil(0.95 * n) - 1];
            int max = n == 0 ? 0 : sorted[n - 1];
            return new VocabularyStats(model, n, mean, p95, max, maxSeqLength, truncated, tokens, unknown,
                    top(unknownWords, limit), whitespaceWords, words, split);
        }
    }

    /**
     * The split differences of two models gathered sentence by sentence (each sentence's two
     * encodings together); keeps each word's count and its first pieces in either vocabulary.
     */
    public static final class Differences {
        private final Map<String, List<Token>> piecesA = new HashMap<>();
        private final Map<String, List<Token>> piecesB = new HashMap<>();
        private final Map<String, Integer> counts = new LinkedHashMap<>();

        /** One sentence as the first and as the second model encode it. */
        public void add(Encoding a, Encoding b) {
            for (List<Token> w : words(a.wordTokens())) {
                String text = spanText(a.text(), w);
                piecesA.computeIfAbsent(text, k -> List.copyOf(w));
                counts.merge(text, 1, Integer::sum);
            }
            for (List<Token> w : words(b.wordTokens())) {
                piecesB.computeIfAbsent(spanText(b.text(), w), k -> List.copyOf(w));
            }
        }

        private static List<String> bare(List<Token> word) {
            return word.stream().map(Token::bare).filter(p -> !p.isEmpty()).toList();
        }

        private static List<String> pieces(List<Token> word) {
            return word.stream().map(Token::piece).toList();
        }

        public List<SplitDifference> result(int limit) {
            List<SplitDifference> out = new ArrayList<>();
            for (Map.Entry<String, Integer> e : counts.entrySet()) {
                List<Token> pb = piecesB.get(e.getKey());
                List<Token> pa = piecesA.get(e.getKey());
                // compared without word marks: ▁잠 이 and 잠 ##이 split 잠이 alike
                if (pb != null && !bare(pa).equals(bare(pb))) {
                    out.add(new SplitDifference(e.getKey(), pieces(pa), pieces(pb), e.getValue()));
                }
            }
            out.sort(Comparator.comparingInt(SplitDifference::pieceGap).reversed()
                    .thenComparing(Comparator.comparingInt(SplitDifference::count).reversed())
                    .thenComparing(SplitDifference::word));
            return out.subList(0, Math.min(limit, out.size()));
        }
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
