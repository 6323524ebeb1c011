package kr.sbert.workbench.core.hub;

/**
 * What the workbench knows about one model variant. Facts that could not be checked say
 * {@code "unknown"} rather than guess.
 *
 * @param id           hub id {@code org/name}
 * @param baseModel    the BERT it was fine-tuned from
 * @param vocabSize    WordPiece vocabulary size as text ({@code "40,000"}, or {@code "unknown"})
 * @param trainingData what it was fine-tuned on
 * @param weights      the weight file on {@code main} and its size ({@code "pytorch_model.bin, 467 MB"})
 * @param maxSeqLength {@code max_seq_length} from {@code sentence_bert_config.json}, or {@code "unknown"}
 * @param goodFor      one line on when to pick it
 */
public record CatalogEntry(String id, String baseModel, String vocabSize, String trainingData, String weights,
                           String maxSeqLength, String goodFor) {

    /** The value used for a fact that could not be checked. */
    public static final String UNKNOWN = "unknown";
}
