package kr.sbert.workbench.core.text;

/**
 * What a tokenizer needs from a sentence-transformers Transformer module besides its
 * tokenizer files.
 *
 * @param maxSeqLength   {@code max_seq_length} of {@code sentence_bert_config.json}: the limit
 *                       in tokens, counting {@code [CLS]} and {@code [SEP]}; at least 2
 * @param lowerCaseInput {@code do_lower_case} of {@code sentence_bert_config.json}: a plain
 *                       Python {@code str.lower()} of the text before tokenizing (no NFD, unlike
 *                       the tokenizer's own {@code do_lower_case})
 * @param nfc            normalise the input to NFC first (what transformers' slow tokenizer
 *                       does; the fast tokenizer does not, so it is off by default)
 */
public record TokenizerSettings(int maxSeqLength, boolean lowerCaseInput, boolean nfc) {

    public TokenizerSettings {
        if (maxSeqLength < 2) {
            throw new IllegalArgumentException(
                    "maxSeqLength must leave room for [CLS] and [SEP], got " + maxSeqLength);
        }
    }

    /** Settings as sentence-transformers uses them: no NFC step. */
    public static TokenizerSettings of(int maxSeqLength, boolean lowerCaseInput) {
        return new TokenizerSettings(maxSeqLength, lowerCaseInput, false);
    }

    /** The same settings with the NFC step switched on or off. */
    public TokenizerSettings withNfc(boolean on) {
        return new TokenizerSettings(maxSeqLength, lowerCaseInput, on);
    }
}
