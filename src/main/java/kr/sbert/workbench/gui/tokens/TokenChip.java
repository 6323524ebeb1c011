package kr.sbert.workbench.gui.tokens;

import kr.sbert.workbench.core.text.Token;

/**
 * One token as a chip: the core's {@link Token} plus what the view needs to draw it.
 *
 * @param token     the token
 * @param differing whether another selected model splits this token's word differently
 */
public record TokenChip(Token token, boolean differing) {

    /**
     * The text on the chip: the piece without its word mark ({@link Token#bare()}), since the pieces
     * of a word are drawn joined; a lone {@code ▁} stays as it is.
     */
    public String label() {
        String bare = token.bare();
        return bare.isEmpty() ? token.piece() : bare;
    }

    /** CSS style classes: {@code token}, plus special / continuation / unknown / truncated / differing. */
    public java.util.List<String> styleClasses() {
        java.util.List<String> c = new java.util.ArrayList<>();
        c.add("token");
        if (token.special()) {
            c.add("token-special");
        }
        if (token.continuation()) {
            c.add("token-continuation");
        }
        if (token.unknown()) {
            c.add("token-unknown");
        }
        if (token.truncated()) {
            c.add("token-truncated");
        }
        if (differing) {
            c.add("token-differing");
        }
        return c;
    }

    /** Hover text: piece, id and character offsets. */
    public String tooltip() {
        String where = token.start() < 0 ? "special token" : "chars " + token.start() + "–" + token.end();
        String s = token.piece() + "\nid " + token.id() + "\n" + where;
        if (token.unknown()) {
            s += "\nunknown to the vocabulary: the model sees its unknown token ([UNK] / <unk>)";
        }
        if (token.truncated()) {
            s += "\nbeyond max_seq_length: the model never sees it";
        }
        return s;
    }
}
