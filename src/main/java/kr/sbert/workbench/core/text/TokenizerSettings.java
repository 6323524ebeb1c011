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
 * @param prompt         a prefix put before every text ({@code ""}: none), as sentence-transformers'
 *                       {@code encode(prompt=…)}: prefixed first, then stripped and tokenized
 *                       with the text, counted in {@code max_seq_length}
 */
public record TokenizerSettings(int maxSeqLength, boolean lowerCaseInput, boolean nfc, String prompt) {

    public TokenizerSettings {
        if (maxSeqLength < 2) {
            throw new IllegalArgumentException(
                    "maxSeqLength must leave room for [CLS] and [SEP], got " + maxSeqLength);
        }
        prompt = prompt == null ? "" : prompt;
    }

    /** No prompt. */
    public TokenizerSettings(int maxSeqLength, boolean lowerCaseInput, boolean nfc) {
        this(maxSeqLength, lowerCaseInput, nfc, "");
    }

    /** Settings as sentence-transformers uses them: no NFC step. */
    public static TokenizerSettings of(int maxSeqLength, boolean lowerCaseInput) {
        return new TokenizerSettings(maxSeqLength, lowerCaseInput, false);
    }

    /** The same settings with the NFC step switched on or off. */
    public TokenizerSettings withNfc(boolean on) {
        return new TokenizerSettings(maxSeqLength, lowerCaseInput, on, prompt);
    }
}
