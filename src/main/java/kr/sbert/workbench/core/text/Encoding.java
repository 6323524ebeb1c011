package kr.sbert.workbench.core.text;

import java.util.List;

/**
 * What a tokenizer makes of one text.
 *
 * @param text      the text as given (before stripping)
 * @param tokens    every token of the untruncated encoding, in order, including the special
 *                  tokens; tokens past the model's limit carry {@link Token#truncated()}
 * @param inputIds  the ids fed to the model: with {@code [CLS]}/{@code [SEP]}, truncated to
 *                  {@code max_seq_length}
 * @param truncated whether the text was cut to fit {@code max_seq_length}
 */
public record Encoding(String text, List<Token> tokens, long[] inputIds, boolean truncated) {

    /** The WordPiece pieces without special tokens and without truncation. */
    public List<String> pieces() {
        return tokens.stream().filter(t -> !t.special()).map(Token::piece).toList();
    }

    /** The non-special tokens, untruncated. */
    public List<Token> wordTokens() {
        return tokens.stream().filter(t -> !t.special()).toList();
    }
}
