package kr.sbert.workbench.core.model;

import java.nio.file.Path;
import kr.sbert.workbench.core.text.HfTextTokenizer;
import kr.sbert.workbench.core.text.TokenizerLoader;
import kr.sbert.workbench.core.text.TokenizerSettings;

/**
 * The tokenizer of a model folder, loaded exactly as {@link SentenceTransformerModel#load} loads
 * it (the Transformer module's folder, {@code max_seq_length} and {@code do_lower_case} from
 * {@code sentence_bert_config.json}) — which is also how it gets it — so the tokens are the
 * model's tokens. The folder needs no weights: a tokenizer-only snapshot or the shipped copy
 * is enough.
 */
public final class ModelTokenizer {
    private ModelTokenizer() {
    }

    /** Reads the folder's layout and loads its tokenizer with the folder's own {@code max_seq_length}. */
    public static HfTextTokenizer load(Path folder, boolean nfc) throws MalformedModelException {
        ModelFolder layout = ModelFolder.read(folder);
        return load(layout, layout.maxSeqLength(), nfc);
    }

    /**
     * Loads the tokenizer of an already read folder.
     *
     * @param maxSeqLength the limit in tokens counting {@code [CLS]}/{@code [SEP]} (the folder's, or
     *                     the one a caller set, as sentence-transformers' {@code model.max_seq_length})
     * @param nfc          normalise input to NFC first
     */
    public static HfTextTokenizer load(ModelFolder layout, int maxSeqLength, boolean nfc) throws MalformedModelException {
        return TokenizerLoader.load(layout.transformerDir(),
                new TokenizerSettings(maxSeqLength, layout.lowerCaseInput(), nfc));
    }

    /** Loads the tokenizer of an already read folder with the given settings (prompt included). */
    public static HfTextTokenizer load(ModelFolder layout, TokenizerSettings settings) throws MalformedModelException {
        return TokenizerLoader.load(layout.transformerDir(), settings);
    }

    /**
     * The vocabulary's kind as users know it, from the files alone: {@code Unigram} for a
     * SentencePiece {@code tokenizer.json}, else {@code WordPiece}.
     */
    public static String kind(java.nio.file.Path transformerDir) {
        return TokenizerLoader.kind(transformerDir);
    }
}
