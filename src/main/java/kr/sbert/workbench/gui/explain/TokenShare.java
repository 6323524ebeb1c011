package kr.sbert.workbench.gui.explain;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import kr.sbert.workbench.core.explain.PairExplanation;
import kr.sbert.workbench.core.model.TokenEmbeddings;
import kr.sbert.workbench.core.text.Token;

/**
 * One chip's place in an explanation: which sentence, which fed token, its share and best match.
 *
 * @param first     whether the token belongs to sentence 1 (rows of the alignment)
 * @param index     its index among the fed tokens of its sentence
 * @param share     its share of the cosine
 * @param bestMatch the piece of its most similar token in the other sentence
 * @param bestCos   the cosine of that match
 * @param scale     the largest |share| of the pair (for the colour scale)
 */
public record TokenShare(boolean first, int index, double share, String bestMatch, double bestCos, double scale) {

    /**
     * The share of {@code token} of {@code text} in {@code e}, when {@code text} is one of the
     * pair's sentences and the token was fed to the model.
     */
    public static Optional<TokenShare> find(PairExplanation e, String text, Token token) {
        boolean first = e.a().encoding().text().equals(text);
        if (!first && !e.b().encoding().text().equals(text)) {
            return Optional.empty();
        }
        TokenEmbeddings side = first ? e.a() : e.b();
        List<Token> fed = side.fedTokens();
        int index = fed.indexOf(token);
        if (index < 0) {
            return Optional.empty();
        }
        TokenEmbeddings other = first ? e.b() : e.a();
        int best = first ? e.alignment().bestForA()[index] : e.alignment().bestForB()[index];
        double cos = first ? e.alignment().similarity()[index][best] : e.alignment().similarity()[best][index];
        double share = first ? e.shares().a()[index] : e.shares().b()[index];
        return Optional.of(new TokenShare(first, index, share, other.fedTokens().get(best).piece(), cos,
                ShareShading.scale(e.shares().a(), e.shares().b())));
    }

    /** Hover lines added to the chip's tooltip. */
    public String tooltip() {
        return String.format(Locale.ROOT, "share of the cosine %+.5f%nbest match %s (cos %.3f)", share, bestMatch, bestCos);
    }
}
