package kr.sbert.workbench.core.text;

/**
 * One WordPiece token as the GUI's token view and the CLI's {@code tokenize} show it.
 *
 * @param piece        the vocabulary piece, e.g. {@code "##모를"} or {@code "[CLS]"}
 * @param id           its vocabulary id
 * @param start        start offset in the original text, in Java {@code char} units; -1 for special tokens
 * @param end          end offset (exclusive), in {@code char} units; -1 for special tokens
 * @param special      {@code [CLS]}, {@code [SEP]} and other added special tokens
 * @param continuation a {@code ##} piece that continues the previous word
 * @param unknown      the unknown token ({@code [UNK]})
 * @param truncated    beyond {@code max_seq_length}: the model never sees it
 */
public record Token(String piece, long id, int start, int end,
                    boolean special, boolean continuation, boolean unknown, boolean truncated) {
}
