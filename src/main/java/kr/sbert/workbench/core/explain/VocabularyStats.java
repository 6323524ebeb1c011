package kr.sbert.workbench.core.explain;

import java.util.List;

/**
 * How one model's vocabulary handles a set of sentences (tokenizer only, no weights).
 * Token counts are WordPiece pieces without {@code [CLS]}/{@code [SEP]}, untruncated.
 *
 * @param model            the model's display name
 * @param sentences        sentences tokenized
 * @param meanTokens       mean pieces per sentence
 * @param p95Tokens        95th percentile of pieces per sentence (nearest rank)
 * @param maxTokens        most pieces in one sentence
 * @param maxSeqLength     the model's limit, counting {@code [CLS]}/{@code [SEP]}
 * @param truncated        sentences cut at {@code maxSeqLength}
 * @param tokens           pieces in all
 * @param unknownTokens    {@code [UNK]} pieces
 * @param topUnknownWords  the words that became {@code [UNK]} most often, most frequent first
 * @param whitespaceWords  words separated by whitespace
 * @param words            pre-tokenizer words (split on whitespace and punctuation): a piece
 *                         that is not a {@code ##} continuation starts one
 * @param splitWords       pre-tokenizer words made of two or more pieces
 */
public record VocabularyStats(String model, int sentences, double meanTokens, int p95Tokens, int maxTokens,
                              int maxSeqLength, int truncated, long tokens, long unknownTokens,
                              List<WordCount> topUnknownWords, long whitespaceWords, long words, long splitWords) {

    public VocabularyStats {
        topUnknownWords = List.copyOf(topUnknownWords);
    }

    /** Share of pieces that are {@code [UNK]}. */
    public double unknownRate() {
        return tokens == 0 ? 0 : (double) unknownTokens / tokens;
    }

    /** Pieces per whitespace word. */
    public double fertility() {
        return whitespaceWords == 0 ? 0 : (double) tokens / whitespaceWords;
    }

    /** Share of pre-tokenizer words split into two or more pieces. */
    public double splitShare() {
        return words == 0 ? 0 : (double) splitWords / words;
    }
}
