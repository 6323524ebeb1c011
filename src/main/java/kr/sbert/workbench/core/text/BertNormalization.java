package kr.sbert.workbench.core.text;

/**
 * The effective options of the tokenizer's {@code BertNormalizer} stage, after
 * {@code tokenizer_config.json} has been applied.
 *
 * @param cleanText          drop control characters, turn whitespace into spaces
 * @param handleChineseChars put spaces around CJK ideographs
 * @param stripAccents       NFD and drop combining marks: this splits every Hangul syllable into
 *                           conjoining jamo
 * @param lowercase          lower-case the text
 */
public record BertNormalization(boolean cleanText, boolean handleChineseChars,
                                boolean stripAccents, boolean lowercase) {

    /** A normalizer that leaves letters alone (only cleans text and spaces out ideographs). */
    public static BertNormalization casePreserving() {
        return new BertNormalization(true, true, false, false);
    }

    /** Whether the normalizer changes letters: lower-casing or accent stripping (the jamo trap). */
    public boolean altersLetters() {
        return lowercase || stripAccents;
    }
}
