package kr.sbert.workbench.core.model;

import java.util.List;
import kr.sbert.workbench.core.text.Encoding;

/**
 * One text's token vectors and its sentence embedding from the same forward pass: the last
 * hidden state sentence-transformers exposes as {@code output_value='token_embeddings'},
 * restricted to the positions the attention mask keeps.
 *
 * @param encoding    what the tokenizer made of the text ({@link Encoding#inputIds()} are the
 *                    ids fed to the model, one per row of {@code tokens})
 * @param tokens      {@code [length][hidden]}: the last hidden state of each fed token,
 *                    {@code [CLS]} and {@code [SEP]} included, padding excluded
 * @param pooled      the sentence embedding ({@code encode}'s output) computed from those vectors
 * @param pooling     the pooling modes, in concatenation order
 * @param normalize   whether a {@code Normalize} module followed the pooling
 * @param additive    whether {@code pooled} is (up to {@code Normalize}'s scale) the pooling of
 *                    {@code tokens} alone; false after a {@code Dense} module, where no exact
 *                    split over tokens exists
 */
public record TokenEmbeddings(Encoding encoding, float[][] tokens, float[] pooled,
                              List<PoolingMode> pooling, boolean normalize, boolean additive) {

    public TokenEmbeddings {
        pooling = List.copyOf(pooling);
        if (tokens.length != encoding.inputIds().length) {
            throw new IllegalArgumentException(tokens.length + " token vectors for "
                    + encoding.inputIds().length + " input ids");
        }
    }

    /** The tokens fed to the model, one per row of {@link #tokens()}: {@code [CLS]}, the pieces that fit, {@code [SEP]}. */
    public List<kr.sbert.workbench.core.text.Token> fedTokens() {
        return encoding.tokens().stream().filter(t -> !t.truncated()).toList();
    }
}
