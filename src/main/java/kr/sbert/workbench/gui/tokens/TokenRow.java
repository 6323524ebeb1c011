package kr.sbert.workbench.gui.tokens;

import java.util.List;

/**
 * One model's tokenization of the text.
 *
 * @param model    model id
 * @param words    chips grouped by word: a word's first piece and its {@code ##} continuations
 *                 (special tokens form groups of their own)
 * @param summary  counts: tokens, [UNK] rate, characters per token, truncation
 * @param warnings what the user should know about this model's view of the text
 * @param note     empty for a loaded model; for a model shown from its tokenizer alone, says so
 *                 and where the tokenizer came from
 */
public record TokenRow(String model, List<List<TokenChip>> words, String summary, List<String> warnings,
                       String note) {

    /** The row of a loaded model. */
    public TokenRow(String model, List<List<TokenChip>> words, String summary, List<String> warnings) {
        this(model, words, summary, warnings, "");
    }

    /** Whether only the model's tokenizer is present (its weights are not downloaded). */
    public boolean tokenizerOnly() {
        return !note.isEmpty();
    }

    /** All chips in order. */
    public List<TokenChip> chips() {
        return words.stream().flatMap(List::stream).toList();
    }
}
