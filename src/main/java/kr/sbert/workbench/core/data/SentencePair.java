package kr.sbert.workbench.core.data;

/**
 * One row of an STS data set.
 *
 * @param sentence1 first sentence
 * @param sentence2 second sentence
 * @param gold      gold similarity on the data set's scale (0–5 for KorSTS and KLUE-STS),
 *                  or {@code null} when the row has none (scoring only)
 * @param line      1-based line (or record) number in the source file, 0 when typed by hand
 * @param attributes the row's other columns, in file order (KorSTS {@code genre}, {@code filename},
 *                  {@code year}, {@code id}; KLUE-STS {@code guid}, {@code source}; a generic file's
 *                  extra columns): the keys of slices
 */
public record SentencePair(String sentence1, String sentence2, Double gold, int line,
                           java.util.Map<String, String> attributes) {

    public SentencePair {
        attributes = attributes == null || attributes.isEmpty() ? java.util.Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(attributes));
    }

    /** A pair without extra columns. */
    public SentencePair(String sentence1, String sentence2, Double gold, int line) {
        this(sentence1, sentence2, gold, line, java.util.Map.of());
    }

    /**
     * Two pairs are equal when their sentences, gold and line are: the attributes describe where a
     * row came from and are left out, so equality means what it meant before they were kept.
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof SentencePair p && java.util.Objects.equals(sentence1, p.sentence1)
                && java.util.Objects.equals(sentence2, p.sentence2)
                && java.util.Objects.equals(gold, p.gold) && line == p.line;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(sentence1, sentence2, gold, line);
    }

    public boolean hasGold() {
        return gold != null;
    }
}
