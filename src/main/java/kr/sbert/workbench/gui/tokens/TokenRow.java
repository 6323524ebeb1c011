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
 */
public record TokenRow(String model, List<List<TokenChip>> words, String summary, List<String> warnings) {

    /** All chips in order. */
    public List<TokenChip> chips() {
        return words.stream().flatMap(List::stream).toList();
    }
}
