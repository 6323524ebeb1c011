package kr.sbert.workbench.core.text;

import java.util.List;

/**
 * A sentence-transformers Transformer module's tokenizer: strips the input, applies the
 * module's own lower-casing when configured, tokenizes with the checkpoint's WordPiece
 * vocabulary and truncates to {@link #maxSeqLength()} including {@code [CLS]}/{@code [SEP]}.
 * Instances are thread-safe. Closing releases the native tokenizer.
 */
public interface TextTokenizer extends AutoCloseable {

    Encoding encode(String text);

    /** Encodes many texts at once (faster than one by one); results are in input order. */
    List<Encoding> encodeAll(List<String> texts);

    /**
     * The ids the model is fed for each text ({@link Encoding#inputIds()} of {@link #encodeAll}),
     * reading no more of a long text than {@link #maxSeqLength()} tokens need.
     */
    default List<long[]> modelInputIds(List<String> texts) {
        return encodeAll(texts).stream().map(Encoding::inputIds).toList();
    }

    /**
     * {@link #encodeAll}, but a text with more than {@code maxPieces} pieces is tokenized only
     * that far: its encoding lists its first {@code maxPieces} pieces (its input ids are the whole
     * text's, as {@code maxPieces} is at least {@link #maxSeqLength()}).
     */
    default List<Encoding> encodeAll(List<String> texts, int maxPieces) {
        return encodeAll(texts);
    }

    /** Length limit in tokens, counting {@code [CLS]} and {@code [SEP]}. */
    int maxSeqLength();

    /** Number of entries in the vocabulary. */
    int vocabSize();

    /** The largest id the tokenizer can produce (vocabulary and added tokens); the model needs that many rows. */
    default long maxTokenId() {
        return vocabSize() - 1L;
    }

    /** How the vocabulary marks words: WordPiece's {@code ##} continuations or SentencePiece's {@code ▁} starts. */
    default WordMarks wordMarks() {
        return WordMarks.continuedBy("##");
    }

    /** The id of the padding token. */
    long padId();

    /**
     * Whether the tokenizer's normalizer lower-cases or strips accents, which turns Hangul
     * syllables into conjoining jamo (the GUI warns about it).
     */
    default boolean lowercases() {
        return false;
    }

    /** The text as the tokenizer's normalizer hands it to the WordPiece model (for display). */
    default String whatTheModelSees(String text) {
        return text.strip();
    }

    @Override
    void close();
}
