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

    /** SentencePiece's word-start mark. */
    public static final String WORD_START = "\u2581";

    /**
     * The piece without its word mark, as a part of its word: WordPiece's {@code ##} off a
     * continuation, SentencePiece's {@code ▁} off a word's first piece ({@code ""} for a lone
     * {@code ▁}, which only marks the word's start). Pieces of both kinds of vocabulary compare so.
     */
    public String bare() {
        if (special) {
            return piece;
        }
        if (continuation && piece.startsWith("##")) {
            return piece.substring(2);
        }
        return !continuation && piece.startsWith(WORD_START) ? piece.substring(WORD_START.length()) : piece;
    }
}
