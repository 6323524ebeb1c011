package kr.sbert.workbench.core.data;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Header names the generic CSV/TSV/JSONL readers accept, compared case-insensitively after
 * trimming, tried in the order listed (the first one present wins):
 * <ul>
 *   <li>first sentence: {@code sentence1, sentence_1, s1, sent1, text1, text_a, sentence_a, premise};</li>
 *   <li>second sentence: {@code sentence2, sentence_2, s2, sent2, text2, text_b, sentence_b, hypothesis};</li>
 *   <li>gold (optional, 0–5): {@code score, label, gold, similarity, sim, relatedness}.</li>
 * </ul>
 */
public final class ColumnAliases {
    public static final List<String> SENTENCE1 =
            List.of("sentence1", "sentence_1", "s1", "sent1", "text1", "text_a", "sentence_a", "premise");
    public static final List<String> SENTENCE2 =
            List.of("sentence2", "sentence_2", "s2", "sent2", "text2", "text_b", "sentence_b", "hypothesis");
    public static final List<String> SCORE =
            List.of("score", "label", "gold", "similarity", "sim", "relatedness");

    private ColumnAliases() {
    }

    /** Index of the first header cell matching one of the aliases (in alias order), or -1. */
    static int find(List<String> header, List<String> aliases) {
        for (String alias : aliases) {
            for (int i = 0; i < header.size(); i++) {
                if (normalise(header.get(i)).equals(alias)) {
                    return i;
                }
            }
        }
        return -1;
    }

    /** The key of {@code object} matching one of the aliases (in alias order). */
    static Optional<String> findKey(Map<String, ?> object, List<String> aliases) {
        for (String alias : aliases) {
            for (String key : object.keySet()) {
                if (normalise(key).equals(alias)) {
                    return Optional.of(key);
                }
            }
        }
        return Optional.empty();
    }

    private static String normalise(String s) {
        return s.strip().toLowerCase(Locale.ROOT);
    }
}
